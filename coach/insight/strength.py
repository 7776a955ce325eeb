"""Habit strength, runs and the day marks of one routine: Loop Habit Tracker's score,
adapted to routines that are scheduled on fixed days.

The score starts at 0 on the first scheduled day on or after the routine's first
record. Each scheduled day that is over moves it a fixed share towards that
day's value: `score = previous * m + value * (1 - m)`, with `m = 0.5 ** (1 / 13)`,
Loop's multiplier for a daily habit (a half-life of 13 scheduled days: about 80%
after a month of every day). The value is 1 for a day the routine was finished
(skipped steps cost nothing), otherwise the share of its steps done or skipped.
Days it is not scheduled and rest days leave the score alone, so one missed day
dents it and never resets it. Today counts only once the routine is done.

Which days were scheduled is taken from the schedule each session recorded, so
an edited schedule does not rewrite the past; days after the last recorded
session, and all days of a history from before schedules were recorded, follow
the routine's schedule now.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from coach.insight import marks
from coach.insight.history import Weekdays

MULTIPLIER = 0.5 ** (1 / 13)
#: The window of "change over the last 30 days" and of use counts for routines without a
#: schedule.
RECENT_DAYS = 30
#: Weekly samples of the score for a small trend (the home screen's).
TREND_WEEKS = 8


@dataclass(frozen=True)
class RoutineProgress:
    #: The routine has a schedule now (a routine without one shows its use instead).
    scheduled: bool
    #: 0-1; None before the routine's first record.
    strength: float | None
    #: Change of the score over the last 30 days (-1 to 1); None like `strength`.
    change: float | None
    current_run: int
    best_run: int
    #: Days it was finished in the last 30 days, today included.
    done_recent: int
    #: What each day was, from the routine's first record to today.
    days: dict[date, str] = field(default_factory=dict)
    #: The score at the end of each of the last weeks, oldest first, now last.
    trend: tuple[float, ...] = ()
    #: The score at the end of each day from the first record to today (what the weekly
    #: summary shows for each week's Sunday).
    scores: dict[date, float] = field(default_factory=dict)
    #: The days from the first record to today the routine was scheduled on.
    scheduled_days: frozenset[date] = frozenset()
    #: The walk's state as the day `keep_at` began (see routine_progress), if asked for.
    kept: Checkpoint | None = field(default=None, compare=False)
    #: A routine just begun (not yet finished on a day before today): its score has not
    #: had the days to say anything, and is not shown as a figure.
    new: bool = False


#: The walk's state as a day begins: (that day, score, current run, best run).
Checkpoint = tuple[date, float, int, int]
#: A walk can go on from a checkpoint this many days before today (or more): the change
#: over 30 days and the weekly trend are taken from the days after it.
RESUME_BEFORE = 7 * TREND_WEEKS


class RoutineDays(Protocol):
    """A routine's days as strength needs them: insight.history.RoutineRecords (from the
    month digests) or store.series.RoutineSeries (one character a day)."""

    @property
    def first_day(self) -> date | None: ...
    @property
    def last_day(self) -> date | None: ...
    @property
    def schedules(self) -> list[tuple[date, Weekdays]]: ...
    def finished_between(self, first: date, last: date) -> int: ...
    def states(self, first: date) -> Iterator[tuple[bool, bool, int]]: ...


class ScheduleInForce:
    """Which weekdays a routine was scheduled on, on any day."""

    def __init__(self, recorded: list[tuple[date, Weekdays]], current: Weekdays,
                 last_record: date | None) -> None:
        self.changes = list(recorded)
        if last_record is not None and self.changes:
            self.changes.append((last_record + timedelta(days=1), current))
        self.starts = [day for day, _ in self.changes]
        self.current = current

    def on(self, day: date) -> Weekdays:
        if not self.changes:
            return self.current
        index = bisect_right(self.starts, day) - 1
        return self.changes[max(index, 0)][1]

    def walk(self, first: date) -> Iterator[Weekdays]:
        """The weekdays in force on `first` and each day after it, one day at a time (as
        `on` answers, without a search a day)."""
        if not self.changes:
            while True:
                yield self.current
        index = max(bisect_right(self.starts, first) - 1, 0)
        day, one_day = first, timedelta(days=1)
        while True:
            following = self.starts[index + 1] if index + 1 < len(self.starts) else None
            weekdays = self.changes[index][1]
            while following is None or day < following:
                yield weekdays
                day += one_day
            index += 1

    def scheduled(self, day: date) -> bool:
        weekdays = self.on(day)
        return weekdays is not None and day.weekday() in weekdays


def day_value(finished: bool, touched: int, steps: int) -> float:
    """1 when finished that day, else the share of its steps done or skipped (0 to 1)."""
    if finished:
        return 1.0
    return min(1.0, touched / steps) if steps > 0 else 0.0


def routine_progress(records: RoutineDays, steps: int, current: Weekdays,
                     today: date, detail: bool = True, resume: Checkpoint | None = None,
                     keep_at: date | None = None) -> RoutineProgress:
    """Strength, runs, recent use and day marks, walking each day from the first record.
    Without `detail`, the marks and scores of each day are left out (the home screen
    shows none of them; thirty years of them are megabytes).

    The walk can go on from `resume`, the state a walk of the same days (same records,
    steps and schedule) kept as a day at least RESUME_BEFORE days before today began; the
    marks and scores of each day (with detail) then begin on that day. It keeps its state
    as `keep_at` begins (in `kept`)."""
    first = records.first_day
    scheduled_now = current is not None and bool(current)
    if first is None or first > today:
        return RoutineProgress(scheduled_now, None, None, 0, 0, 0)
    if resume is not None and not first < resume[0] <= today - timedelta(days=RESUME_BEFORE):
        resume = None
    schedule = ScheduleInForce(records.schedules, current, records.last_day)
    recent_start = today - timedelta(days=RECENT_DAYS)
    trend_days = {today - timedelta(weeks=n) for n in range(1, TREND_WEEKS)}
    score = 0.0
    score_before_recent = 0.0
    run = best = 0
    trend: list[float] = []
    days: dict[date, str] = {}
    scores: dict[date, float] = {}
    scheduled_days: set[date] = set()
    day = first
    if resume is not None:
        day, score, run, best = resume
    kept: Checkpoint | None = None
    one_day = timedelta(days=1)
    weekdays_on = schedule.walk(day)
    states = records.states(day)
    while day <= today:
        if day == keep_at:
            kept = (day, score, run, best)
        weekdays = next(weekdays_on)
        finished, rest, touched = next(states)
        scheduled = weekdays is not None and day.weekday() in weekdays
        # A day not scheduled leaves the score alone: its mark is only shown (detail).
        mark = _mark(finished, rest, touched, scheduled, steps, day == today) \
            if scheduled or detail else marks.NOT_SCHEDULED
        if scheduled and mark != marks.REST and (day < today or mark == marks.DONE):
            score = score * MULTIPLIER + day_value(finished, touched, steps) * (1 - MULTIPLIER)
            run = run + 1 if mark == marks.DONE else 0
            best = max(best, run)
        if detail:
            if scheduled:
                scheduled_days.add(day)
            days[day] = mark
            scores[day] = score
        if day == recent_start:
            score_before_recent = score
        if day in trend_days:
            trend.append(score)
        day += one_day
    trend.append(score)
    done_recent = records.finished_between(recent_start + one_day, today)
    return RoutineProgress(scheduled_now, score, score - score_before_recent, run, best,
                           done_recent, days, tuple(trend[-TREND_WEEKS:]), scores,
                           frozenset(scheduled_days), kept,
                           not records.finished_between(first, today - one_day))


def day_marks(records: RoutineDays, steps: int, current: Weekdays, since: date,
              today: date) -> dict[date, str]:
    """Each day's mark from `since` (or the first record, if later) to today: the marks
    routine_progress gives with detail, without walking the days before `since` (what a
    calendar of the last weeks needs, whatever the length of history)."""
    first = records.first_day
    if first is None or first > today:
        return {}
    day = max(first, since)
    weekdays_on = ScheduleInForce(records.schedules, current, records.last_day).walk(day)
    states = records.states(day)
    shown: dict[date, str] = {}
    one_day = timedelta(days=1)
    while day <= today:
        weekdays = next(weekdays_on)
        finished, rest, touched = next(states)
        scheduled = weekdays is not None and day.weekday() in weekdays
        shown[day] = _mark(finished, rest, touched, scheduled, steps, day == today)
        day += one_day
    return shown


def _mark(finished: bool, rest: bool, touched: int, scheduled: bool, steps: int,
          is_today: bool) -> str:
    if finished:
        return marks.DONE
    if rest:
        return marks.REST
    if touched and steps > 0:
        return marks.PARTLY
    if not scheduled:
        return marks.NOT_SCHEDULED
    return marks.TODAY_OPEN if is_today else marks.NOT_DONE
