"""Habit strength, runs and the day marks of one routine: Loop Habit Tracker's score,
adapted to routines that are scheduled on fixed days.

The score starts at 0 on the first scheduled day on or after the routine's first
record. Each scheduled day that is over moves it a fixed share towards that
day's value: `score = previous * m + value * (1 - m)`, with `m = 0.5 ** (1 / 13)`,
Loop's multiplier for a daily habit (a half-life of 13 scheduled days: about 80%
after a month of every day). The value is 1 for a day the routine was finished
(skipped steps cost nothing), otherwise the share of its steps done or skipped; a
measure step done counts not as one whole step but as the share of its target its
number reached (Loop's numeric habits: 5 of at least 7 hours is 5/7 of the step).
A day the person marked afterwards counts as what they said: marked done, 1 (it counts
in runs too); marked partly done, at least PARTLY_MARKED (half: the person said some of
it happened without saying how much, and half is the middle of what "partly" can mean).
A guided session finished that day stands whatever the mark says.
Days it is not scheduled and rest days leave the score alone, so one missed day
dents it and never resets it. Today counts only once the routine is done.

A routine kept a number of times per period (`{times: 3, per: week}`, `{every: 2}`)
follows Loop's rule for such habits. Its frequency `f` is times per day (3/7, 1/2,
2/30), the multiplier `0.5 ** (sqrt(f) / 13)`, and every day that is over (not a rest
day) moves the score towards the share of the target reached over the rolling period
that ends that day: `min(1, done / target)`, the days done (a partly done day counts as
its share of steps) over twice the period against twice the times, as Loop doubles
both to smooth out uneven weeks. A share, not "reached or not", is what Loop settled on
after its users found that doing 2 of 3 times a week sank the score to 28%; with the
share it settles at 2/3. Where Loop asks a habit only days old for a full doubled
period, coach asks the times pro rata for the days since the first record, so the first
week of a new habit is not marked down for the weeks before it. Runs of such a routine
count periods met, not days: calendar weeks (Monday to Sunday) or months with their
count reached, or for `every: N` each time it is done again within N days; a period
that is not over yet, or that held a rest day, does not break a run.

Which days were scheduled is taken from the schedule each session recorded, so
an edited schedule does not rewrite the past; days after the last recorded
session, and all days of a history from before schedules were recorded, follow
the routine's schedule now.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from math import sqrt
from typing import Protocol

from coach.foundation.frequency import LONGEST_EVERY, PERIOD_DAYS, Frequency, period_start
from coach.insight import marks
from coach.insight.period import period_words
from coach.insight.history import Weekdays

MULTIPLIER = 0.5 ** (1 / 13)
#: The window of "change over the last 30 days" and of use counts for routines without a
#: schedule.
RECENT_DAYS = 30
#: The value of a day marked partly done afterwards (more if more of its steps were done).
PARTLY_MARKED = 0.5
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
    #: For a routine kept a number of times per period now, how it stands in its own
    #: terms: "2 of 3 this week", "every 2 days: done yesterday".
    period: str | None = None
    #: What a run counts: days, or for such a routine weeks, months, or times done again
    #: within its days.
    run_unit: str = "day"
    #: The number of times per period it is kept now, for a routine kept so.
    frequency: Frequency | None = None


#: The walk's state as a day begins: (that day, score, current run, best run, and for a
#: routine that is or was kept a number of times per period, what Flexible keeps).
Checkpoint = tuple[date, float, int, int, "FlexibleState | None"]
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
    @property
    def short(self) -> Mapping[date, float]: ...
    def states(self, first: date) -> Iterator[tuple[bool, bool, int, str]]: ...


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
        return isinstance(weekdays, frozenset) and day.weekday() in weekdays

    def flexible(self) -> bool:
        """Whether it is, or was at some time, a number of times per period."""
        return isinstance(self.current, Frequency) or \
            any(isinstance(weekdays, Frequency) for _, weekdays in self.changes)


def frequency_multiplier(frequency: Frequency) -> float:
    """Loop's multiplier for a habit of that frequency: 0.5 ** (sqrt(f) / 13)."""
    return 0.5 ** (sqrt(frequency.share) / 13)


#: The most days a rolling period looks back: twice the longest period.
WINDOW = 2 * max(LONGEST_EVERY, *PERIOD_DAYS.values())


