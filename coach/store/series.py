"""Each routine's history as one character a day: what habit strength and runs need,
whatever the length of history.

Strength walks every day from a routine's first record, so working it out from the
month digests read all of them: thirty years were 360 digests and a hundred
megabytes of small objects. The series (`digests/series.json`) keeps, per routine,
its first day and a string of one character per day from it ("d" finished, "m" marked
done afterwards, "p" marked partly done, "r" a rest day, "." none of these), the few
days it was started but not finished (how many steps were done or skipped), and the schedules its sessions recorded: about 4 KB a routine per
ten years, read in one go. It keeps the self-checks' totals too (a few a month), so
their trend and whether one is due come with it, and each month's distress ratings
totalled by exercise (a few numbers per exercise), which is all "need something now"
and its figures ask of every rating ever given.

Like a digest it is never trusted blindly: it names the stamp of each month file it
was made from, and every read compares them with the files (a stat each). A month
that changed (a new record, an edit, an import, a rest day, another process's write)
or is gone has its days taken out and put back from its digest; a month not yet in
the series is added. An unreadable series, or one of another version, is made again
from the digests. The month files stay the truth.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TypeVar

import orjson

from coach.foundation.files import atomic_write, open_own
from coach.foundation.formats import SERIES_VERSION
from coach.foundation.frequency import InForce, schedule_of_json, schedule_to_json
from coach.store.digest import CheckSeen, Digest, RatedStep, Stamp, shortfall
from coach.store.months import Listing, month_stamps
from coach.store.records import is_day, is_reserved

SERIES_NAME = "series.json"
FINISHED, REST, NOTHING = "d", "r", "."
#: Days the person marked afterwards (see store.marking): done, partly done.
MARKED_DONE, MARKED_PARTLY = "m", "p"
_MARKS = frozenset(FINISHED + REST + NOTHING + MARKED_DONE + MARKED_PARTLY)
#: A day's character -> what it says of the day's mark (see insight.strength).
_MARKED = {ord(MARKED_DONE): "done", ord(MARKED_PARTLY): "partly"}
#: Larger than any series can be (a routine's days from year 1 to 9999), read at most.
T = TypeVar("T")
_READ_LIMIT = 64 * 1024 * 1024

Weekdays = InForce


@dataclass
class RoutineSeries:
    """One routine's days. Answers what insight.strength asks of a routine's records."""

    #: The day of the string's first character (None: no day marked).
    start: date | None = None
    marks: bytearray = field(default_factory=bytearray)
    #: Day -> steps done or skipped that day, for days it was not finished.
    partly: dict[date, int] = field(default_factory=dict)
    #: Month ("2026-11") -> (day, weekdays) each time a session recorded a new schedule.
    schedule_months: dict[str, list[tuple[date, Weekdays]]] = field(default_factory=dict)
    #: Day -> how far its measured numbers fell short of their targets, in steps (see
    #: digest.shortfall), for days with a measure step done short of its target.
    short: dict[date, float] = field(default_factory=dict)

    def _mark(self, day: date) -> int:
        if self.start is None:
            return ord(NOTHING)
        index = (day - self.start).days
        return self.marks[index] if 0 <= index < len(self.marks) else ord(NOTHING)

    def is_finished(self, day: date) -> bool:
        """Finished in a guided session, or marked done afterwards."""
        return self._mark(day) in (ord(FINISHED), ord(MARKED_DONE))

    def is_rest(self, day: date) -> bool:
        return self._mark(day) == ord(REST)

    def touched_on(self, day: date) -> int:
        return self.partly.get(day, 0)

    def finished_between(self, first: date, last: date) -> int:
        """How many days from `first` to `last` it was finished (or marked done)."""
        if self.start is None:
            return 0
        low = max((first - self.start).days, 0)
        high = max((last - self.start).days + 1, low)
        return self.marks.count(ord(FINISHED), low, high) + \
            self.marks.count(ord(MARKED_DONE), low, high)

    def states(self, first: date) -> Iterator[tuple[bool, bool, int, str]]:
        """(finished, a rest day, steps done or skipped, "done" or "partly" if marked so
        afterwards else "") of `first` and each day after."""
        marks, partly = bytes(self.marks), self.partly
        index = (first - self.start).days if self.start is not None else len(marks)
        finished, rest = ord(FINISHED), ord(REST)
        day, one_day = first, timedelta(days=1)
        while True:
            mark = marks[index] if 0 <= index < len(marks) else 0
            yield (mark == finished, mark == rest, partly.get(day, 0) if partly else 0,
                   _MARKED.get(mark, ""))
            index += 1
            day += one_day

    @property
    def first_day(self) -> date | None:
        """The day of the routine's first record (a rest mark alone does not count)."""
        found = [self.marks.find(ord(mark)) for mark in (FINISHED, MARKED_DONE, MARKED_PARTLY)]
        days = [self._day(index) for index in found if index >= 0]
        if self.partly:
            days.append(min(self.partly))
        return min((d for d in days if d is not None), default=None)

    @property
    def last_day(self) -> date | None:
        """The day of its last record (finished, started or marked), or None."""
        found = [self.marks.rfind(ord(mark)) for mark in (FINISHED, MARKED_DONE, MARKED_PARTLY)]
        days = [self._day(index) for index in found if index >= 0]
        if self.partly:
            days.append(max(self.partly))
        return max((d for d in days if d is not None), default=None)

    def _day(self, index: int) -> date | None:
        return None if index < 0 or self.start is None else self.start + timedelta(days=index)

    @property
    def schedules(self) -> list[tuple[date, Weekdays]]:
        """Each recorded change of schedule, oldest first (a month repeating the schedule
        the one before ended with adds nothing)."""
        merged: list[tuple[date, Weekdays]] = []
        for month in sorted(self.schedule_months):
            for change in self.schedule_months[month]:
                if not merged or merged[-1][1] != change[1]:
                    merged.append(change)
        return merged

    # -- changing -------------------------------------------------------------------------

    def set(self, day: date, mark: str) -> None:
        if self.start is None:
            self.start = day
        if day < self.start:
            self.marks[:0] = NOTHING.encode() * (self.start - day).days
            self.start = day
        index = (day - self.start).days
        if index >= len(self.marks):
            self.marks.extend(NOTHING.encode() * (index + 1 - len(self.marks)))
        self.marks[index] = ord(mark)

    def clear_month(self, month: str) -> None:
        """Take out every day of a month ("2026-11")."""
        first = date.fromisoformat(f"{month}-01")
        after = (first + timedelta(days=31)).replace(day=1)
        if self.start is not None:
            low = max((first - self.start).days, 0)
            high = min((after - self.start).days, len(self.marks))
            if low < high:
                self.marks[low:high] = NOTHING.encode() * (high - low)
        self.partly = {day: n for day, n in self.partly.items() if not first <= day < after}
        self.schedule_months.pop(month, None)
        self.short = {day: n for day, n in self.short.items() if not first <= day < after}
        self._trim()

    def _trim(self) -> None:
        stripped = self.marks.strip(NOTHING.encode())
        if not stripped:
            self.start, self.marks = None, bytearray()
            return
        lead = len(self.marks) - len(self.marks.lstrip(NOTHING.encode()))
        assert self.start is not None
        self.start += timedelta(days=lead)
        self.marks = bytearray(stripped)

    @property
    def empty(self) -> bool:
        return self.start is None and not self.partly and not self.schedule_months and \
            not self.short

    # -- on disk --------------------------------------------------------------------------

    def to_json(self) -> dict[str, Any]:
        return {"start": self.start.isoformat() if self.start else None,
                "marks": self.marks.decode("ascii"),
                "partly": {day.isoformat(): n for day, n in sorted(self.partly.items())},
                "schedules": {month: [[day.isoformat(), schedule_to_json(w)]
                                      for day, w in changes]
                              for month, changes in sorted(self.schedule_months.items())},
                "short": {day.isoformat(): n for day, n in sorted(self.short.items())}}

    @classmethod
    def from_json(cls, value: Any) -> RoutineSeries:
        """The series in its shape on disk; ValueError (or TypeError, KeyError) otherwise."""
        start, marks = value["start"], value["marks"]
        if type(marks) is not str or not _MARKS.issuperset(marks):
            raise ValueError("marks")
        if start is None:
            if marks:
                raise ValueError("marks without a start")
            first = None
        elif is_day(start):
            first = date.fromisoformat(start)
        else:
            raise ValueError("start")
        partly = value["partly"]
        if type(partly) is not dict or not all(
                is_day(day) and type(n) is int and n > 0 for day, n in partly.items()):
            raise ValueError("partly")
        schedules = {}
        for month, changes in value["schedules"].items():
            if not is_day(f"{month}-01"):
                raise ValueError("month")
            schedules[month] = [(_schedule_day(day, month), schedule_of_json(w))
                                for day, w in changes]
        short = value["short"]
        if type(short) is not dict or not all(
                is_day(day) and type(n) in (int, float) and 0 < n < 1e6
                for day, n in short.items()):
            raise ValueError("short")
        return cls(first, bytearray(marks.encode("ascii")),
                   {date.fromisoformat(day): n for day, n in partly.items()}, schedules,
                   {date.fromisoformat(day): n for day, n in short.items()})


