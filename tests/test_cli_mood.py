"""`coach mood RATING [WORDS] [--tag TAG ...]`: a quick check-in from the shell, no terminal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.store import Store
from coach.store.records import record_problem


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def stored(data: Path) -> list[dict]:  # type: ignore[type-arg]
    return Store(data).records()


def test_a_check_in_from_the_shell_is_one_mood_record_of_today(
        coach_dirs: dict[str, Path]) -> None:
    code, out, err = run("mood", "6", "tired", "--tag", "walk", "--tag", "work")
    assert (code, err) == (0, "")
    assert out == "Saved your check-in: 6 (tired), tagged walk, work\n"
    [record] = stored(coach_dirs["data"])
    assert record_problem(record) is None
    assert (record["kind"], record["routine"], record["type"], record["status"]) == \
        ("step", "_mood", "mood", "done")
    assert record["data"] == {"rating": 6, "feelings": [], "note": "tired",
                              "tags": ["walk", "work"]}
    # The pinned clock (tests/conftest.py): 20:00 UTC on Sunday 22 November 2026.
    assert (record["day"], record["utc"][:16]) == ("2026-11-22", "2026-11-22T20:00")


def test_the_rating_alone_is_enough(coach_dirs: dict[str, Path]) -> None:
    code, out, _ = run("mood", "10")
    assert (code, out) == (0, "Saved your check-in: 10\n")
    [record] = stored(coach_dirs["data"])
    assert record["data"] == {"rating": 10, "feelings": [], "note": "", "tags": []}


@pytest.mark.parametrize("rating", ["11", "-1", "six", "6.5", ""])
def test_a_rating_outside_0_to_10_is_said_and_nothing_is_kept(
        coach_dirs: dict[str, Path], rating: str) -> None:
    code, out, err = run("mood", rating, "tired")
    assert code == 2 and out == ""
    assert f"The rating is a whole number from 0 (worst) to 10 (best), not {rating!r}" in err
    assert not (coach_dirs["data"]).exists() or not stored(coach_dirs["data"])


def test_two_check_ins_a_day_both_count_in_the_mood_figures(
        coach_dirs: dict[str, Path]) -> None:
    assert run("mood", "4")[0] == 0
    assert run("mood", "8", "better after a walk")[0] == 0
    code, out, _ = run("stats", "--json")
    assert code == 0
    mood = json.loads(out)["mood"]
    [day] = [day for day in mood["by_day"] if day["day"] == "2026-11-22"]
    assert day["average"] == 6  # (4 + 8) / 2: neither replaces the other
    assert mood["days_with_check_in"] == 1


def test_tags_are_a_list_of_text_in_a_well_formed_record(coach_dirs: dict[str, Path]) -> None:
    run("mood", "5", "--tag", "walk")
    [record] = stored(coach_dirs["data"])
    assert record_problem({**record, "data": {**record["data"], "tags": "walk"}}) == \
        "the mood data has an unexpected 'tags'"


def test_the_tags_kept_in_settings_are_read(coach_dirs: dict[str, Path]) -> None:
    from coach.config.settings import load_settings

    path = coach_dirs["config"] / "settings.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("mood_tags: [work, slept well]\n", encoding="utf-8")
    assert load_settings(path)[0].mood_tags == ("work", "slept well")


def test_coach_history_shows_the_check_in_with_its_words_and_tags(
        coach_dirs: dict[str, Path]) -> None:
    run("mood", "6", "tired but ok", "--tag", "walk", "--tag", "[b]work[/b]")
    code, out, _ = run("history", "--days", "1")
    assert code == 0
    assert 'Mood check-in: 6/10 · "tired but ok" · tagged walk, [b]work[/b]' in out, out
