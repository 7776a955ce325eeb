"""A routine kept a number of times per period, said in its own terms: "2 of 3 this week",
"every 2 days: done yesterday", for the home screen and the history calendar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from coach.foundation.frequency import Frequency, period_start

#: How far back "every N days" looks for the last day done: twice the longest `every`.
LOOK_BACK_DAYS = 60

#: How many times a routine was finished from one day to another, both included.
FinishedBetween = Callable[[date, date], int]


def period_end(frequency: Frequency, day: date) -> date:
    """The last day of the calendar week or month of `day`."""
    start = period_start(frequency, day)
    if frequency.per == "week":
        return start + timedelta(days=6)
    following = (start.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def days_since_done(finished_between: FinishedBetween, day: date) -> int | None:
    """How many days before `day` it was last done (0: that day), within LOOK_BACK_DAYS."""
    for back in range(LOOK_BACK_DAYS + 1):
        when = day - timedelta(days=back)
        if finished_between(when, when):
            return back
    return None


def period_words(frequency: Frequency, day: date, today: date,
                 finished_between: FinishedBetween) -> str:
    """'2 of 3 this week' (that week, for a day of another week; counted to today),
    '1 of 2 this month', 'every 2 days: done yesterday'."""
    if frequency.per == "days":
        return f"{frequency.describe()}: {_since_words(finished_between, day, today)}"
    start = period_start(frequency, day)
    done = finished_between(start, min(period_end(frequency, day), today))
    which = "this" if start == period_start(frequency, today) else "that"
    return f"{done} of {frequency.times} {which} {frequency.per}"


def _since_words(finished_between: FinishedBetween, day: date, today: date) -> str:
    back = days_since_done(finished_between, day)
    if day == today:
        if back is None:
            return "due today"
        return {0: "done today", 1: "done yesterday"}.get(back, f"done {back} days ago")
    if back is None:
        return f"not done in the {LOOK_BACK_DAYS} days before"
    return {0: "done that day", 1: "done the day before"}.get(back, f"done {back} days before")
