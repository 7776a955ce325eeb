"""A routine kept a number of times per period, said in its own terms."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.foundation.frequency import Frequency, every
from coach.insight.history import RoutineRecords
from coach.insight.period import period_end, period_words
from coach.insight.strength import routine_progress
from coach.insight.words import home_line

WEDNESDAY = date(2026, 1, 7)


def finished(*days_back: int) -> RoutineRecords:
    return RoutineRecords(finished={WEDNESDAY - timedelta(days=n) for n in days_back},
                          touched={WEDNESDAY - timedelta(days=n): 1 for n in days_back})


@pytest.mark.parametrize(("frequency", "done", "day_back", "words"), [
    (Frequency(3, "week"), (0, 2, 3), 0, "2 of 3 this week"),  # Sunday is last week's
    (Frequency(3, "week"), (0, 2, 3, 5, 6), 3, "3 of 3 that week"),
    (Frequency(2, "month"), (0, 6), 0, "2 of 2 this month"),
    (Frequency(2, "month"), (0, 7), 7, "1 of 2 that month"),  # 31 December
    (every(2), (2,), 0, "every 2 days: done 2 days ago"),
    (every(2), (1,), 0, "every 2 days: done yesterday"),
    (every(2), (0,), 0, "every 2 days: done today"),
    (every(3), (), 0, "every 3 days: due today"),
    (every(3), (4,), 1, "every 3 days: done 3 days before"),
    (every(2), (3,), 3, "every 2 days: done that day"),
    (every(2), (4,), 3, "every 2 days: done the day before"),
    (every(30), (60,), 0, "every 30 days: done 60 days ago"),  # as far as it looks back
    (every(30), (61,), 0, "every 30 days: due today"),
    (every(30), (62,), 1, "every 30 days: not done in the 60 days before"),
])
def test_the_period_in_the_routines_terms(frequency: Frequency, done: tuple[int, ...],
                                          day_back: int, words: str) -> None:
    records = finished(*done)
    day = WEDNESDAY - timedelta(days=day_back)
    assert period_words(frequency, day, WEDNESDAY, records.finished_between) == words


@pytest.mark.parametrize(("day", "end"), [
    (date(2026, 2, 10), date(2026, 2, 28)), (date(2028, 2, 1), date(2028, 2, 29)),
    (date(2026, 4, 30), date(2026, 4, 30)), (date(2026, 12, 1), date(2026, 12, 31)),
])
def test_a_month_ends_on_its_own_last_day(day: date, end: date) -> None:
    assert period_end(Frequency(2, "month"), day) == end


def test_a_week_ends_on_its_sunday() -> None:
    assert period_end(Frequency(3, "week"), WEDNESDAY) == date(2026, 1, 11)


def test_the_home_line_says_the_week_before_the_strength() -> None:
    progress = routine_progress(finished(0, 2, 7, 9, 11), 1, Frequency(3, "week"), WEDNESDAY)
    assert home_line(progress, plain=True).startswith("2 of 3 this week\nstrength ")


def test_a_routine_on_fixed_days_keeps_its_home_line() -> None:
    progress = routine_progress(finished(0, 2, 7, 9, 11), 1, frozenset(range(7)), WEDNESDAY)
    assert home_line(progress, plain=True).startswith("strength ")


@pytest.mark.parametrize(("frequency", "unit"), [(Frequency(3, "week"), "weeks"),
                                                 (every(2), "times")])
def test_runs_are_said_in_periods(frequency: Frequency, unit: str) -> None:
    from coach.insight.words import runs_parts

    done = range(0, 29)  # every day of four weeks and more
    progress = routine_progress(finished(*done), 1, frequency, WEDNESDAY)
    assert runs_parts(progress)[0].endswith(f" {unit}")
