"""Practice as a readable plain-text log, by day: one line a step or session event, and
one for each routine resting that day.

Readers get records that passed `record_problem`, so each known step's data has
its expected shape; this module still copes with anything a mapping can hold (a
hand edit), because it costs little: a value of an unexpected kind is shown as
text or left out, never raised on. Text from a record is shown on one line with
its control characters written out (`coach.foundation.visible`), so each line is safe to
print anywhere and stays one line.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from itertools import groupby
from datetime import date, timezone
from typing import Any

from coach.insight.progress import format_duration
from coach.routine.model import Routine
from coach.routine.steps import STEP_TYPES
from coach.store.days import parse_utc, zone_named
from coach.store.marking import DONE, PARTLY, RESTED, state_of
from coach.store.records import REMINDER, mappings, texts
from coach.foundation.measures import DIRECTIONS, number_text, with_unit
from coach.foundation.visible import visible

STATUS_MARKS = {"done": "✓", "skipped": "·", "draft": "…"}
EVENT_WORDS = {"started": "started", "resumed": "resumed", "finished": "finished",
               "left": "left before the end"}
#: What a day a routine rests says of it.
REST_WORDS = "a rest day"
#: What a day the person marked says of it: a rest day, or marked afterwards.
MARKED_WORDS = {RESTED: REST_WORDS, DONE: "marked done afterwards",
                PARTLY: "marked partly done afterwards"}


def _shown(value: Any) -> str:
    """A value from a record as part of one line: as text, control characters written out."""
    return visible(str(value), one_line=True)


def _joined(values: Iterable[Any], separator: str) -> str:
    return separator.join(_shown(value) for value in values)


def _text_of(record: Mapping[str, Any], key: str) -> str:
    """A field that should be text; anything else counts as missing."""
    value = record.get(key)
    return value if isinstance(value, str) else ""


def _seconds(value: Any) -> float | None:
    if isinstance(value, int | float) and math.isfinite(value) and value >= 0:
        return float(value)
    return None


def describe_data(step_type: str, data: Any) -> str:
    """A short, readable account of what a step recorded (tolerant of hand-edited data)."""
    if not isinstance(data, Mapping):
        return ""
    if step_type == "mood":
        parts = [f"{_shown(data['rating'])}/10"] if data.get("rating") is not None else []
        if texts(data.get("feelings")):
            parts.append(_joined(texts(data["feelings"]), ", "))
        if data.get("note"):
            parts.append(f'"{_shown(data["note"])}"')
        if texts(data.get("tags")):  # a quick check-in's tags
            parts.append("tagged " + _joined(texts(data["tags"]), ", "))
        return " · ".join(parts)
    if step_type == "gratitude":
        return _joined(texts(data.get("items")), "; ")
    if step_type == "activity_plan":
        return "; ".join(
            _shown(a.get("name", "")) + (f" at {_shown(a['time'])}" if a.get("time") else "")
            + (f" (expect {_shown(a['predicted'])}/10)" if a.get("predicted") is not None else "")
            for a in mappings(data.get("activities")))
    if step_type == "activity_review":
        return "; ".join(
            f"{_shown(a.get('name', ''))}: " + ("done" if a.get("done") is True else "not done")
            + (f", pleasure {_shown(a['pleasure'])}" if a.get("pleasure") is not None else "")
            + (f", achievement {_shown(a['mastery'])}" if a.get("mastery") is not None else "")
            for a in mappings(data.get("activities")))
    if step_type == "journal":
        words = len(str(data.get("text", "")).split())
        return f"{words} word{'s' if words != 1 else ''} (coach export shows the text)"
    seconds = _seconds(data.get("seconds"))
    if step_type in ("breathing", "pmr", "instruction") and seconds is not None:
        ratings = [_shown(data[k]) for k in ("distress_before", "distress_after")
                   if data.get(k) is not None]
        extra = ["distress " + " → ".join(ratings)] if ratings else []
        return ", ".join([format_duration(seconds), *extra])
    if step_type == "measure":
        return _measured(data)
    if step_type == "grounding":
        return "; ".join(f"{_shown(sense)}: {_joined(texts(items), ', ')}"
                         for sense, items in data.items())
    return ""


def _measured(data: Mapping[str, Any]) -> str:
    """'7.5 hours (target at least 7)', and whether it was entered afterwards."""
    value, target = _number(data.get("value")), _number(data.get("target"))
    if value is None:
        return ""
    unit = _shown(data["unit"]) if isinstance(data.get("unit"), str) else ""
    said = with_unit(value, unit)
    if target is not None and data.get("direction") in DIRECTIONS:
        said += f" (target {data['direction']} {number_text(target)})"
    if data.get("afterwards") is True:
        said += ", entered afterwards"
    return said


def _number(value: Any) -> float | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
        return value
    return None


def _day_heading(day: Any) -> str:
    try:
        return date.fromisoformat(day).strftime("%A %d %B %Y")
    except (TypeError, ValueError):
        return _shown(day)


def local_time(record: Mapping[str, Any]) -> str:
    """The record's time in its own zone, as HH:MM; '--:--' when the time cannot be read."""
    try:
        instant = parse_utc(_text_of(record, "utc"))
        if instant.tzinfo is None:
            instant = instant.replace(tzinfo=timezone.utc)
        return f"{instant.astimezone(zone_named(_text_of(record, 'tz') or 'UTC')):%H:%M}"
    except (ValueError, OverflowError):
        return "--:--"


