"""Reminders for a routine kept a number of times per period: at its time, only while the
period's count is not reached (for every N days, once N days have passed since it was
last done); on the pinned clock, Sunday 22 November 2026 at 20:00 UTC."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.store import Store
from tests.remind.test_engine import TODAY, Recorder, engine_with, write_routine

WEEK = "  days: {times: 3, per: week}\n"
EVERY_TWO = "  days: {every: 2}\n"


@pytest.fixture
def store(coach_dirs: dict[str, Path]) -> Store:
    return Store(coach_dirs["data"])


def _done(store: Store, *days_back: int) -> None:
    for back in days_back:
        store.record_session("evening", f"s{back}", "finished",
                             day=TODAY - timedelta(days=back))


def _outcomes(store: Store, coach_dirs: dict[str, Path], days: str) -> list[tuple[str | None, str]]:
    write_routine(coach_dirs["routines"], "19:30", extra=days)
    result = engine_with(store, Recorder()).run_pass()
    return [(o.via, o.note) for o in result.outcomes]


def test_a_week_not_yet_kept_three_times_is_reminded_on_any_day(
        store: Store, coach_dirs: dict[str, Path]) -> None:
    _done(store, 6, 4)  # Monday and Wednesday
    assert _outcomes(store, coach_dirs, WEEK) == [("recorder", "")]


def test_a_week_kept_three_times_is_not_reminded(store: Store,
                                                 coach_dirs: dict[str, Path]) -> None:
    _done(store, 6, 4, 2)  # Monday, Wednesday, Friday
    assert _outcomes(store, coach_dirs, WEEK) == [
        (None, "3 times a week: done often enough for now")]


def test_done_today_for_the_third_time_the_week_is_kept(store: Store,
                                                        coach_dirs: dict[str, Path]) -> None:
    _done(store, 6, 4, 0)  # Monday, Wednesday, and today, Sunday
    assert _outcomes(store, coach_dirs, WEEK) == [
        (None, "3 times a week: done often enough for now")]


def test_last_week_counts_nothing_for_this_one(store: Store,
                                               coach_dirs: dict[str, Path]) -> None:
    _done(store, 7, 8, 9, 10)  # last Sunday back to Thursday
    assert _outcomes(store, coach_dirs, WEEK) == [("recorder", "")]


@pytest.mark.parametrize(("days_back", "reminded"), [((1,), False), ((2,), True),
                                                     ((), True), ((0,), False)])
def test_every_two_days_reminds_once_two_days_have_passed(
        store: Store, coach_dirs: dict[str, Path], days_back: tuple[int, ...],
        reminded: bool) -> None:
    _done(store, *days_back)
    vias = [via for via, _ in _outcomes(store, coach_dirs, EVERY_TWO)]
    assert vias == (["recorder"] if reminded else [None])


def test_the_time_comes_every_day_for_a_number_of_times(coach_dirs: dict[str, Path]) -> None:
    from datetime import datetime, time, timezone

    from coach.foundation.frequency import Frequency
    from coach.remind.schedule import Plan, Rules, upcoming

    plan = Plan("walk", "Walk", 20, time(18, 0), Frequency(3, "week"))
    now = datetime(2026, 11, 22, 20, tzinfo=timezone.utc)
    coming = upcoming([plan], Rules(timezone.utc), now, now + timedelta(days=3))
    assert [r.day for r in coming] == [date(2026, 11, 23), date(2026, 11, 24),
                                       date(2026, 11, 25)]


@pytest.mark.parametrize(("friday", "reminded"), [("done", False), ("partly", True)])
def test_days_marked_done_afterwards_count_towards_the_week(
        store: Store, coach_dirs: dict[str, Path], friday: str, reminded: bool) -> None:
    _done(store, 6)  # Monday in the app; Wednesday and Friday marked afterwards
    store.mark_day("evening", TODAY - timedelta(days=4), "done")
    store.mark_day("evening", TODAY - timedelta(days=2), friday)
    assert _outcomes(store, coach_dirs, WEEK) == ([("recorder", "")] if reminded else [
        (None, "3 times a week: done often enough for now")])
