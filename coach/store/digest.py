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
from typing import Any

from coach.formats import DIGEST_VERSION
from coach.store.days import parse_utc, zone_named
from coach.store.records import is_day, record_problem

#: A mood check-in from this local hour (and before the day-start small hours) counts as
#: the evening's; earlier in the day as the morning's.
EVENING_FROM_HOUR = 15
MORNING_FROM_HOUR = 4

Stamp = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def stamp_of(info: os.stat_result) -> Stamp:
    return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)


@dataclass
class Digest:
    """What one month file holds, summarised. Days are ISO dates ("2026-11-23")."""

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
    moods: dict[str, list[int]] = field(default_factory=dict)
    #: activity id -> [name, predicted or None, day, utc] from the latest plan naming it.
    plans: dict[str, list[Any]] = field(default_factory=dict)
    #: activity id -> [done, pleasure or None, mastery or None, day] from the latest review.
    reviews: dict[str, list[Any]] = field(default_factory=dict)
    #: Days with a journal entry.
    journal_days: list[str] = field(default_factory=list)
    #: [day, step type, before, after] for each timed step rated before and after.
    distress: list[list[Any]] = field(default_factory=list)
    #: routine id -> day -> how many of its steps were done or skipped that day (each once).
    touched: dict[str, dict[str, int]] = field(default_factory=dict)
    #: routine id -> days the person marked as a rest day (the latest mark of a day wins).
    rest: dict[str, list[str]] = field(default_factory=dict)
    #: routine id -> [day, weekdays or None] each time a session recorded a schedule that
    #: differs from the one before it this month (None: started any time).
    schedules: dict[str, list[list[Any]]] = field(default_factory=dict)
    #: day -> [rating, "m" or "e"] for each mood check-in, morning or evening, in time order.
    mood_parts: dict[str, list[list[Any]]] = field(default_factory=dict)
    #: Days with a gratitude entry.
    gratitude_days: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"v": DIGEST_VERSION, "stamp": list(self.stamp or ()), "records": self.records,
                "malformed": self.malformed, "misplaced": self.misplaced, "finished": self.finished,
                "steps_done": self.steps_done, "moods": self.moods, "plans": self.plans,
                "reviews": self.reviews, "journal_days": self.journal_days,
                "distress": self.distress, "touched": self.touched, "rest": self.rest,
                "schedules": self.schedules, "mood_parts": self.mood_parts,
                "gratitude_days": self.gratitude_days}

    @classmethod
    def from_json(cls, document: Any) -> Digest | None:
        """The digest in a parsed file, or None for anything not written by this version."""
        try:
            if document.get("v") != DIGEST_VERSION:
                return None
            stamp = document["stamp"]
            digest = cls(stamp=(stamp[0], stamp[1], stamp[2], stamp[3]),
                         records=document["records"], malformed=document["malformed"],
                         misplaced=document["misplaced"],
                         finished=dict(document["finished"]),
                         steps_done=dict(document["steps_done"]), moods=dict(document["moods"]),
                         plans=dict(document["plans"]), reviews=dict(document["reviews"]),
                         journal_days=list(document["journal_days"]),
                         distress=list(document["distress"]),
                         touched=dict(document["touched"]), rest=dict(document["rest"]),
                         schedules=dict(document["schedules"]),
                         mood_parts=dict(document["mood_parts"]),
                         gratitude_days=list(document["gratitude_days"]))
        except (AttributeError, KeyError, IndexError, TypeError, ValueError):
            return None
        return digest if _well_shaped(digest) else None


def _number(value: Any) -> bool:
    return type(value) in (int, float) and value == value and abs(value) < 1e15


def _rating(value: Any) -> bool:
    return value is None or _number(value)


def _days(value: Any) -> bool:
    return type(value) is list and all(map(is_day, value))


def _by_day(value: Any, item: Any) -> bool:
    """A mapping of days to values that `item` accepts."""
    return type(value) is dict and all(map(is_day, value)) and all(map(item, value.values()))


def _by_routine(value: Any, item: Any) -> bool:
    return (type(value) is dict and all(type(key) is str for key in value)
            and all(map(item, value.values())))


def _list_of(item: Any) -> Any:
    return lambda value: type(value) is list and all(map(item, value))


def _plan(value: Any) -> bool:
    return (type(value) is list and len(value) == 4 and type(value[0]) is str
            and _rating(value[1]) and is_day(value[2]) and type(value[3]) is str)


def _review(value: Any) -> bool:
    return (type(value) is list and len(value) == 4 and type(value[0]) is bool
            and _rating(value[1]) and _rating(value[2]) and is_day(value[3]))


def _rated(value: Any) -> bool:
    return (type(value) is list and len(value) == 4 and is_day(value[0])
            and type(value[1]) is str and _number(value[2]) and _number(value[3]))


def _schedule(value: Any) -> bool:
    return (type(value) is list and len(value) == 2 and is_day(value[0])
            and (value[1] is None or (type(value[1]) is list
                                      and all(type(d) is int and 0 <= d <= 6 for d in value[1]))))


def _mood_part(value: Any) -> bool:
    return type(value) is list and len(value) == 2 and _number(value[0]) and value[1] in ("m", "e")