def _event_words(record: Mapping[str, Any]) -> str:
    """What a session event says."""
    event = _text_of(record, "event")
    return EVENT_WORDS.get(event) or _shown(event) or "?"


def _routine_title(record: Mapping[str, Any], routines: Mapping[str, Routine]) -> str:
    routine_id = _text_of(record, "routine")
    routine = routines.get(routine_id)
    return _shown(routine.title if routine else routine_id or "?")


def history_lines(records: Iterable[Mapping[str, Any]], routines: Mapping[str, Routine]) -> list[str]:
    """The practice in `records` as lines (any other mapping too, as a step line), by day.

    A day a routine rests, or was marked done or partly done afterwards, is said once,
    first, without a time: it is the whole day's, not something done at the hour it was
    marked (the latest mark wins, so a mark taken back leaves no line). A number entered
    afterwards (`coach done --value`) comes next, without a time either. Reminders sent are
    not practice and are left out."""
    lines: list[str] = []
    # By day, each in time order: a past day marked as a rest day today comes with its day.
    by_day = sorted(records, key=lambda record: str(record.get("day", "")))
    for day, group in groupby(by_day, key=lambda record: str(record.get("day", ""))):
        marked: dict[str, str] = {}
        later: list[str] = []
        done: list[str] = []
        for record in group:
            if record.get("kind") == REMINDER:
                continue
            if (state := state_of(record)) is not None:
                marked[_routine_title(record, routines)] = state
                continue
            if _entered_afterwards(record):
                later.append(f"  {_routine_title(record, routines)}: "
                             f"{_step_words(record, routines)}")
                continue
            done.append(_practice_line(record, routines))
        day_lines = [f"  {title}: {MARKED_WORDS[state]}" for title, state in marked.items()
                     if state in MARKED_WORDS]
        day_lines += later + done
        if day_lines:
            lines += ([""] if lines else []) + [_day_heading(day), *day_lines]
    return lines


def _entered_afterwards(record: Mapping[str, Any]) -> bool:
    data = record.get("data")
    return record.get("kind") == "step" and isinstance(data, Mapping) \
        and data.get("afterwards") is True


def _practice_line(record: Mapping[str, Any], routines: Mapping[str, Routine]) -> str:
    """A session event or a step, at its time."""
    when = local_time(record)
    if record.get("kind") == "session":
        return f"  {when}  {_routine_title(record, routines)}: {_event_words(record)}"
    return f"  {when}  {_step_words(record, routines)}"


def _step_words(record: Mapping[str, Any], routines: Mapping[str, Routine]) -> str:
    """A step as "✓ Title: what it holds"."""
    routine = routines.get(_text_of(record, "routine"))
    step_id, step_type = _text_of(record, "step"), _text_of(record, "type")
    step = next((s for s in routine.steps if s.id == step_id), None) if routine else None
    step_class = STEP_TYPES.get(step_type)
    title = _shown(step.title if step else (step_class.default_title if step_class
                                            else step_id or "?"))
    status = _text_of(record, "status")
    mark = STATUS_MARKS.get(status, "?")
    detail = describe_data(step_type, record.get("data") or {}) if status == "done" \
        else "left part way, kept as a draft" if status == "draft" else "skipped"
    return f"{mark} {title}" + (f": {detail}" if detail else "")


def future_note(records: Iterable[Mapping[str, Any]]) -> str:
    """What to say of records dated after today (a device whose clock was wrong), which
    history leaves out until their day comes; '' when there are none."""
    practice = [record for record in records if record.get("kind") != REMINDER]
    if not practice:
        return ""
    days = sorted({_shown(record.get("day", "")) for record in practice})
    count = len(practice)
    when = days[0] if len(days) == 1 else f"{days[0]} to {days[-1]}"
    if count == 1:
        return f"1 record is dated in the future ({when}); coach shows it once that day comes."
    return (f"{count} records are dated in the future ({when}); coach shows them once "
            f"{'that day comes' if len(days) == 1 else 'their days come'}.")
