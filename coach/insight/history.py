"""All of history, as the figures need it, read from the month digests.

Ten years are about 120 digests of a few kilobytes each, not 70,000 records;
a month is digested again only when its file changed (see store.digest). The
history screen and `coach stats` read only the months of the range they show
(see insight.history_figures); all of history is for tests and benchmarks.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from coach.foundation.frequency import InForce, schedule_of_json
from coach.store import Store
from coach.store.digest import CheckSeen, Digest, shortfall
from coach.store.series import Ledger, Series

Weekdays = InForce


@dataclass
class RoutineRecords:
    """What one routine's records say, day by day."""

    finished: set[date] = field(default_factory=set)
    #: Day -> how many of its steps were done or skipped that day.
    touched: dict[date, int] = field(default_factory=dict)
    rest: set[date] = field(default_factory=set)
    #: (day, weekdays) each time a session recorded a different schedule, oldest first;
    #: None: started any time.
    schedules: list[tuple[date, Weekdays]] = field(default_factory=list)
    #: Day -> measure step id -> [value, unit, target, direction] (see store.digest).
    measured: dict[date, dict[str, list[Any]]] = field(default_factory=dict)
    #: Day -> "done" or "partly": days the person marked afterwards (see store.marking).
    marked: dict[date, str] = field(default_factory=dict)

    @property
    def first_day(self) -> date | None:
        """The day of the routine's first record (a rest mark alone does not count)."""
        return min([*self.finished, *self.touched, *self.marked], default=None)

    # What insight.strength asks of a routine's days (store.series.RoutineSeries answers
    # the same from one character a day).

    @property
    def last_day(self) -> date | None:
        return max([*self.finished, *self.touched, *self.marked], default=None)

    def is_finished(self, day: date) -> bool:
        """Finished in a guided session, or marked done afterwards."""
        return day in self.finished or self.marked.get(day) == "done"

    def is_rest(self, day: date) -> bool:
        return day in self.rest

    def touched_on(self, day: date) -> int:
        return self.touched.get(day, 0)

    def finished_between(self, first: date, last: date) -> int:
        """How many days from `first` to `last` it was finished (or marked done)."""
        done = self.finished | {d for d, mark in self.marked.items() if mark == "done"}
        return sum(1 for d in done if first <= d <= last)

    @property
    def short(self) -> dict[date, float]:
        """Day -> how far its measured numbers fell short of their targets, in steps."""
        return {day: n for day, steps in self.measured.items() if (n := shortfall(steps)) > 0}

    def states(self, first: date) -> Iterator[tuple[bool, bool, int, str]]:
        """(finished, a rest day, steps done or skipped, "done" or "partly" if marked so
        afterwards else "") of `first` and each day after."""
        day, one_day = first, timedelta(days=1)
        while True:
            finished = day in self.finished
            yield (finished, day in self.rest, self.touched.get(day, 0),
                   "" if finished else self.marked.get(day, ""))
            day += one_day


@dataclass(frozen=True)
class Plan:
    name: str
    predicted: int | None
    day: date


@dataclass(frozen=True)
class Review:
    done: bool
    pleasure: int | None
    mastery: int | None
    day: date


@dataclass(frozen=True)
class Rated:
    """A timed exercise rated before and after (distress, 0-10)."""

    day: date
    step_type: str
    before: int
    after: int
    #: Which exercise (see store.digest.RatedStep): "evening/breathing", "coach:grounding".
    key: str = ""


@dataclass(frozen=True)
class Check:
    """A self-check's result: its form ("phq9", "gad7") and total, never its answers."""

    day: date
    form: str
    total: int