def _schedule_day(text: Any, month: str) -> date:
    if not is_day(text) or not text.startswith(month):
        raise ValueError("schedule day")
    return date.fromisoformat(text)


@dataclass(frozen=True)
class ExerciseMonth:
    """One exercise's ratings in one month: how many, their sums before and after, and the
    last day it was rated. On disk: [sessions, before, after, last day]."""

    sessions: int
    before: float
    after: float
    last: str

    def to_json(self) -> list[Any]:
        return [self.sessions, self.before, self.after, self.last]

    @staticmethod
    def fits(value: Any, name: str) -> bool:
        return (type(value) is list and len(value) == 4 and type(value[0]) is int
                and value[0] > 0 and all(type(n) in (int, float) for n in value[1:3])
                and is_day(value[3]) and value[3].startswith(name[8:15]))


def exercise_months(rated: Iterable[RatedStep]) -> dict[str, ExerciseMonth]:
    """A month's ratings (a digest's distress), totalled by exercise key."""
    totals: dict[str, ExerciseMonth] = {}
    for entry in rated:
        if not entry.key:
            continue
        seen = totals.get(entry.key)
        totals[entry.key] = ExerciseMonth(1, entry.before, entry.after, entry.day) if seen is None \
            else ExerciseMonth(seen.sessions + 1, seen.before + entry.before,
                               seen.after + entry.after, max(seen.last, entry.day))
    return totals


