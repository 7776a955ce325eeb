"""Records as a readable plain-text log, one line a step or session event, grouped by day."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from coach.insight.progress import format_duration
from coach.routine.model import Routine
from coach.routine.steps import STEP_TYPES
from coach.store.days import parse_utc, zone_named
from coach.store.records import mappings, texts

STATUS_MARKS = {"done": "✓", "skipped": "·"}
EVENT_WORDS = {"started": "started", "resumed": "resumed", "finished": "finished",
               "left": "left before the end"}


def describe_data(step_type: str, data: Mapping[str, Any]) -> str:
    """A short, readable account of what a step recorded (tolerant of hand-edited data)."""
    if step_type == "mood":
        parts = [f"{data['rating']}/10"] if data.get("rating") is not None else []
        if texts(data.get("feelings")):
            parts.append(", ".join(texts(data["feelings"])))
        if data.get("note"):
            parts.append(f'"{data["note"]}"')
        return " · ".join(parts)
    if step_type == "gratitude":
        return "; ".join(texts(data.get("items")))
    if step_type == "activity_plan":
        return "; ".join(
            str(a.get("name", "")) + (f" at {a['time']}" if a.get("time") else "")
            + (f" (expect {a['predicted']}/10)" if a.get("predicted") is not None else "")
            for a in mappings(data.get("activities")))
    if step_type == "activity_review":
        return "; ".join(
            f"{a.get('name', '')}: " + ("done" if a.get("done") is True else "not done")
            + (f", pleasure {a['pleasure']}" if a.get("pleasure") is not None else "")
            + (f", achievement {a['mastery']}" if a.get("mastery") is not None else "")
            for a in mappings(data.get("activities")))
    if step_type == "journal":
        words = len(str(data.get("text", "")).split())
        return f"{words} word{'s' if words != 1 else ''} (coach export shows the text)"
    if step_type in ("breathing", "pmr", "instruction") and isinstance(data.get("seconds"),
                                                                        (int, float)):
        extra = []
        ratings = [str(data[k]) for k in ("distress_before", "distress_after") if k in data]
        if ratings:
            extra.append("distress " + " → ".join(ratings))
        return ", ".join([format_duration(data["seconds"]), *extra])
    if step_type == "grounding":
        return "; ".join(f"{sense}: {', '.join(texts(items))}" for sense, items in data.items())
    return ""


def history_lines(records: Iterable[Mapping[str, Any]], routines: Mapping[str, Routine]) -> list[str]:
    lines: list[str] = []
    current_day = None
    for record in records:
        day = record.get("day", "")
        if day != current_day:
            if lines:
                lines.append("")
            current_day = day
            try:
                lines.append(date.fromisoformat(day).strftime("%A %d %B %Y"))
            except ValueError:
                lines.append(day)
        routine = routines.get(record.get("routine", ""))
        routine_title = routine.title if routine else record.get("routine", "?")
        when = parse_utc(record["utc"]).astimezone(zone_named(record.get("tz", "UTC")))
        if record.get("kind") == "session":
            what = EVENT_WORDS.get(record.get("event", ""), record.get("event", ""))
            lines.append(f"  {when:%H:%M}  {routine_title}: {what}")
            continue
        step = next((s for s in routine.steps if s.id == record.get("step")), None) if routine \
            else None
        step_class = STEP_TYPES.get(record.get("type", ""))
        title = step.title if step else (step_class.default_title if step_class
                                          else record.get("step", "?"))
        mark = STATUS_MARKS.get(record.get("status", ""), "?")
        detail = describe_data(record.get("type", ""), record.get("data") or {}) \
            if record.get("status") == "done" else "skipped"
        lines.append(f"  {when:%H:%M}  {mark} {title}" + (f": {detail}" if detail else ""))
    return lines
