"""A month at a glance: the few facts that progress, figures and suggestions need.

Ten years of history are about 120 month files and 70,000 records; reading
them all to draw a trend or to suggest an activity would make every screen
slower each year. Each month file gets a digest beside it (in `digests/`),
a few kilobytes, rebuilt only when its month file changes (told by the file's
size, times and inode). The month files stay the truth; a digest can always
be thrown away and made again from its month.
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import starmap
from typing import Any

from coach.foundation.formats import DIGEST_VERSION
from coach.foundation.measures import AT_LEAST, DIRECTIONS, share_of_target
from coach.foundation.frequency import is_schedule_json
from coach.store.days import parse_utc, zone_named
from coach.store.marking import DONE, PARTLY, RESTED, day_states, state_of
from coach.store.records import is_day, is_reserved, record_problem
from coach.store.revisions import fold

#: A routine due from this local hour (or in the small hours before the day starts) is an
#: evening's; one due earlier in the day a morning's. A check-in is its routine's part of the
#: day (see insight.mood); a check-in of a routine with no set time is the part it was given in.
EVENING_FROM_HOUR = 15
MORNING_FROM_HOUR = 4

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


Rating = int | float | None  # 0-10 as the record holds it; None: not given


@dataclass(slots=True)
class PlanSeen:
    """The latest plan naming an activity. On disk: [name, predicted, day, utc]."""

    name: str
    predicted: Rating
    day: str
    #: When the plan was recorded (ISO UTC): the most recent plan of a name comes first.
    utc: str

    def to_json(self) -> list[Any]:
        return [self.name, self.predicted, self.day, self.utc]

    @staticmethod
    def fits(value: Any) -> bool:
        return (type(value) is list and len(value) == 4 and type(value[0]) is str
                and _rating(value[1]) and is_day(value[2]) and type(value[3]) is str)


@dataclass(slots=True)
class ReviewSeen:
    """The latest review of an activity. On disk: [done, pleasure, mastery, day]."""

    done: bool
    pleasure: Rating
    mastery: Rating
    day: str

    def to_json(self) -> list[Any]:
        return [self.done, self.pleasure, self.mastery, self.day]

    @staticmethod
    def fits(value: Any) -> bool:
        return (type(value) is list and len(value) == 4 and type(value[0]) is bool
                and _rating(value[1]) and _rating(value[2]) and is_day(value[3]))


@dataclass(slots=True)
class RatedStep:
    """An exercise rated (distress, 0-10) before and after. On disk: [day, type, before,
    after, key]."""

    day: str
    step_type: str
    before: int | float
    after: int | float
    #: Which exercise: "<routine>/<step id>" for a routine's step, or the key recorded by
    #: "I need something now" ("coach:breathing", or a routine's step as above).
    key: str

    def to_json(self) -> list[Any]:
        return [self.day, self.step_type, self.before, self.after, self.key]

    @staticmethod
    def fits(value: Any) -> bool:
        return (type(value) is list and len(value) == 5 and is_day(value[0])
                and type(value[1]) is str and _number(value[2]) and _number(value[3])
                and type(value[4]) is str)


@dataclass(slots=True)
class CheckSeen:
    """A self-check done (PHQ-9 or GAD-7): its total only, never the answers. On disk:
    [day, form, total]."""

    day: str
    form: str
    total: int

    def to_json(self) -> list[Any]:
        return [self.day, self.form, self.total]

    @staticmethod
    def fits(value: Any) -> bool:
        return (type(value) is list and len(value) == 3 and is_day(value[0])
                and type(value[1]) is str and _check_total(value[2]))


@dataclass(slots=True)
class ScheduleChange:
    """A session that recorded a schedule unlike the one before it. On disk: [day, weekdays]."""

    day: str
    #: Monday 0 to Sunday 6, distinct and in order; a number of times as recorded
    #: ({"times": 3, "per": "week"}, {"every": 2}); None: started any time.
    weekdays: list[int] | dict[str, Any] | None

    def to_json(self) -> list[Any]:
        return [self.day, self.weekdays]

    @staticmethod
    def fits(value: Any) -> bool:
        return (type(value) is list and len(value) == 2 and is_day(value[0])
                and is_schedule_json(value[1]))


@dataclass(slots=True)
class MoodCheckIn:
    """A mood rating, the part of the day it was given in and its routine. On disk: [rating,
    part, routine]."""

    rating: int | float
    #: "m": given in the morning (from MORNING_FROM_HOUR); "e": the afternoon, evening and
    #: night. What counts is the routine's time, when it has one (see insight.mood).
    part: str
    #: The routine's id ("" for none).
    routine: str

    def to_json(self) -> list[Any]:
        return [self.rating, self.part, self.routine]

    @staticmethod
    def fits(value: Any) -> bool:
        return type(value) is list and len(value) == 3 and _number(value[0]) and \
            value[1] in ("m", "e") and type(value[2]) is str


@dataclass
class Digest:
    """What one month file holds, summarised. Days are ISO dates ("2026-11-23").

    On disk (`to_json`), a JSON object with these fields' names, plus "v" (DIGEST_VERSION);
    the small records inside it (plans, reviews, ...) are positional lists, see each type."""

    stamp: Stamp | None = None
    records: int = 0
    #: Entries in the file that are not well-formed records (a hand edit, say).
    malformed: int = 0
    #: Well-formed records whose day is not in the file's month (moved or copied by hand):
    #: left where they are and not counted, so no record counts twice.
    misplaced: int = 0
    #: routine id -> days a session of it was finished.
    finished: dict[str, list[str]] = field(default_factory=dict)
    #: routine id -> day -> steps done that day (not skipped).
    steps_done: dict[str, dict[str, int]] = field(default_factory=dict)
    #: day -> mood ratings (0-10) recorded that day, in time order.
    moods: dict[str, list[int | float]] = field(default_factory=dict)
    #: activity id -> the latest plan naming it.
    plans: dict[str, PlanSeen] = field(default_factory=dict)
    #: activity id -> its latest review.
    reviews: dict[str, ReviewSeen] = field(default_factory=dict)
    #: Days with a journal entry.
    journal_days: list[str] = field(default_factory=list)
    #: Each timed step rated before and after, in time order.
    distress: list[RatedStep] = field(default_factory=list)
    #: routine id -> day -> how many of its steps were done or skipped that day (each once).
    touched: dict[str, dict[str, int]] = field(default_factory=dict)
    #: routine id -> days the person marked as a rest day (the latest mark of a day wins,
    #: see store.marking).
    rest: dict[str, list[str]] = field(default_factory=dict)
    #: routine id -> day -> "done" or "partly": days the person marked afterwards (the
    #: latest mark of a day wins; a guided session finished that day is in `finished` too).
    marked: dict[str, dict[str, str]] = field(default_factory=dict)
    #: routine id -> each time a session recorded a schedule that differs from the one
    #: before it this month.
    schedules: dict[str, list[ScheduleChange]] = field(default_factory=dict)
    #: day -> each mood check-in, with the part of the day and routine, in time order.
    mood_parts: dict[str, list[MoodCheckIn]] = field(default_factory=dict)
    #: Days with a gratitude entry.
    gratitude_days: list[str] = field(default_factory=list)
    #: Each self-check done (of any routine), in time order.
    checks: list[CheckSeen] = field(default_factory=list)
    #: routine id -> day -> measure step id -> [value, unit, target, direction] as the
    #: step's last done record that day holds them (see foundation.measures).
    measured: dict[str, dict[str, dict[str, list[Any]]]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"v": DIGEST_VERSION, "stamp": list(self.stamp or ()), "records": self.records,
                "malformed": self.malformed, "misplaced": self.misplaced, "finished": self.finished,
                "steps_done": self.steps_done, "moods": self.moods,
                "plans": {key: plan.to_json() for key, plan in self.plans.items()},
                "reviews": {key: review.to_json() for key, review in self.reviews.items()},
                "journal_days": self.journal_days,
                "distress": [rated.to_json() for rated in self.distress],
                "touched": self.touched, "rest": self.rest, "marked": self.marked,
                "schedules": {key: [change.to_json() for change in changes]
                              for key, changes in self.schedules.items()},
                "mood_parts": {day: [mood.to_json() for mood in moods]
                               for day, moods in self.mood_parts.items()},
                "gratitude_days": self.gratitude_days,
                "checks": [check.to_json() for check in self.checks],
                "measured": self.measured}

    @classmethod
    def from_json(cls, document: Any) -> Digest | None:
        """The digest in a parsed file, or None for anything not written by this version
        (an older digest is made again from its month) or not in the shape `summarise`
        writes: a digest damaged on disk (or edited by hand) is made again too, so no
        reader meets a surprise."""
        try:
            if document.get("v") != DIGEST_VERSION:
                return None
            days = _Days()
            stamp = document["stamp"]
            digest = cls(stamp=(stamp[0], stamp[1], stamp[2], stamp[3]),
                         records=document["records"], malformed=document["malformed"],
                         misplaced=document["misplaced"],
                         finished=document["finished"], steps_done=document["steps_done"],
                         moods=document["moods"],
                         plans=_by_key(document["plans"], PlanSeen),
                         reviews=_by_key(document["reviews"], ReviewSeen),
                         journal_days=document["journal_days"],
                         distress=_each(document["distress"], RatedStep),
                         touched=document["touched"], rest=document["rest"],
                         marked=document["marked"],
                         schedules=_lists_by_key(document["schedules"], ScheduleChange),
                         mood_parts=_lists_by_key(document["mood_parts"], MoodCheckIn, days.all),
                         gratitude_days=document["gratitude_days"],
                         checks=_each(document["checks"], CheckSeen),
                         measured=document["measured"])
            return digest if _well_shaped(digest, days) else None
        except (_IllShaped, AttributeError, KeyError, IndexError, TypeError, ValueError):
            return None

    def summary(self, stamp: Stamp) -> MonthSummary:
        """The month's line in the digest index (`stamp`: the month file's, if the digest
        has none)."""
        return MonthSummary(self.stamp or stamp, self.records, self.malformed,
                            sorted(self.finished), self.misplaced)


@dataclass(slots=True)
class MonthSummary:
    """A month in the digest index: what `coach doctor` counts and what "finished before"
    needs, without reading the month's digest. On disk: [size, mtime_ns, ctime_ns, inode,
    records, malformed, routines finished, misplaced]."""

    stamp: Stamp
    records: int
    malformed: int
    #: The routines finished that month, sorted.
    finished: list[str]
    misplaced: int

    def to_json(self) -> list[Any]:
        return [*self.stamp, self.records, self.malformed, self.finished, self.misplaced]

    @classmethod
    def from_json(cls, value: Any) -> MonthSummary | None:
        if (type(value) is list and len(value) == 8
                and all(type(n) is int for n in (*value[:6], value[7]))
                and type(value[6]) is list and all(type(r) is str for r in value[6])):
            return cls((value[0], value[1], value[2], value[3]), value[4], value[5], value[6],
                       value[7])
        return None


class _IllShaped(Exception):
    """A value in a digest that is not in the shape `summarise` writes."""


def _each(values: Any, kind: Any) -> list[Any]:
    """A `kind` (one of the small records above) made of each item of a JSON list;
    _IllShaped if any is not in its shape on disk."""
    if type(values) is not list or not all(map(kind.fits, values)):
        raise _IllShaped
    return list(starmap(kind, values))


def _by_key(values: Any, kind: Any) -> dict[str, Any]:
    """A `kind` made of each value of a JSON object."""
    if type(values) is not dict or not all(map(kind.fits, values.values())):
        raise _IllShaped
    return dict(zip(values, starmap(kind, values.values())))


def _lists_by_key(values: Any, kind: Any, keys: Any = None) -> dict[str, list[Any]]:
    """A list of `kind`s made of each value (a JSON list) of a JSON object, whose keys
    `keys` accepts all together (if given)."""
    if type(values) is not dict or (keys is not None and not keys(values)):
        raise _IllShaped
    fits, made = kind.fits, {}
    for key, items in values.items():
        if type(items) is not list or not all(map(fits, items)):
            raise _IllShaped
        made[key] = list(starmap(kind, items))
    return made


def _number(value: Any) -> bool:
    return type(value) in (int, float) and value == value and abs(value) < 1e15


def _rating(value: Any) -> bool:
    return value is None or _number(value)


class _Days:
    """is_day for the days of one digest, which names its thirty-odd days thousands of
    times: each distinct day is checked once, then found in a set (at C speed). This keeps
    reading a digest as fast as before it was made of named records."""

    __slots__ = ("good",)

    def __init__(self) -> None:
        self.good: set[str] = set()

    def all(self, values: list[Any] | dict[str, Any]) -> bool:
        """Whether every item of a list (or key of a dict) is a day. TypeError for an
        item that cannot be a key (a list): the digest is not in its shape."""
        if self.good.issuperset(values):
            return True
        new = [value for value in values if value not in self.good]
        if not all(map(is_day, new)):
            return False
        self.good.update(new)
        return True

    def listed(self, value: Any) -> bool:
        return type(value) is list and self.all(value)

    def by_day(self, value: Any, item: Any) -> bool:
        """A mapping of days to values that `item` accepts."""
        return type(value) is dict and self.all(value) and all(map(item, value.values()))


def _by_routine(value: Any, item: Any) -> bool:
    return (type(value) is dict and all(type(key) is str for key in value)
            and all(map(item, value.values())))


def _list_of(item: Any) -> Any:
    return lambda value: type(value) is list and all(map(item, value))


def _marked(value: Any) -> bool:
    return value == DONE or value == PARTLY


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _well_shaped(digest: Digest, days: _Days) -> bool:
    """Every value has the shape `summarise` writes (the small records were checked as
    they were made)."""
    return (all(_count(n) for n in (*(digest.stamp or ()), digest.records, digest.malformed,
                                    digest.misplaced))
            and _by_routine(digest.finished, days.listed)
            and _by_routine(digest.steps_done, lambda v: days.by_day(v, _count))
            and days.by_day(digest.moods, _list_of(_number))
            and days.listed(digest.journal_days)
            and _by_routine(digest.touched, lambda v: days.by_day(v, _count))
            and _by_routine(digest.rest, days.listed)
            and _by_routine(digest.marked, lambda v: days.by_day(v, _marked))
            and days.listed(digest.gratitude_days)
            and _by_routine(digest.measured, lambda v: days.by_day(
                v, lambda steps: _by_routine(steps, _measure))))


def _measure(value: Any) -> bool:
    """[value, unit, target, direction], as `summarise` writes a measured number."""
    return (type(value) is list and len(value) == 4 and _number(value[0])
            and type(value[1]) is str and _rating(value[2]) and value[3] in DIRECTIONS)


def _utc_order(record: dict[str, Any]) -> str:
    utc = record["utc"]
    return utc[:-1] + ".000Z" if "." not in utc else utc


def summarise(entries: Iterable[Any], stamp: Stamp | None, month: str | None = None) -> Digest:
    """The digest of a month file's entries (malformed ones are counted, never used)."""
    return summarise_checked(entries, stamp, month)[0]