@dataclass
class Series:
    """Every routine's series, and the month files (by name, with their stamps) they hold."""

    months: dict[str, Stamp] = field(default_factory=dict)
    routines: dict[str, RoutineSeries] = field(default_factory=dict)
    #: What the figures keep of their walk over these days, by their own key (see
    #: insight.overview.series_progress); the store only keeps them, and forgets them all
    #: when a month changes.
    checkpoints: dict[str, list[Any]] = field(default_factory=dict)
    #: Month file name -> the self-checks done that month, in time order.
    checks: dict[str, list[CheckSeen]] = field(default_factory=dict)
    #: Month file name -> exercise key -> that month's ratings of it (see ExerciseMonth).
    exercises: dict[str, dict[str, ExerciseMonth]] = field(default_factory=dict)

    def routine(self, routine_id: str) -> RoutineSeries:
        return self.routines.get(routine_id) or RoutineSeries()

    @property
    def stamps(self) -> dict[str, Stamp]:
        return dict(self.months)

    def take_out(self, name: str) -> None:
        """Take out every day of a month file's month."""
        month = name[len("records-"):-len(".json")]
        self.checkpoints.clear()
        for routine_id, series in list(self.routines.items()):
            series.clear_month(month)
            if series.empty:
                del self.routines[routine_id]
        self.months.pop(name, None)
        self.checks.pop(name, None)
        self.exercises.pop(name, None)

    def put_in(self, name: str, digest: Digest) -> None:
        """Add a month's days from its digest (its month taken out first)."""
        month = name[len("records-"):-len(".json")]
        self.checkpoints.clear()

        def routine(routine_id: str) -> RoutineSeries:
            return self.routines.setdefault(routine_id, RoutineSeries())

        # A digest leaves reserved ids ("_now") out; one read from an older file may not.
        for part in (digest.rest, digest.marked, digest.finished, digest.touched,
                     digest.schedules, digest.measured):
            for reserved in [key for key in part if is_reserved(key)]:
                del part[reserved]  # type: ignore[attr-defined]
        for routine_id, days in digest.rest.items():
            for day in days:
                routine(routine_id).set(date.fromisoformat(day), REST)
        for routine_id, marked in digest.marked.items():
            for day, state in marked.items():
                routine(routine_id).set(date.fromisoformat(day),
                                        MARKED_DONE if state == "done" else MARKED_PARTLY)
        # A guided session finished that day stands whatever the day was marked.
        for routine_id, days in digest.finished.items():
            for day in days:
                routine(routine_id).set(date.fromisoformat(day), FINISHED)
        for routine_id, counts in digest.touched.items():
            finished = set(digest.finished.get(routine_id, ()))
            for day, n in counts.items():
                if day not in finished and n > 0:
                    routine(routine_id).partly[date.fromisoformat(day)] = n
        for routine_id, days in digest.measured.items():
            for day, steps in days.items():
                if (short := shortfall(steps)) > 0:
                    routine(routine_id).short[date.fromisoformat(day)] = short
        for routine_id, changes in digest.schedules.items():
            if changes:
                routine(routine_id).schedule_months[month] = [
                    (date.fromisoformat(c.day), schedule_of_json(c.weekdays)) for c in changes]
        if digest.checks:
            self.checks[name] = list(digest.checks)
        totals = exercise_months(digest.distress)
        if totals:
            self.exercises[name] = totals
        if digest.stamp is not None:
            self.months[name] = digest.stamp

    def to_bytes(self) -> bytes:
        return orjson.dumps({"v": SERIES_VERSION,
                             "months": {name: list(stamp) for name, stamp in
                                        sorted(self.months.items())},
                             "routines": {key: series.to_json() for key, series in
                                          sorted(self.routines.items())},
                             "checkpoints": dict(sorted(self.checkpoints.items())),
                             "checks": {name: [check.to_json() for check in checks]
                                        for name, checks in sorted(self.checks.items())},
                             "exercises": {name: {key: total.to_json() for key, total
                                                  in sorted(totals.items())}
                                           for name, totals in sorted(self.exercises.items())}})

    @classmethod
    def from_bytes(cls, data: bytes) -> Series | None:
        """The series in a file's bytes, or None for anything else (another version, a
        damaged or hand-edited file): it is then made again from the digests."""
        try:
            document = orjson.loads(data)
            if type(document) is not dict or document.get("v") != SERIES_VERSION:
                return None
            months = {}
            for name, stamp in document["months"].items():
                if not (type(name) is str and name.startswith("records-")
                        and type(stamp) is list and len(stamp) == 4
                        and all(type(n) is int and n >= 0 for n in stamp)):
                    return None
                months[name] = (stamp[0], stamp[1], stamp[2], stamp[3])
            routines = {key: RoutineSeries.from_json(value)
                        for key, value in document["routines"].items()}
            if not all(type(key) is str for key in routines):
                return None
            checkpoints = document["checkpoints"]
            if type(checkpoints) is not dict or not all(
                    type(value) is list for value in checkpoints.values()):
                return None
            checks = {}
            for name, values in document["checks"].items():
                if not (name in months and type(values) is list
                        and all(CheckSeen.fits(value) and value[0].startswith(name[8:15])
                                for value in values)):
                    return None
                checks[name] = [CheckSeen(*value) for value in values]
            exercises = {}
            for name, totals in document["exercises"].items():
                if not (name in months and type(totals) is dict
                        and all(type(key) is str and ExerciseMonth.fits(value, name)
                                for key, value in totals.items())):
                    return None
                exercises[name] = {key: ExerciseMonth(*value) for key, value in totals.items()}
            return cls(months, routines, checkpoints, checks, exercises)
        except (orjson.JSONDecodeError, AttributeError, KeyError, IndexError, TypeError,
                ValueError):
            return None