@dataclass
class History:
    routines: dict[str, RoutineRecords] = field(default_factory=dict)
    #: Day -> (rating, "m" or "e" as given, routine id) for each mood check-in, in time order.
    moods: dict[date, list[tuple[int, str, str]]] = field(default_factory=dict)
    rated: list[Rated] = field(default_factory=list)
    #: Activity id -> its latest plan, and its latest review.
    plans: dict[str, Plan] = field(default_factory=dict)
    reviews: dict[str, Review] = field(default_factory=dict)
    journal_days: set[date] = field(default_factory=set)
    gratitude_days: set[date] = field(default_factory=set)
    #: Each self-check, in time order.
    checks: list[Check] = field(default_factory=list)
    #: Figures already worked out from this history (see insight.overview), by what they
    #: depend on: the history screen's visits share them while no month changes.
    memo: dict[tuple[Any, ...], Any] = field(default_factory=dict, compare=False, repr=False)

    def routine(self, routine_id: str) -> RoutineRecords:
        return self.routines.get(routine_id) or RoutineRecords()


def _day(text: str) -> date:
    return date.fromisoformat(text)


def history_of_month(digest: Digest) -> History:
    """One month's digest as dates and small records."""
    month = History()

    def routine(routine_id: str) -> RoutineRecords:
        return month.routines.setdefault(routine_id, RoutineRecords())

    for routine_id, days in digest.finished.items():
        routine(routine_id).finished.update(map(_day, days))
    for routine_id, counts in digest.touched.items():
        routine(routine_id).touched.update((_day(day), n) for day, n in counts.items())
    for routine_id, days in digest.rest.items():
        routine(routine_id).rest.update(map(_day, days))
    for routine_id, days in digest.measured.items():
        routine(routine_id).measured.update((_day(day), steps) for day, steps in days.items())
    for routine_id, marked in digest.marked.items():
        routine(routine_id).marked.update((_day(day), mark) for day, mark in marked.items())
    for routine_id, changes in digest.schedules.items():
        routine(routine_id).schedules.extend(
            (_day(change.day), schedule_of_json(change.weekdays))
            for change in changes)
    for day, parts in digest.mood_parts.items():
        month.moods[_day(day)] = [(mood.rating, mood.part, mood.routine) for mood in parts]
    month.rated = _rated(digest)
    month.plans = {key: Plan(str(plan.name), plan.predicted, _day(plan.day))
                   for key, plan in digest.plans.items()}
    month.reviews = {key: Review(review.done is True, review.pleasure, review.mastery, _day(review.day))
                     for key, review in digest.reviews.items()}
    month.journal_days = set(map(_day, digest.journal_days))
    month.gratitude_days = set(map(_day, digest.gratitude_days))
    month.checks = _checks(digest.checks)
    return month


def _rated(digest: Digest) -> list[Rated]:
    return [Rated(_day(rated.day), rated.step_type, rated.before, rated.after, rated.key)
            for rated in digest.distress]


def _checks(seen: Iterable[CheckSeen]) -> list[Check]:
    return [Check(_day(check.day), check.form, check.total) for check in seen]


def checks_of_series(series: Series) -> list[Check]:
    """Every self-check the routines' series holds, in time order (no month is read)."""
    return [check for name in sorted(series.checks) for check in _checks(series.checks[name])]


def merge(months: Iterable[History]) -> History:
    """Months joined, oldest first (a later plan or review of an activity wins)."""
    whole = History()
    for month in months:
        for routine_id, part in month.routines.items():
            into = whole.routines.setdefault(routine_id, RoutineRecords())
            into.finished |= part.finished
            into.touched.update(part.touched)
            into.rest |= part.rest
            into.measured.update(part.measured)
            into.marked.update(part.marked)
            for change in part.schedules:
                if not into.schedules or into.schedules[-1][1] != change[1]:
                    into.schedules.append(change)
        whole.moods.update(month.moods)
        whole.rated.extend(month.rated)
        whole.plans.update(month.plans)
        whole.reviews.update(month.reviews)
        whole.journal_days |= month.journal_days
        whole.gratitude_days |= month.gratitude_days
        whole.checks.extend(month.checks)
    return whole


def history_of_ledger(ledger: Ledger) -> History:
    """Mood, distress and activities of all history from the store's ledger (one file),
    without the routines' days (those are in the series)."""
    return merge(history_of_month(digest) for _, digest in sorted(ledger.months.items()))


def load_history(store: Store, since: date | None = None) -> History:
    """All history, or only the months from `since`'s on (what figures over a range of
    days need)."""
    return merge(history_of_month(digest) for digest in store.digests(since=since))