def summarise_checked(entries: Iterable[Any], stamp: Stamp | None,
                      month: str | None = None) -> tuple[Digest, list[dict[str, Any]]]:
    """The digest of the month as every reader sees it (folded: see store.revisions), and
    the well-formed entries in time order, unfolded (checking them is most of the work of
    a digest, so a reader that needs them gets both at once). With `month`
    ("2026-11"), a record of a day in another month is counted as misplaced, not used."""
    digest = Digest(stamp=stamp)
    good = []
    for entry in entries:
        if record_problem(entry) is not None:
            digest.malformed += 1
        elif month is not None and not entry["day"].startswith(month):
            digest.misplaced += 1
        else:
            good.append(entry)
    good.sort(key=_utc_order)
    shown = fold(good)
    digest.records = len(shown)
    finished: dict[str, set[str]] = defaultdict(set)
    steps: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    touched: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    #: The mark and rest records: the latest of each day says what it was marked.
    marks: list[dict[str, Any]] = []
    schedules: dict[str, list[ScheduleChange]] = defaultdict(list)
    journal: set[str] = set()
    gratitude: set[str] = set()
    for record in shown:
        day, routine, kind = record["day"], record.get("routine", ""), record["kind"]
        # Records under a reserved id ("I need something now", a self-check on its own)
        # feed the ratings below but are no routine: nothing of them is a routine's day.
        reserved = is_reserved(routine)
        if kind == "session":
            if reserved:
                continue
            if record["event"] == "finished":
                finished[routine].add(day)
            if "weekdays" in record:
                _note_schedule(schedules[routine], day, record["weekdays"])
            continue
        if state_of(record) is not None:
            if not reserved:
                marks.append(record)
            continue
        if kind != "step":  # a reminder: not practice
            continue
        if record["status"] == "draft":  # left part way: neither done nor skipped
            continue
        if not reserved:
            touched[routine][day].add(record["step"])
        if record["status"] != "done":
            continue
        if not reserved:
            steps[routine][day] += 1
        data, step_type = record.get("data", {}), record["type"]
        if step_type == "mood" and data.get("rating") is not None:
            digest.moods.setdefault(day, []).append(data["rating"])
            digest.mood_parts.setdefault(day, []).append(
                MoodCheckIn(data["rating"], _part_of_day(record), routine))
        elif step_type == "activity_plan":
            for activity in data.get("activities", []):
                digest.plans[activity["id"]] = PlanSeen(activity.get("name", ""),
                                                        activity.get("predicted"), day,
                                                        record["utc"])
        elif step_type == "activity_review":
            for activity in data.get("activities", []):
                if activity.get("id"):
                    digest.reviews[activity["id"]] = ReviewSeen(activity.get("done", False),
                                                                activity.get("pleasure"),
                                                                activity.get("mastery"), day)
        elif step_type == "journal" and str(data.get("text", "")).strip():
            journal.add(day)
        elif step_type == "check" and _check_total(data.get("total")) and \
                type(data.get("form")) is str:
            digest.checks.append(CheckSeen(day, data["form"], data["total"]))
        elif step_type == "measure" and not reserved and _number(data.get("value")):
            digest.measured.setdefault(routine, {}).setdefault(day, {})[record["step"]] = [
                data["value"], str(data.get("unit", "")), data.get("target"),
                data.get("direction", AT_LEAST)]
        elif step_type == "gratitude" and any(str(item).strip()
                                              for item in data.get("items", [])):
            gratitude.add(day)
        if "distress_before" in data and "distress_after" in data and \
                data["distress_before"] is not None and data["distress_after"] is not None:
            digest.distress.append(RatedStep(day, step_type, data["distress_before"],
                                             data["distress_after"],
                                             _exercise_key(record, data, reserved)))
    #: routine id -> day -> what the person marked it (the latest mark or rest record).
    marked: dict[str, dict[str, str]] = defaultdict(dict)
    for (routine, day), state in day_states(marks).items():
        marked[routine][day] = state
    digest.finished = {routine: sorted(days) for routine, days in sorted(finished.items())}
    digest.steps_done = {routine: dict(sorted(days.items()))
                         for routine, days in sorted(steps.items())}
    digest.touched = {routine: {day: len(ids) for day, ids in sorted(days.items())}
                      for routine, days in sorted(touched.items())}
    digest.rest = {routine: sorted(day for day, state in days.items() if state == RESTED)
                   for routine, days in sorted(marked.items())
                   if RESTED in days.values()}
    digest.marked = {routine: {day: state for day, state in sorted(days.items())
                               if state in (DONE, PARTLY)}
                     for routine, days in sorted(marked.items())
                     if DONE in days.values() or PARTLY in days.values()}
    digest.schedules = dict(sorted(schedules.items()))
    digest.measured = {routine: dict(sorted(days.items()))
                       for routine, days in sorted(digest.measured.items())}
    digest.journal_days = sorted(journal)
    digest.gratitude_days = sorted(gratitude)
    return digest, good


