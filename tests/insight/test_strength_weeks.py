"""Habit strength a week at a time over the last year: which days are the points, and that
each point is the score worked out by hand from Loop's formula, also when the walk goes on
from the checkpoint a long history keeps."""

from __future__ import annotations

from datetime import date, timedelta

from coach.insight.overview import series_progress, series_strength_weeks
from coach.insight.strength_weeks import WEEKS_SHOWN, first_week_end, strength_weeks, week_ends
from coach.routine.catalog import load_catalog
from coach.store.series import FINISHED, RoutineSeries, Series

#: A Monday.
TODAY = date(2026, 11, 23)
M = 0.5 ** (1 / 13)


def test_the_points_are_each_sunday_of_the_last_year_then_today() -> None:
    ends = week_ends(date(2000, 1, 1), TODAY)
    assert len(ends) == WEEKS_SHOWN + 1
    assert ends[-1] == TODAY and ends[-2] == date(2026, 11, 22)
    assert all(end.weekday() == 6 for end in ends[:-1])
    assert ends[0] == first_week_end(TODAY) == date(2025, 11, 30)
    # On a Sunday, today is the last week's end, once.
    sunday = date(2026, 11, 22)
    assert week_ends(date(2000, 1, 1), sunday)[-2:] == [date(2026, 11, 15), sunday]


def test_a_routine_begun_lately_has_points_from_its_first_week_only() -> None:
    assert week_ends(date(2026, 11, 4), TODAY) == [date(2026, 11, 8), date(2026, 11, 15),
                                                   date(2026, 11, 22), TODAY]
    assert week_ends(date(2026, 11, 8), TODAY)[0] == date(2026, 11, 8)
    assert strength_weeks({}, None, TODAY) == ()
    assert strength_weeks({TODAY: 0.5}, TODAY, TODAY) == ((TODAY, 0.5),)


def by_hand(done: set[date], first: date, last: date) -> dict[date, float]:
    """Loop's score for a daily routine, each day from the first record: 1 for a day done,
    0 for one not done (today, not done, leaves it alone)."""
    score, scores, day = 0.0, {}, first
    while day <= last:
        if day < last or day in done:
            score = score * M + (1.0 if day in done else 0.0) * (1 - M)
        scores[day] = score
        day += timedelta(days=1)
    return scores


def two_years(done: set[date], first: date) -> Series:
    days = RoutineSeries()
    for day in sorted(done):
        days.set(day, FINISHED)
    assert days.first_day == first
    return Series(routines={"morning": days})


def test_each_point_is_the_score_at_its_week_end_even_from_a_checkpoint() -> None:
    routine = load_catalog().routines["morning"]
    first = date(2024, 3, 4)
    # Done on a share of days that changes through the year: weeks of every day, then of
    # few, so the points move up and down.
    done = {first + timedelta(days=n) for n in range((TODAY - first).days + 1)
            if (n // 21) % 3 != 2 or n % 4 == 0}
    series = two_years(done, first)
    series_progress(series, routine, TODAY, detail=False)  # keeps a checkpoint a year back
    assert series.checkpoints, "a long history keeps where the walk can go on from"
    kept_day = date.fromisoformat(next(iter(series.checkpoints.values()))[0])
    assert first < kept_day <= first_week_end(TODAY)
    weeks = series_strength_weeks(series, routine, TODAY)
    expected = by_hand(done, first, TODAY)
    assert [day for day, _ in weeks] == week_ends(first, TODAY)
    for day, score in weeks:
        assert abs(score - expected[day]) < 1e-9, day
    assert len({round(score, 2) for _, score in weeks}) > 5
    # Without the checkpoint, the same.
    series.checkpoints.clear()
    assert series_strength_weeks(series, routine, TODAY) == weeks


def test_a_routine_without_a_schedule_has_no_points() -> None:
    routine = load_catalog().routines["quick-reset"]
    series = two_years({TODAY - timedelta(days=3)}, TODAY - timedelta(days=3))
    series.routines["quick-reset"] = series.routines.pop("morning")
    assert series_strength_weeks(series, routine, TODAY) == ()
