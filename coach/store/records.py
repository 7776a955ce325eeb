"""What a well-formed record looks like, checked strictly wherever records come in from outside.

Records written by coach always pass. Imports are checked before anything is
stored; `coach doctor` counts records in the data files that fail (from a hand
edit, say), which every reader skips rather than stumbling over. Because the
check covers the shape of each known step's data, every reader downstream (the
app, `coach history`, the exports, the figures) can trust what it is given:
anything import accepts, every command and screen can show.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import lru_cache
from datetime import date
from typing import Any

from coach.foundation.measures import DIRECTIONS
from coach.foundation.frequency import is_schedule_json

#: What the person did, shown by `coach history` and summed by digests and figures.
PRACTICE_KINDS = ("step", "session")
#: A reminder that was sent (so no other reminder process sends it again); it holds the
#: routine, day and which reminder, never anything the person wrote.
REMINDER = "reminder"
#: A day of one routine marked as a rest day (rest true) or the mark taken back (rest false);
#: for each routine and day the latest such record wins. Not practice either.
REST = "rest"
#: A past day of one routine marked by the person afterwards (not guided): "done", "partly"
#: done, or "none" (the mark taken back). For each routine and day the latest of its mark and
#: rest records wins (see store.marking), so clearing or undoing a mark is one more record.
MARK = "mark"
MARK_VALUES = ("done", "partly", "none")
#: A later version of another record of the same month (see store.revisions): its data
#: corrected ("data"), the record removed or brought back ("removed"), or an earlier
#: revision undone ("undoes"). Nothing is changed in place; the latest revision wins.
REVISION = "revision"
KINDS = (*PRACTICE_KINDS, REMINDER, REST, MARK, REVISION)
#: A draft is a step left part way: what was written so far, resumed later, not done.
STATUSES = ("done", "skipped", "draft")
#: The step types whose done records are the person's own entries, which the person can
#: correct or delete (see store.edits).
ENTRY_TYPES = ("journal", "gratitude", "mood", "activity_plan", "activity_review")
#: The reminder of a routine day at its time, and the one follow-up if it is still not done.
REMINDER_WHICH = ("first", "again")

#: Records of an exercise taken from "I need something now", outside any routine.
NOW_ROUTINE = "_now"
#: Records of a self-check taken on its own, outside any routine.
CHECK_ROUTINE = "_check"
#: Records of a quick mood check-in, from home's `m` or `coach mood`, outside any routine.
MOOD_ROUTINE = "_mood"


def reminder_slot(routine_id: str, at: str | None = None) -> str:
    """What a reminder is claimed as, beside its day and `which`: the routine's id, for a
    routine reminded once a day; "_mood@12:30" for one of several times a day (a reminder
    record's "at"). A routine's id has no "@", so the two never meet."""
    return routine_id if at is None else f"{routine_id}@{at}"


def is_reserved(routine_id: str) -> bool:
    """Whether records under this routine id are not a routine's (`_now`, `_check`, `_mood`): they
    feed mood, distress and self-check figures but are never listed, counted or reminded
    of as a routine. A routine's own id cannot start with "_", so any such id is one."""
    return routine_id.startswith("_")

#: Records belong to days in these years; outside them, date arithmetic (the week's Sunday,
#: a UTC time shown in a zone) would overflow, and no one's history is there anyway.
FIRST_YEAR, LAST_YEAR = 1900, 2999
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: After the day, the UTC form coach writes: 2026-11-23T07:30:00.000Z (fraction optional).
_TIME_OF_DAY = re.compile(r"T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z")
#: A device id (see store.device): 8 characters of lowercase base32.
_DEVICE_ID = re.compile(r"[a-z2-7]{8}")
#: A place in the order of superseding records (see store.hlc): UTC ms, then a counter.
_HLC = re.compile(r"\d{13}-\d{4}")
MAX_ID_LENGTH = 200
MAX_TEXT = 100_000          # characters of text in one record, all strings together
MAX_DEPTH = 8               # nesting of the data mapping
MAX_INT = 2 ** 53           # beyond this a number cannot round-trip through every JSON reader


@lru_cache(maxsize=8192)  # a history has a few thousand distinct days, read again and again
def _valid_day(text: str) -> bool:
    if not _DAY.fullmatch(text) or not FIRST_YEAR <= int(text[:4]) <= LAST_YEAR:
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_day(value: Any) -> bool:
    return type(value) is str and len(value) == 10 and _valid_day(value)


def is_utc(value: Any) -> bool:
    return type(value) is str and _valid_day(value[:10]) and \
        _TIME_OF_DAY.fullmatch(value, 10) is not None


def is_device_id(value: Any) -> bool:
    """Whether `value` is a device id as coach makes them ("k3v7q2ma")."""
    return type(value) is str and _DEVICE_ID.fullmatch(value) is not None


def _is_id(value: Any) -> bool:
    return isinstance(value, str) and 0 < len(value) <= MAX_ID_LENGTH


def _json_problem(container: dict[str, Any] | list[Any], depth: int,
                  budget: list[int]) -> str | None:
    """Why a mapping or list is not plain JSON coach can keep: NaN, too deep, too much text.

    Scalars are checked in the loop (by exact type: this runs on every record read
    from outside), containers by recursion, so a record costs a few calls."""
    if depth >= MAX_DEPTH:
        return f"is nested more than {MAX_DEPTH} levels deep"
    if type(container) is dict:
        for key in container:
            if type(key) is not str:  # never from a JSON file; a caller's mapping may have it
                return "has a key that is not text"
            budget[0] -= len(key)
        items: Any = container.values()
    else:
        items = container
    for item in items:
        kind = type(item)
        if kind is str:
            budget[0] -= len(item)
            if budget[0] < 0:
                return f"holds more than {MAX_TEXT:,} characters of text"
        elif kind is int:
            if not -MAX_INT <= item <= MAX_INT:
                return "holds a number too large to keep"
        elif kind is float:
            if not math.isfinite(item):
                return "holds NaN or infinity, which is not a number"
        elif kind is dict or kind is list:
            if problem := _json_problem(item, depth + 1, budget):
                return problem
        elif item is not None and kind is not bool:
            return "holds a value that is not JSON"
    return None


# -- the data each known step type records ---------------------------------------------------

def _text(value: Any) -> bool:
    return isinstance(value, str)


def _texts(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _rating(value: Any) -> bool:
    return value is None or (isinstance(value, int) and not isinstance(value, bool)
                             and 0 <= value <= 10)


def _flag(value: Any) -> bool:
    return isinstance(value, bool)


def _seconds(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value >= 0


def _number(value: Any) -> bool:
    """A finite number (a JSON reader keeps it), or None."""
    return value is None or (type(value) in (int, float) and math.isfinite(value)
                             and abs(value) < MAX_INT)


def _clock_time(value: Any) -> bool:
    return value is None or (isinstance(value, str)
                             and re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value) is not None)


def _answer(value: Any) -> bool:
    return type(value) is int and 0 <= value <= 3


def _optional_id(value: Any) -> bool:
    return value is None or _is_id(value)


Shape = dict[str, Callable[[Any], bool]]

_TIMED: Shape = {"seconds": _seconds, "completed": _flag, "distress_before": _rating,
                 "distress_after": _rating}
_PLANNED: Shape = {"id": _is_id, "name": _text, "time": _clock_time, "predicted": _rating}
_REVIEWED: Shape = {"id": _optional_id, "name": lambda v: v is None or _text(v),
                    "predicted": _rating, "done": _flag, "pleasure": _rating, "mastery": _rating}
STEP_DATA: dict[str, Shape] = {
    # A quick check-in (MOOD_ROUTINE) also holds the tags the person picked.
    "mood": {"rating": _rating, "feelings": _texts, "note": _text, "tags": _texts},
    "gratitude": {"items": _texts},
    "journal": {"prompt": _text, "text": _text},
    "affirmation": {"texts": _texts},
    "breathing": {**_TIMED, "pattern": _text, "breaths": _seconds},
    "pmr": {**_TIMED, "groups": _seconds, "groups_done": _seconds},
    "instruction": _TIMED,
    # A self-check (PHQ-9 or GAD-7): each item's answer 0-3 in form order, the unscored
    # difficulty answer, and the total, which figures read without adding up again.
    "check": {"form": _text, "answers": lambda v: isinstance(v, list) and all(map(_answer, v)),
              "difficulty": lambda v: v is None or _answer(v),
              "total": lambda v: type(v) is int and 0 <= v <= 27},
    # A measured number against its target; `afterwards` when it was entered from the
    # shell for a day (coach done ROUTINE --value), not in the routine.
    "measure": {"value": lambda v: _number(v) and v is not None, "unit": _text,
                "target": _number, "direction": lambda v: v in DIRECTIONS,
                "afterwards": _flag},
}
#: Beside its lists of what was named, a grounding done from "I need something now" holds
#: the ratings around it and the exercise's key; one left part way holds what was being
#: typed (the fields as they stood, see tui.steps.typed).
_GROUNDING_EXTRA: Shape = {"distress_before": _rating, "distress_after": _rating,
                           "exercise": _text, "typed": lambda v: isinstance(v, dict)}
_LISTS: dict[str, Shape] = {"activity_plan": _PLANNED, "activity_review": _REVIEWED}


def _shape_problem(step_type: str, data: dict[str, Any]) -> str | None:
    """Known fields of a known step type must hold what coach wrote there; other fields and
    other step types may hold any JSON (a newer coach may record more)."""
    if step_type in _LISTS:
        activities = data.get("activities", [])
        if not isinstance(activities, list) or not all(
                isinstance(a, dict) and _fields_problem(_LISTS[step_type], a) is None
                for a in activities):
            return f"the {step_type} data does not hold a list of activities"
        return None
    if step_type == "grounding":
        return None if all(_GROUNDING_EXTRA.get(k, _texts)(v) for k, v in data.items()) else \
            "the grounding data does not hold lists of text"
    shape = STEP_DATA.get(step_type)
    if shape is None:
        return None
    if field := _fields_problem(shape, data):
        return f"the {step_type} data has an unexpected {field!r}"
    return None


def _fields_problem(shape: Shape, data: dict[str, Any]) -> str | None:
    """The first known field whose value has the wrong type, or None."""
    for name, check in shape.items():
        if name in data and not check(data[name]):
            return name
    return None


def record_problem(record: Any) -> str | None:
    """Why a record cannot be used, or None when it is well formed."""
    if not isinstance(record, dict):
        return "not a record"
    if not _is_id(record.get("uid")):
        return "no uid"
    if record.get("kind") not in KINDS:
        return "unknown kind"
    if not is_day(record.get("day")):
        return f"day is not a date between {FIRST_YEAR} and {LAST_YEAR} (YYYY-MM-DD)"
    if not is_utc(record.get("utc")):
        return "utc is not a UTC time such as 2026-11-23T07:30:00.000Z"
    if not isinstance(record.get("tz", ""), str) or len(record.get("tz", "")) > MAX_ID_LENGTH:
        return "tz is not a time zone name"
    if "edited" in record and not is_utc(record["edited"]):
        return "edited is not a UTC time"
    if "device" in record and not is_device_id(record["device"]):
        return "device is not a device id (8 letters and digits such as k3v7q2ma)"
    if "hlc" in record and not (type(record["hlc"]) is str and _HLC.fullmatch(record["hlc"])):
        return "hlc is not a time such as 1795421000000-0000"
    for key in ("routine", "session", "step", "type", "event"):
        if key in record and not _is_id(record[key]) and not (key == "routine"
                                                               and record[key] == ""):
            return f"{key} is not an id"
    if problem := _json_problem(record, 0, [MAX_TEXT]):
        return f"the record {problem}"
    if record["kind"] == "session":
        if not isinstance(record.get("event"), str):
            return "a session record without an event"
        return None if _weekdays(record.get("weekdays")) else \
            "weekdays is neither null, a list of distinct days 0 (Monday) to 6, nor a " \
            "number of times such as {\"times\": 3, \"per\": \"week\"} or {\"every\": 2}"
    if record["kind"] == REMINDER:
        return _reminder_problem(record)
    if record["kind"] == REST:
        return _rest_problem(record)
    if record["kind"] == MARK:
        return _mark_problem(record)
    if record["kind"] == REVISION:
        return _revision_problem(record)
    if not isinstance(record.get("step"), str) or not isinstance(record.get("type"), str):
        return "a step record without step and type"
    if record.get("status") not in STATUSES:
        return "status is not done, skipped or draft"
    if not (is_utc(record.get("started")) and is_utc(record.get("ended"))):
        return "started or ended is not a UTC time"
    data = record.get("data", {})
    if not isinstance(data, dict):
        return "data is not a mapping"
    return _shape_problem(record["type"], data)


def _weekdays(value: Any) -> bool:
    """None (a routine started any time; also a session that recorded no schedule), the
    distinct days of its schedule, Monday 0 to Sunday 6, or a number of times per period
    ({"times": 3, "per": "week"}, {"every": 2})."""
    if type(value) is list:
        return is_schedule_json(value) and len(set(value)) == len(value)
    return is_schedule_json(value)


def _rest_problem(record: dict[str, Any]) -> str | None:
    if not _is_id(record.get("routine")):
        return "a rest day record without a routine"
    if type(record.get("rest")) is not bool:
        return "rest is not true or false"
    return _undoes_problem(record)


def _undoes_problem(record: dict[str, Any]) -> str | None:
    """A mark or rest record written by an undo names the one it undoes (store.undo)."""
    if "undoes" in record and not _is_id(record["undoes"]):
        return "undoes is not the uid of a mark"
    return None


def _mark_problem(record: dict[str, Any]) -> str | None:
    if not _is_id(record.get("routine")):
        return "a mark record without a routine"
    if record.get("mark") not in MARK_VALUES:
        return "mark is not done, partly or none"
    return _undoes_problem(record)


def _revision_problem(record: dict[str, Any]) -> str | None:
    if not _is_id(record.get("of")):
        return "a revision without the uid of the record it revises"
    if "data" not in record and "removed" not in record:
        return "a revision that neither corrects nor removes"
    if "data" in record and type(record["data"]) is not dict:
        return "data is not a mapping"
    if "removed" in record and type(record["removed"]) is not bool:
        return "removed is not true or false"
    if "undoes" in record and not _is_id(record["undoes"]):
        return "undoes is not the uid of a revision"
    return None


def _reminder_problem(record: dict[str, Any]) -> str | None:
    if not _is_id(record.get("routine")):
        return "a reminder record without a routine"
    if record.get("which") not in REMINDER_WHICH:
        return "which is not first or again"
    if "at" in record and (record["at"] is None or not _clock_time(record["at"])):
        return "at is not a time of day such as 12:30"
    return None


def texts(value: Any) -> list[str]:
    """The items of a list as text; anything else is no items (data may be hand-edited)."""
    return [str(item) for item in value] if isinstance(value, list) else []


def mappings(value: Any) -> list[dict[str, Any]]:
    """The mappings in a list, ignoring anything else (data may be hand-edited)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