@dataclass(frozen=True)
class FlexibleState:
    """Flexible's state as a day begins (see Flexible), kept with a checkpoint: a walk that
    goes on from it goes on as the walk from the first record does."""

    recent: tuple[float, ...]
    walked: int
    period: tuple[date, Frequency] | None
    done_in_period: int
    rest_in_period: bool
    last_done: date | None
    last_counted: date | None


class Flexible:
    """What the walk keeps of a routine kept a number of times per period: the values of
    the last days (for the rolling share) and where the runs of periods stand."""

    def __init__(self, state: FlexibleState | None = None) -> None:
        self.recent: deque[float] = deque(maxlen=WINDOW)
        self.walked = 0
        #: The calendar period being counted (its first day), and its days done so far.
        self.period: tuple[date, Frequency] | None = None
        self.done_in_period = 0
        self.rest_in_period = False
        #: The last day done, and the last one that counted as a period met (`every`).
        self.last_done: date | None = None
        self.last_counted: date | None = None
        if state is not None:
            self.recent.extend(state.recent)
            self.walked, self.period = state.walked, state.period
            self.done_in_period, self.rest_in_period = state.done_in_period, state.rest_in_period
            self.last_done, self.last_counted = state.last_done, state.last_counted

    def state(self) -> FlexibleState:
        return FlexibleState(tuple(self.recent), self.walked, self.period, self.done_in_period,
                             self.rest_in_period, self.last_done, self.last_counted)

    def see(self, value: float) -> None:
        """Note a day's value (1 done, a share of steps, 0 not done or a rest day)."""
        self.recent.append(value)
        self.walked += 1

    def share(self, frequency: Frequency) -> float:
        """The share of the target reached over the rolling period ending on the last day
        seen (twice the period and twice the times, as Loop; pro rata while the history
        is shorter)."""
        length = 2 * frequency.days
        days = min(length, self.walked)
        done = sum(list(self.recent)[-days:])
        target = 2 * frequency.times * days / length
        return min(1.0, done / target)

    def run(self, frequency: Frequency, day: date, finished: bool, rest: bool, over: bool,
            run: int) -> int:
        """The run of periods met after `day`."""
        if frequency.per == "days":
            return self._run_every(frequency.every, day, finished, rest, over, run)
        start = period_start(frequency, day)
        if self.period != (start, frequency):
            if self.period is not None and self.done_in_period < self.period[1].times \
                    and not self.rest_in_period:
                run = 0
            self.period, self.done_in_period, self.rest_in_period = (start, frequency), 0, False
        self.rest_in_period |= rest
        if finished:
            self.done_in_period += 1
            if self.done_in_period == frequency.times:
                run += 1
        return run

    def _run_every(self, every: int, day: date, finished: bool, rest: bool, over: bool,
                   run: int) -> int:
        self.period = None
        if finished:
            if self.last_counted is None or (day - self.last_counted).days >= every:
                run += 1
                self.last_counted = day
            self.last_done = day
        elif rest and self.last_done is not None:
            # A rest day moves the next due day on by one, as it does not break a run.
            self.last_done += timedelta(days=1)
        elif over and self.last_done is not None and (day - self.last_done).days >= every:
            run, self.last_done, self.last_counted = 0, None, None
        return run


def day_value(finished: bool, touched: int, steps: int, marked: str = "",
              short: float = 0.0) -> float:
    """1 when finished that day (or marked done), else the share of its steps done or
    skipped (0 to 1), at least PARTLY_MARKED if marked partly done; less what its measure
    steps fell `short` of their targets (in steps, see store.digest)."""
    if finished or marked == "done":
        whole = 1.0
    else:
        share = min(1.0, touched / steps) if steps > 0 else 0.0
        whole = max(share, PARTLY_MARKED) if marked == "partly" else share
    return max(0.0, whole - short / steps) if steps > 0 else whole


