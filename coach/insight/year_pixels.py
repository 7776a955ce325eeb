"""A year at a glance: each day of the last twelve months by its mood, as in Daylio's
"year in pixels".

Twelve whole months, the current one and the eleven before it, rather than the last 365
days: each row is one calendar month from its 1st, so its label ("Dec") names all of it,
and the oldest row does not begin part way through with days that would look like days
without a check-in. The current month ends on today; later days are not in it.

A day's mood is the average of its check-ins (morning and evening alike), rounded half up
to a whole number so that one character can show it (6.5 shows as 7); a day without a
check-in is None, never 0. Only the twelve months' digests are read (`load_year`).
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from coach.insight.history import history_of_month, merge
from coach.store import Store

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: Months shown, the current one included.
MONTHS_SHOWN = 12
#: Day columns of the grid: the longest month.
COLUMNS = 31


@dataclass(frozen=True)
class MonthRow:
    year: int
    month: int
    #: Each day's mood from the 1st (0-10, None without a check-in): as many as the month
    #: has days, or up to today in today's month.
    days: tuple[int | None, ...]

    @property
    def label(self) -> str:
        return MONTHS[self.month - 1]

    def first(self) -> date:
        return date(self.year, self.month, 1)


@dataclass(frozen=True)
class YearGrid:
    today: date
    #: Oldest first; the last row is today's month.
    rows: tuple[MonthRow, ...]

    @property
    def checked_in(self) -> int:
        """How many days have a check-in."""
        return sum(mood is not None for row in self.rows for mood in row.days)

    def mood_on(self, day: date) -> int | None:
        """The mood shown for `day` (None without a check-in, or outside the grid)."""
        for row in self.rows:
            if (row.year, row.month) == (day.year, day.month) and day.day <= len(row.days):
                return row.days[day.day - 1]
        return None


def first_month(today: date) -> date:
    """The 1st of the oldest month shown."""
    index = max(12, today.year * 12 + today.month - 1 - (MONTHS_SHOWN - 1))  # from year 1
    return date(index // 12, index % 12 + 1, 1)


def _days_in(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def day_mood(ratings: Sequence[tuple[int, str, str]]) -> int | None:
    """The average of a day's check-ins, rounded half up, within 0-10."""
    if not ratings:
        return None
    average = sum(rating for rating, _, _ in ratings) / len(ratings)
    return min(10, max(0, math.floor(average + 0.5)))


def year_grid(moods: Mapping[date, Sequence[tuple[int, str, str]]], today: date) -> YearGrid:
    """The twelve months up to `today` from the check-ins by day (History.moods)."""
    rows = []
    month = first_month(today)
    while True:
        current = (month.year, month.month) == (today.year, today.month)
        last = today.day if current else _days_in(month.year, month.month)
        rows.append(MonthRow(month.year, month.month, tuple(
            day_mood(moods.get(month.replace(day=day), ())) for day in range(1, last + 1))))
        if current:
            return YearGrid(today, tuple(rows))
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def load_year(store: Store, today: date) -> YearGrid:
    """The grid up to `today`, from the digests of its twelve months only."""
    history = merge(history_of_month(digest)
                    for digest in store.digests(since=first_month(today), until=today))
    return year_grid(history.moods, today)