def _count(value: Any) -> bool:
    return type(value) is int and value >= 0


def _well_shaped(digest: Digest) -> bool:
    """Every value has the shape `summarise` writes, so no reader meets a surprise: a digest
    damaged on disk (or edited by hand) is made again from its month instead."""
    return (all(_count(n) for n in (*(digest.stamp or ()), digest.records, digest.malformed,
                                    digest.misplaced))
            and _by_routine(digest.finished, _days)
            and _by_routine(digest.steps_done, lambda v: _by_day(v, _count))
            and _by_day(digest.moods, _list_of(_number))
            and _by_routine(digest.plans, _plan)
            and _by_routine(digest.reviews, _review)
            and _days(digest.journal_days)
            and _list_of(_rated)(digest.distress)
            and _by_routine(digest.touched, lambda v: _by_day(v, _count))
            and _by_routine(digest.rest, _days)
            and _by_routine(digest.schedules, _list_of(_schedule))
            and _by_day(digest.mood_parts, _list_of(_mood_part))
            and _days(digest.gratitude_days))


def _utc_order(record: dict[str, Any]) -> str:
    utc = record["utc"]
    return utc[:-1] + ".000Z" if "." not in utc else utc


def summarise(entries: Iterable[Any], stamp: Stamp | None, month: str | None = None) -> Digest:
    """The digest of a month file's entries (malformed ones are counted, never used)."""
    return summarise_checked(entries, stamp, month)[0]


def summarise_checked(entries: Iterable[Any], stamp: Stamp | None,
                      month: str | None = None) -> tuple[Digest, list[dict[str, Any]]]:
    """The digest, and the well-formed entries in time order (checking them is most of the
    work of a digest, so a reader that needs them gets both at once). With `month`
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
    digest.records = len(good)
    finished: dict[str, set[str]] = defaultdict(set)
    steps: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    touched: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    rest: dict[str, dict[str, bool]] = defaultdict(dict)
    schedules: dict[str, list[list[Any]]] = defaultdict(list)
    journal: set[str] = set()
    gratitude: set[str] = set()
    for record in good:
        day, routine, kind = record["day"], record.get("routine", ""), record["kind"]
        if kind == "session":
            if record["event"] == "finished":
                finished[routine].add(day)
            if "weekdays" in record:
                _note_schedule(schedules[routine], day, record["weekdays"])
            continue
        if kind == "rest":
            rest[routine][day] = record.get("rest") is True
            continue
        if kind != "step":  # a reminder: not practice
            continue
        if record["status"] == "draft":  # left part way: neither done nor skipped
            continue
        touched[routine][day].add(record["step"])
        if record["status"] != "done":
            continue
        steps[routine][day] += 1
        data, step_type = record.get("data", {}), record["type"]
        if step_type == "mood" and data.get("rating") is not None:
            digest.moods.setdefault(day, []).append(data["rating"])
            digest.mood_parts.setdefault(day, []).append([data["rating"], _part_of_day(record)])
        elif step_type == "activity_plan":
            for activity in data.get("activities", []):
                digest.plans[activity["id"]] = [activity.get("name", ""),
                                                activity.get("predicted"), day, record["utc"]]
        elif step_type == "activity_review":
            for activity in data.get("activities", []):
                if activity.get("id"):
                    digest.reviews[activity["id"]] = [activity.get("done", False),
                                                      activity.get("pleasure"),
                                                      activity.get("mastery"), day]
        elif step_type == "journal" and str(data.get("text", "")).strip():
            journal.add(day)
        elif step_type == "gratitude" and any(str(item).strip()
                                              for item in data.get("items", [])):
            gratitude.add(day)
        if "distress_before" in data and "distress_after" in data and \
                data["distress_before"] is not None and data["distress_after"] is not None:
            digest.distress.append([day, step_type, data["distress_before"],
                                    data["distress_after"]])
    digest.finished = {routine: sorted(days) for routine, days in sorted(finished.items())}
    digest.steps_done = {routine: dict(sorted(days.items()))
                         for routine, days in sorted(steps.items())}
    digest.touched = {routine: {day: len(ids) for day, ids in sorted(days.items())}
                      for routine, days in sorted(touched.items())}
    digest.rest = {routine: sorted(day for day, marked in days.items() if marked)
                   for routine, days in sorted(rest.items())
                   if any(days.values())}
    digest.schedules = dict(sorted(schedules.items()))
    digest.journal_days = sorted(journal)
    digest.gratitude_days = sorted(gratitude)
    return digest, good


def _note_schedule(changes: list[list[Any]], day: str, weekdays: Any) -> None:
    """Keep a session's schedule when it differs from the last one kept."""
    days = sorted(set(weekdays)) if isinstance(weekdays, list) else None
    if not changes or changes[-1][1] != days:
        changes.append([day, days])


def _part_of_day(record: dict[str, Any]) -> str:
    """"m" for a check-in in the local morning, "e" for the afternoon, evening and night."""
    try:
        local = parse_utc(record["utc"]).astimezone(zone_named(str(record.get("tz") or "UTC")))
    except (ValueError, OverflowError):
        return "e"
    return "m" if MORNING_FROM_HOUR <= local.hour < EVENING_FROM_HOUR else "e"