def routine_progress(records: RoutineDays, steps: int, current: Weekdays,
                     today: date, detail: bool = True, resume: Checkpoint | None = None,
                     keep_at: date | None = None) -> RoutineProgress:
    """Strength, runs, recent use and day marks, walking each day from the first record.
    Without `detail`, the marks and scores of each day are left out (the home screen
    shows none of them; thirty years of them are megabytes).

    The walk can go on from `resume`, the state a walk of the same days (same records,
    steps and schedule) kept as a day at least RESUME_BEFORE days before today began; the
    marks and scores of each day (with detail) then begin on that day. It keeps its state
    as `keep_at` begins (in `kept`). For a routine that is or was kept a number of times
    per period, that state holds the rolling period and the runs of periods as well (the
    days before the checkpoint count in them); a checkpoint without them is not used."""
    first = records.first_day
    scheduled_now = current is not None and bool(current)
    if first is None or first > today:
        return RoutineProgress(scheduled_now, None, None, 0, 0, 0)
    if resume is not None and not first < resume[0] <= today - timedelta(days=RESUME_BEFORE):
        resume = None
    schedule = ScheduleInForce(records.schedules, current, records.last_day)
    flexible_ever = schedule.flexible()
    if resume is not None and flexible_ever and resume[4] is None:
        resume = None
    flexible = Flexible(resume[4] if resume is not None else None)
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
        day, score, run, best, _ = resume
    kept: Checkpoint | None = None
    one_day = timedelta(days=1)
    weekdays_on = schedule.walk(day)
    states = records.states(day)
    short = records.short
    while day <= today:
        if day == keep_at:
            kept = (day, score, run, best, flexible.state() if flexible_ever else None)
        weekdays = next(weekdays_on)
        finished, rest, touched, marked = next(states)
        value = day_value(finished, touched, steps, marked,
                          short.get(day, 0.0) if short else 0.0)
        if isinstance(weekdays, Frequency):
            score, run, mark = _flexible_day(flexible, weekdays, day, today, score, run,
                                             (finished, rest, touched, marked), steps, value)
            best = max(best, run)
            scheduled = False
        else:
            flexible.see(0.0 if rest else value)
            scheduled = weekdays is not None and day.weekday() in weekdays
            # A day not scheduled leaves the score alone: its mark is only shown (detail).
            mark = _mark(finished, rest, touched, scheduled, steps, day == today, marked) \
                if scheduled or detail else marks.NOT_SCHEDULED
            done = mark in marks.DONE_MARKS
            if scheduled and mark != marks.REST and (day < today or done):
                score = score * MULTIPLIER + value * (1 - MULTIPLIER)
                run = run + 1 if done else 0
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
    now = schedule.on(today)
    period = period_words(now, today, today, records.finished_between) \
        if isinstance(now, Frequency) else None
    run_unit = "day" if not isinstance(now, Frequency) else \
        "time" if now.per == "days" else now.per
    return RoutineProgress(scheduled_now, score, score - score_before_recent, run, best,
                           done_recent, days, tuple(trend[-TREND_WEEKS:]), scores,
                           frozenset(scheduled_days), kept,
                           not records.finished_between(first, today - one_day), period,
                           run_unit, now if isinstance(now, Frequency) else None)


def _flexible_day(flexible: Flexible, frequency: Frequency, day: date, today: date,
                  score: float, run: int, state: tuple[bool, bool, int, str],
                  steps: int, value: float) -> tuple[float, int, str]:
    """One day of a routine kept a number of times per period: (score, run, mark), the
    day's `value` as day_value gives it."""
    finished, rest, touched, marked = state
    done = finished or marked == "done"
    flexible.see(0.0 if rest else value)
    over = day < today
    if not rest and (over or done):
        multiplier = frequency_multiplier(frequency)
        score = score * multiplier + flexible.share(frequency) * (1 - multiplier)
    run = flexible.run(frequency, day, done, rest, over, run)
    return score, run, _flexible_mark(finished, rest, touched, steps, day == today, marked)


def _flexible_mark(finished: bool, rest: bool, touched: int, steps: int,
                   is_today: bool, marked: str = "") -> str:
    """No day of a routine kept a number of times is owed: a day not done is shown as not
    scheduled, and today as open."""
    mark = _mark(finished, rest, touched, False, steps, is_today, marked)
    return marks.TODAY_OPEN if is_today and mark == marks.NOT_SCHEDULED else mark


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
        finished, rest, touched, marked = next(states)
        if isinstance(weekdays, Frequency):
            shown[day] = _flexible_mark(finished, rest, touched, steps, day == today, marked)
        else:
            scheduled = weekdays is not None and day.weekday() in weekdays
            shown[day] = _mark(finished, rest, touched, scheduled, steps, day == today,
                               marked)
        day += one_day
    return shown


def _mark(finished: bool, rest: bool, touched: int, scheduled: bool, steps: int,
          is_today: bool, marked: str = "") -> str:
    if finished:
        return marks.DONE
    if marked == "done":
        return marks.MARKED_DONE
    if marked == "partly":
        return marks.MARKED_PARTLY
    if rest:
        return marks.REST
    if touched and steps > 0:
        return marks.PARTLY
    if not scheduled:
        return marks.NOT_SCHEDULED
    return marks.TODAY_OPEN if is_today else marks.NOT_DONE