def read_kept(path: Path, parse: Callable[[bytes], T | None],
              limit: int = _READ_LIMIT) -> T | None:
    """One of the files kept beside the digests, parsed; None if it cannot be read (it is
    then made again from the digests)."""
    try:
        fd = open_own(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as handle:
            return parse(handle.read(limit))
    except OSError:
        return None


def save_kept(path: Path, data: bytes) -> None:
    """Best effort: a kept file that cannot be saved is brought up to date next time."""
    try:
        atomic_write(path, data, mode=0o600)
    except OSError:
        pass


def read_series(path: Path) -> Series | None:
    return read_kept(path, Series.from_bytes)


def save_series(path: Path, series: Series) -> None:
    save_kept(path, series.to_bytes())


def stamps_of(paths: Iterable[Path], listed: Listing | None = None) -> dict[str, Stamp | None]:
    """Each month's stamp by its name (see months.month_stamps: every file of it, in
    `listed` if given); None for one that cannot be looked at now."""
    return month_stamps(list(paths), listed)


def _month_name(day: date) -> str:
    # Not f"{day:%Y-%m}": strftime costs several times more, and this runs for each month
    # of each routine at every check of the series.
    return f"records-{day.year:04d}-{day.month:02d}.json"


def covers_only(series: Series, stamps: dict[str, Stamp | None]) -> bool:
    """Whether every day the series marks is in a month it names (so taking out a month
    that changed takes out all it put in); a series that fails this is made again."""
    named = series.months
    for routine in series.routines.values():
        if any(_month_name(day) not in named for day in routine.partly):
            return False
        if any(f"records-{month}.json" not in named for month in routine.schedule_months):
            return False
        if routine.start is None:
            continue
        day, end = routine.start.replace(day=1), routine.start + timedelta(len(routine.marks))
        while day < end:
            after = (day + timedelta(days=31)).replace(day=1)
            low = max((day - routine.start).days, 0)
            high = (after - routine.start).days
            if routine.marks[low:high].strip(NOTHING.encode()) and _month_name(day) not in named:
                return False
            day = after
    return True


@dataclass
class Ledger:
    """What the figures over all of history need beyond the routines' days (mood check-ins,
    distress before and after, planned and reviewed activities, self-check totals), by month: each month
    file's digest with only those parts, in one file (`digests/ledger.json`) read by
    `coach stats --all` instead of every digest. Brought up to date like the series."""

    months: dict[str, Digest] = field(default_factory=dict)

    def take_out(self, name: str) -> None:
        self.months.pop(name, None)

    def put_in(self, name: str, digest: Digest) -> None:
        if digest.stamp is not None:
            self.months[name] = Digest(stamp=digest.stamp, plans=digest.plans,
                                       reviews=digest.reviews, distress=digest.distress,
                                       mood_parts=digest.mood_parts, checks=digest.checks)

    @property
    def stamps(self) -> dict[str, Stamp]:
        return {name: digest.stamp for name, digest in self.months.items()
                if digest.stamp is not None}

    def to_bytes(self) -> bytes:
        return orjson.dumps({"v": SERIES_VERSION,
                             "months": {name: digest.to_json()
                                        for name, digest in sorted(self.months.items())}})

    @classmethod
    def from_bytes(cls, data: bytes) -> Ledger | None:
        """The ledger in a file's bytes, or None for anything else (made again then)."""
        try:
            document = orjson.loads(data)
            if type(document) is not dict or document.get("v") != SERIES_VERSION:
                return None
            months = {}
            for name, value in document["months"].items():
                digest = Digest.from_json(value)
                if digest is None or digest.stamp is None or not is_day(name[8:15] + "-01"):
                    return None
                if not all(day.startswith(name[8:15]) for day in _days_of(digest)):
                    return None
                months[name] = digest
            return cls(months)
        except (orjson.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError):
            return None


def _days_of(digest: Digest) -> Iterable[str]:
    yield from digest.mood_parts
    yield from (rated.day for rated in digest.distress)
    yield from (plan.day for plan in digest.plans.values())
    yield from (review.day for review in digest.reviews.values())
    yield from (check.day for check in digest.checks)


LEDGER_NAME = "ledger.json"


def read_ledger(path: Path) -> Ledger | None:
    return read_kept(path, Ledger.from_bytes)


def save_ledger(path: Path, ledger: Ledger) -> None:
    save_kept(path, ledger.to_bytes())
