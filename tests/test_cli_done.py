"""`coach done ROUTINE [--date] [--partly | --rest]`: a past day marked afterwards from the
shell, kept as a mark (not a session), counted, shown by `coach history`, and refused
kindly beyond the last 30 days."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coach.insight.history import load_history
from coach.store import Store
from coach.store.records import record_problem
from tests.test_cli_mood import run, stored

# The pinned clock (tests/conftest.py): 20:00 UTC on Sunday 22 November 2026.
TODAY = date(2026, 11, 22)


def test_today_marked_done_is_one_mark_record(coach_dirs: dict[str, Path]) -> None:
    code, out, err = run("done", "morning")
    assert (code, err) == (0, "")
    assert out == "Marked today done for Morning routine.\n"
    [record] = stored(coach_dirs["data"])
    assert record_problem(record) is None
    assert (record["kind"], record["routine"], record["day"], record["mark"]) == \
        ("mark", "morning", "2026-11-22", "done")


def test_a_past_day_partly_or_rest_counts_and_history_says_it_was_marked(
        coach_dirs: dict[str, Path]) -> None:
    assert run("done", "morning", "--date", "2026-11-20", "--partly") == \
        (0, "Marked Friday 20 November partly done for Morning routine.\n", "")
    code, out, _ = run("done", "evening", "--date", "2026-11-19", "--rest")
    assert (code, out) == (0, "Marked Thursday 19 November a rest day for Evening wind-down. "
                              "Rest is part of it.\n")
    assert run("done", "morning", "--date", "2026-10-24")[0] == 0  # 29 days back
    history = load_history(Store(coach_dirs["data"]))
    assert history.routine("morning").marked == {date(2026, 11, 20): "partly",
                                                 date(2026, 10, 24): "done"}
    assert history.routine("evening").rest == {date(2026, 11, 19)}
    code, out, _ = run("history", "--days", "5")
    assert code == 0
    assert "  Morning routine: marked partly done afterwards" in out
    assert "  Evening wind-down: a rest day" in out


def test_the_latest_mark_wins(coach_dirs: dict[str, Path]) -> None:
    run("done", "morning", "--date", "2026-11-20", "--rest")
    run("done", "morning", "--date", "2026-11-20")
    history = load_history(Store(coach_dirs["data"]))
    assert history.routine("morning").rest == set()
    assert history.routine("morning").marked == {date(2026, 11, 20): "done"}


@pytest.mark.parametrize(("day", "words"), [
    ("2026-10-23", "2026-10-23 is too long ago to mark"),
    ("2026-11-23", "2026-11-23 is still to come"),
])
def test_beyond_30_days_or_in_the_future_is_said_and_nothing_is_kept(
        coach_dirs: dict[str, Path], day: str, words: str) -> None:
    code, out, err = run("done", "morning", "--date", day)
    assert (code, out) == (2, "")
    assert err == f"{words}: coach marks the last 30 days, from 2026-10-24 to today " \
                  "(2026-11-22).\n"
    assert not coach_dirs["data"].exists() or not stored(coach_dirs["data"])


def test_an_unknown_routine_gets_a_did_you_mean(coach_dirs: dict[str, Path]) -> None:
    code, out, err = run("done", "mornin")
    assert (code, out) == (2, "")
    assert err == "No routine 'mornin'; did you mean 'morning'? Your routines: evening, " \
                  "morning, quick-reset.\n"


@pytest.mark.parametrize("args", [("--date", "22-11-2026"), ("--partly", "--rest")])
def test_a_date_not_in_its_form_or_two_marks_at_once_are_said(
        coach_dirs: dict[str, Path], args: tuple[str, ...]) -> None:
    code, out, err = run("done", "morning", *args)
    assert (code, out) == (2, "")
    assert "YYYY-MM-DD" in err or "Choose one of --partly and --rest." in err


def test_a_day_finished_in_coach_stands_and_the_person_is_told(
        coach_dirs: dict[str, Path]) -> None:
    store = Store(coach_dirs["data"])
    store.record_session("morning", "s1", "finished", day=date(2026, 11, 21))
    code, out, _ = run("done", "morning", "--date", "2026-11-21", "--partly")
    assert code == 0
    assert out == "Marked Saturday 21 November partly done for Morning routine. You finished " \
                  "it in coach that day, and that still counts as done.\n"