def shortfall(measured: dict[str, list[Any]]) -> float:
    """How far a day's measured numbers (one routine's, by step) fell short of their
    targets, in steps: each step's 1 less its share of the target (see
    foundation.measures). What strength takes off the day's value."""
    return sum(1 - share_of_target(value, target if target is not None else 0, direction)
               for value, _unit, target, direction in measured.values())


def _exercise_key(record: dict[str, Any], data: dict[str, Any], reserved: bool) -> str:
    """The exercise a rating is about: the key "I need something now" recorded, else the
    routine's step ("evening/breathing")."""
    if reserved:
        key = data.get("exercise")
        return key if isinstance(key, str) else str(record["step"])
    return f"{record.get('routine', '')}/{record['step']}"


def _check_total(value: Any) -> bool:
    return type(value) is int and 0 <= value < 1000


def _note_schedule(changes: list[ScheduleChange], day: str, weekdays: Any) -> None:
    """Keep a session's schedule when it differs from the last one kept."""
    days = sorted(set(weekdays)) if isinstance(weekdays, list) else \
        weekdays if isinstance(weekdays, dict) else None
    if not changes or changes[-1].weekdays != days:
        changes.append(ScheduleChange(day, days))


def _part_of_day(record: dict[str, Any]) -> str:
    """"m" for a check-in in the local morning, "e" for the afternoon, evening and night."""
    try:
        local = parse_utc(record["utc"]).astimezone(zone_named(str(record.get("tz") or "UTC")))
    except (ValueError, OverflowError):
        return "e"
    return "m" if MORNING_FROM_HOUR <= local.hour < EVENING_FROM_HOUR else "e"
