"""`coach undo` takes back the last correction or deletion, said first and asked; and
`coach doctor --purge-removed` empties what was deleted, asked twice."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.session.run import StepOutcome
from coach.store import Store
from tests.conftest import PinnedClock

DAY = date(2026, 11, 20)


def run(*args: str, answers: str = "") -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=answers)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


def journal(data: Path, day: date, text: str) -> dict:  # type: ignore[type-arg]
    at = datetime(day.year, day.month, day.day, 21, tzinfo=timezone.utc)
    return Store(data).record_step("evening", f"s{day}", StepOutcome(
        "journal", "journal", "done", at, at + timedelta(minutes=3), {"text": text}), day=day)


def held(data: Path) -> dict[str, bytes]:
    """Each month's bytes, by month: the first command run knowing this device makes the
    month files its own by a rename, nothing rewritten."""
    return {p.name[8:15]: p.read_bytes() for p in data.glob("records-*.json")}


def deleted_and_corrected(data: Path, clock: PinnedClock) -> tuple[dict, dict]:  # type: ignore[type-arg]
    first = journal(data, DAY, "first words of a long evening entry")
    second = journal(data, date(2026, 10, 3), "an October page")
    clock.set(datetime(2026, 11, 22, 19, 5, tzinfo=timezone.utc))
    Store(data).correct_entry(second["uid"], date(2026, 10, 3), {"text": "October, again"})
    clock.set(datetime(2026, 11, 22, 19, 14, tzinfo=timezone.utc))
    Store(data).delete_entry(first["uid"], DAY)
    clock.set(datetime(2026, 11, 22, 20, tzinfo=timezone.utc))
    return first, second


def test_undo_says_the_last_change_asks_and_goes_further_back_each_time(
        coach_dirs: dict[str, Path], pinned_clock: PinnedClock) -> None:
    data = coach_dirs["data"]
    first, second = deleted_and_corrected(data, pinned_clock)
    code, out = run("undo", answers="n\n")
    assert code == 0
    assert out == ("Deleted on 22 Nov 19:14: the journal entry of 20 Nov, 'first words of a "
                   "long evening…'\nUndo it? [y/N]: n\nNothing was changed.\n")
    assert Store(data).entry(first["uid"], DAY) is None
    code, out = run("undo", answers="y\n")
    assert code == 0 and out.endswith("The journal entry of 20 Nov is back.\n")
    assert Store(data).entry(first["uid"], DAY) == first
    code, out = run("undo", "--yes")
    assert code == 0 and out == (
        "Corrected on 22 Nov 19:05: the journal entry of 3 Oct, 'an October page'\n"
        "The journal entry of 3 Oct is as it was before the correction.\n")
    assert Store(data).entry(second["uid"], date(2026, 10, 3)) == second
    code, out = run("undo", "--yes")
    assert (code, out) == (0, "Nothing to undo: there is no correction, deletion or marked "
                              "day left to take back. Your history is as you left it.\n")


def test_nothing_to_undo_in_an_empty_folder_is_said_kindly(coach_dirs: dict[str, Path]) -> None:
    code, out = run("undo")
    assert code == 0 and out.startswith("Nothing to undo")


def test_purge_says_how_many_by_month_and_asks_twice(
        coach_dirs: dict[str, Path], pinned_clock: PinnedClock) -> None:
    data = coach_dirs["data"]
    first, second = deleted_and_corrected(data, pinned_clock)
    Store(data).delete_entry(second["uid"], date(2026, 10, 3))
    before = held(data)
    for answers in ("no\n", "yes\nn\n", "\n"):
        code, out = run("doctor", "--purge-removed", answers=answers)
        assert code == 0 and out.endswith("Nothing was erased.\n")
        assert held(data) == before
    assert ("coach keeps 2 entries you deleted, so that coach undo can bring them back:\n"
            "  October 2026: 1 entry\n  November 2026: 1 entry\n") in out
    code, out = run("doctor", "--purge-removed", answers="yes\ny\n")
    assert code == 0 and out.endswith("Erased 2 entries.\n")
    raw = Store(data).records()
    assert not [r for r in raw if r["uid"] in (first["uid"], second["uid"])
                or r.get("of") in (first["uid"], second["uid"])]
    assert run("undo", "--yes")[1].startswith("Nothing to undo")
    assert run("doctor", "--purge-removed") == (
        0, "Nothing to empty: no deleted entry is kept.\n")


def test_purge_has_no_yes_to_skip_the_questions(coach_dirs: dict[str, Path],
                                                pinned_clock: PinnedClock) -> None:
    data = coach_dirs["data"]
    deleted_and_corrected(data, pinned_clock)
    result = CliRunner().invoke(cli, ["doctor", "--purge-removed", "--yes"])
    assert result.exit_code == 2
    assert Store(data).removed_counts() == {"2026-11": 1}


def test_a_json_export_keeps_every_version_and_an_import_brings_them_back(
        coach_dirs: dict[str, Path], pinned_clock: PinnedClock, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    data = coach_dirs["data"]
    first, _ = deleted_and_corrected(data, pinned_clock)
    backup = tmp_path / "backup.json"
    assert run("export", "-o", str(backup))[0] == 0
    code, csv = run("export", "--format", "csv")
    assert code == 0 and "revision" not in csv and "first words" not in csv
    assert "October, again" in csv and "an October page" not in csv
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("COACH_DATA_DIR", str(elsewhere))
    assert run("import", str(backup))[0] == 0
    assert run("undo", "--yes")[1].endswith("The journal entry of 20 Nov is back.\n")
    assert Store(elsewhere).entry(first["uid"], DAY) == first


def test_days_marked_afterwards_are_undone_in_turn_with_entries(
        coach_dirs: dict[str, Path], pinned_clock: PinnedClock) -> None:
    data = coach_dirs["data"]
    first, _ = deleted_and_corrected(data, pinned_clock)  # at 19:05 and 19:14
    store = Store(data)
    pinned_clock.set(datetime(2026, 11, 22, 19, 30, tzinfo=timezone.utc))
    store.mark_day("evening", date(2026, 11, 19), "rest")
    pinned_clock.set(datetime(2026, 11, 22, 19, 40, tzinfo=timezone.utc))
    store.mark_day("evening", date(2026, 11, 19), "done")
    pinned_clock.set(datetime(2026, 11, 22, 20, tzinfo=timezone.utc))
    assert run("undo", "--yes")[1] == ("Marked on 22 Nov 19:40: 19 Nov done for Evening wind-down\n"
                                      "19 Nov for Evening wind-down is marked a rest day again.\n")
    assert Store(data).rest_days("evening", date(2026, 11, 19), date(2026, 11, 19)) == \
        {date(2026, 11, 19)}
    assert run("undo", "--yes")[1] == ("Marked on 22 Nov 19:30: 19 Nov a rest day for Evening "
                                      "wind-down\n19 Nov for Evening wind-down is not marked again.\n")
    assert not Store(data).rest_days("evening", date(2026, 11, 19), date(2026, 11, 19))
    assert run("undo", "--yes")[1].startswith("Deleted on 22 Nov 19:14")  # then the entries
    assert Store(data).entry(first["uid"], DAY) == first
    marks = [r for r in Store(data).records() if r["kind"] in ("mark", "rest")]
    assert [r.get("undoes") for r in marks[2:]] == [marks[1]["uid"], marks[0]["uid"]]


def test_no_one_to_answer_changes_nothing_and_says_so(coach_dirs: dict[str, Path],
                                                     pinned_clock: PinnedClock) -> None:
    data = coach_dirs["data"]
    first, _ = deleted_and_corrected(data, pinned_clock)
    before = held(data)
    code, out = run("undo")  # input closed, as under cron
    assert code == 0 and out.endswith("Undo it? [y/N]: \nNothing was changed.\n"), out
    code, out = run("doctor", "--purge-removed")
    assert code == 0 and out.endswith("Nothing was erased.\n"), out
    assert held(data) == before
