"""The calendar's marks worked out for the days it shows only are the marks a walk over
all of history gives for those days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.insight.history import RoutineRecords
from coach.insight.strength import day_marks, routine_progress

FIRST = date(2026, 1, 1)
DAYS = 120


def _day(n: int) -> date:
    return FIRST + timedelta(days=n)


weekdays = st.none() | st.frozensets(st.integers(0, 6))


@settings(max_examples=300, deadline=None)
@given(finished=st.sets(st.integers(0, DAYS)),
       touched=st.dictionaries(st.integers(0, DAYS), st.integers(1, 6)),
       rest=st.sets(st.integers(0, DAYS)),
       schedules=st.lists(st.tuples(st.integers(0, DAYS), weekdays), max_size=4),
       current=weekdays, steps=st.integers(0, 5),
       since=st.integers(-10, DAYS + 10), today=st.integers(0, DAYS + 20),
       marked=st.dictionaries(st.integers(0, DAYS), st.sampled_from(["done", "partly"])))
def test_the_marks_from_a_day_are_the_full_walks_marks(
        finished: set[int], touched: dict[int, int], rest: set[int],
        schedules: list[tuple[int, frozenset[int] | None]], current: frozenset[int] | None,
        steps: int, since: int, today: int, marked: dict[int, str]) -> None:
    # A schedule is recorded by a session, so each change falls on a day with a record.
    touched = {n: 1 for n, _ in schedules} | touched
    records = RoutineRecords({_day(n) for n in finished},
                             {_day(n): count for n, count in touched.items()},
                             {_day(n) for n in rest},
                             sorted(((_day(n), days) for n, days in schedules),
                                    key=lambda change: change[0]),
                             marked={_day(n): mark for n, mark in marked.items()})
    walked = routine_progress(records, steps, current, _day(today)).days
    expected = {day: mark for day, mark in walked.items() if day >= _day(since)}
    assert day_marks(records, steps, current, _day(since), _day(today)) == expected


def test_no_marks_before_the_first_record() -> None:
    records = RoutineRecords({_day(10)})
    shown = day_marks(records, 3, frozenset(range(7)), _day(0), _day(12))
    assert min(shown) == _day(10) and len(shown) == 3
