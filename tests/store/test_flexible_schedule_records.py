"""A schedule of a number of times per period is kept with each session, like fixed days,
so that the figures of past days follow the schedule then in force after it is edited."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace

import pytest

from coach.foundation.frequency import (
    Frequency, InForce, every, schedule_of_json, schedule_to_json,
)
from coach.insight.history import load_history
from coach.insight.overview import progress_of, series_progress
from coach.store import Store
from coach.store.records import record_problem

MONDAY = date(2026, 3, 2)
NOW = datetime(2026, 3, 29, 20, tzinfo=timezone.utc)


def _store(directory: Path) -> Store:
    return Store(directory, zone=(timezone.utc, "UTC"), now=lambda: NOW)


def test_a_number_of_times_is_recorded_as_written(tmp_path: Path) -> None:
    store = _store(tmp_path)
    record = store.session_record("walk", "s1", "finished", day=MONDAY,
                                  weekdays=Frequency(3, "week"))
    assert record["weekdays"] == {"times": 3, "per": "week"}
    assert record_problem(record) is None
    assert store.session_record("walk", "s2", "finished", day=MONDAY,
                                weekdays=every(2))["weekdays"] == {"every": 2}


@pytest.mark.parametrize("weekdays", [
    None, [0, 6], {"every": 2}, {"every": 30}, {"times": 1, "per": "week"},
    {"times": 6, "per": "week"}, {"times": 29, "per": "month"}])
def test_each_schedule_coach_could_have_written_is_taken(tmp_path: Path,
                                                         weekdays: object) -> None:
    record = _store(tmp_path).session_record("walk", "s1", "finished", day=MONDAY)
    record["weekdays"] = weekdays
    assert record_problem(record) is None


@pytest.mark.parametrize("schedule", [None, frozenset({0, 2, 4}), Frequency(3, "week"),
                                      Frequency(2, "month"), every(2), every(30)])
def test_a_schedule_is_read_back_as_it_was_kept(schedule: InForce) -> None:
    assert schedule_of_json(schedule_to_json(schedule)) == schedule


@pytest.mark.parametrize("weekdays", [
    {"times": 9, "per": "week"}, {"times": 3}, {"every": 1}, {"every": 2, "per": "week"},
    {"times": 3, "per": "fortnight"}, [0, 0], {"every": 31}, {"every": True},
    {"every": 2.0}, {"times": 0, "per": "week"}, {"times": 7, "per": "week"},
    {"times": 30, "per": "month"}, {}, "", [7], [-1]])
def test_a_schedule_not_coach_could_have_written_is_refused(tmp_path: Path,
                                                            weekdays: object) -> None:
    record = _store(tmp_path).session_record("walk", "s1", "finished", day=MONDAY)
    record["weekdays"] = weekdays
    assert record_problem(record) is not None


def test_days_before_an_edit_follow_the_number_of_times_recorded(tmp_path: Path) -> None:
    # Three weeks kept three times a week (Mon, Wed, Fri) as {times: 3, per: week}; the
    # routine has since been made daily. The past is still read as three times a week.
    store = _store(tmp_path)
    for week in range(3):
        for weekday in (0, 2, 4):
            day = MONDAY + timedelta(days=7 * week + weekday)
            store.record_session("walk", f"s{week}{weekday}", "finished", day=day,
                                 weekdays=Frequency(3, "week"))
    today = MONDAY + timedelta(days=18)  # the last Friday, the last day recorded
    routine = SimpleNamespace(id="walk", steps=[None, None],
                              schedule=SimpleNamespace(days=tuple(range(7))))
    history = load_history(store)
    assert history.routine("walk").schedules == [(MONDAY, Frequency(3, "week"))]
    from_digests = progress_of(history, routine, today)  # type: ignore[arg-type]
    from_series = series_progress(store.series(), routine, today)  # type: ignore[arg-type]
    assert from_digests == from_series
    assert (from_digests.current_run, from_digests.best_run) == (3, 3)  # weeks met
    assert from_digests.strength > 0.45
