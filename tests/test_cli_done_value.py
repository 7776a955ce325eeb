"""`coach done ROUTINE --value NUMBER [--date DAY]`: a measured number from the shell,
kept for the routine's measure step as entered afterwards, the day marked done."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.store import Store
from coach.store.records import record_problem

SLEEP = """title: Sleep
steps:
  - type: measure
    label: Hours slept
    unit: hours
    at_least: 7
    max: 24
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def sleep(coach_dirs: dict[str, Path]) -> Path:
    coach_dirs["routines"].mkdir(parents=True)
    (coach_dirs["routines"] / "sleep.yaml").write_text(SLEEP)
    return coach_dirs["data"]


def test_a_number_is_kept_for_today_as_entered_afterwards(sleep: Path) -> None:
    code, out, err = run("done", "sleep", "--value", "7,5")
    assert (code, err) == (0, "")
    # The pinned clock (tests/conftest.py): 20:00 UTC on Sunday 22 November 2026.
    assert out == "Marked today done for Sleep. " \
                  "Hours slept on 2026-11-22: 7.5 hours (at least 7).\n"
    [record] = Store(sleep).records(kind="step")
    [mark] = Store(sleep).records(kind="mark")
    assert (mark["day"], mark["mark"]) == ("2026-11-22", "done")
    assert record_problem(record) is None
    assert (record["routine"], record["step"], record["type"], record["status"]) == \
        ("sleep", "measure", "measure", "done")
    assert record["data"] == {"value": 7.5, "unit": "hours", "target": 7,
                              "direction": "at least", "afterwards": True}


def test_a_day_before_is_kept_on_its_day_and_history_shows_it(sleep: Path) -> None:
    assert run("done", "sleep", "--value", "6", "--date", "2026-11-20")[0] == 0
    [record] = Store(sleep).records(kind="step")
    assert record["day"] == "2026-11-20"
    code, out, _ = run("history")
    assert code == 0
    # Said with the day's marks, not at the hour it was typed in.
    assert "Friday 20 November 2026\n  Sleep: marked done afterwards\n" \
           "  Sleep: ✓ Hours slept: 6 hours (target at least 7), entered afterwards\n" in out, out


@pytest.mark.parametrize(("args", "says"), [
    (["--value", "lots"], "'lots' is not a number coach can read"),
    (["--value", "25"], "The number is at most 24 hours; 25 is above."),
    (["--value", "7", "--date", "2026-11-23"], "2026-11-23 is still to come"),
    (["--value", "7", "--date", "2026-10-01"], "2026-10-01 is too long ago"),
    (["--value", "7", "--date", "yesterday"], "The date is a day such as 2026-11-23 (YYYY-MM-DD)"),
    (["--value", "7", "--rest"], "A rest day has no number"),
])
def test_what_cannot_be_kept_is_said_and_nothing_is_kept(sleep: Path, args: list[str],
                                                         says: str) -> None:
    code, out, err = run("done", "sleep", *args)
    assert code != 0 and out == ""
    assert says in err, err
    assert Store(sleep).records() == []


def test_a_routine_without_a_measure_step_says_so(sleep: Path,
                                                  coach_dirs: dict[str, Path]) -> None:
    (coach_dirs["routines"] / "calm.yaml").write_text(
        "title: Calm\nsteps:\n  - type: breathing\n")
    code, _, err = run("done", "calm", "--value", "3")
    assert code == 2
    assert "The routine 'calm' has no measure step" in err, err
    assert Store(sleep).records() == []  # nor is the day marked
    code, _, err = run("done", "slep", "--value", "3")
    assert code == 2 and "did you mean 'sleep'?" in err, err
