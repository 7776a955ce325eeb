"""A routine's habit strength over the last year, a point a week (Loop Habit Tracker's
most looked-at chart): the score at the end of each week, Sunday, and the last point today.

The points are taken from the scores routine_progress gives for each day, so the chart
says what the strength figure says, on each of those days. Weeks before the routine's
first record have no point; a routine without a schedule has none at all (it shows its
use, not a strength).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

#: Weeks shown before the current one: a year.
WEEKS_SHOWN = 52
SUNDAY = 6

#: (week's last day, score 0-1), oldest first; the last is today.
Weeks = tuple[tuple[date, float], ...]


def first_week_end(today: date) -> date:
    """The oldest week end shown: the Sunday WEEKS_SHOWN weeks before this week's."""
    this_sunday = today + timedelta(days=(SUNDAY - today.weekday()) % 7)
    return date.fromordinal(max(1, this_sunday.toordinal() - 7 * WEEKS_SHOWN))


def week_ends(first: date, today: date) -> list[date]:
    """Each Sunday shown from `first` (a routine's first record) on, then today."""
    sunday = first_week_end(today)
    if first > sunday:
        sunday += timedelta(days=(first - sunday).days // 7 * 7)
        if sunday < first:
            sunday += timedelta(days=7)
    ends = []
    while sunday < today:
        ends.append(sunday)
        sunday += timedelta(days=7)
    return [*ends, today]


def strength_weeks(scores: Mapping[date, float], first: date | None, today: date) -> Weeks:
    """The score at each week's end (see week_ends), from the scores of each day; a week
    end without one (outside what `scores` holds) is left out."""
    if first is None or first > today:
        return ()
    return tuple((day, scores[day]) for day in week_ends(first, today) if day in scores)
