"""Everything a person recorded, in open formats: JSON (complete), CSV, and a weekly Markdown
summary that could be brought to a therapist (journal text only when asked for)."""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from coach.store.records import mappings, texts

EXPORT_FORMAT = "coach-export"
EXPORT_VERSION = 1
CSV_COLUMNS = ("uid", "kind", "day", "utc", "tz", "routine", "session", "step", "type",
               "status", "event", "rating", "data")


def to_json(records: list[dict[str, Any]], exported_utc: str) -> str:
    document = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "exported": exported_utc,
                "records": records}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_csv(records: list[dict[str, Any]]) -> str:
    """One row a record; the step's data as JSON in the last column, mood rating on its own."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for record in records:
        data = record.get("data") or {}
        rating = data.get("rating") if record.get("type") == "mood" else None
        writer.writerow([
            record.get("uid", ""), record.get("kind", ""), record.get("day", ""),
            record.get("utc", ""), record.get("tz", ""), record.get("routine", ""),
            record.get("session", ""), record.get("step", ""), record.get("type", ""),
            record.get("status", ""), record.get("event", ""),
            "" if rating is None else rating,
            json.dumps(data, ensure_ascii=False, sort_keys=True) if data else "",
        ])
    return out.getvalue()


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


_MARKDOWN_SPECIAL = set("\\`*_{}[]<>()#+-.!|~")


def _cell(text: Any) -> str:
    """User text shown as written in Markdown: every character that could format is escaped."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c
                   for c in str(text).replace("\n", " "))


def to_markdown(records: list[dict[str, Any]], *, include_journal: bool = False) -> str:
    weeks: dict[date, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        try:
            weeks[_monday(date.fromisoformat(record["day"]))].append(record)
        except (KeyError, ValueError):
            continue
    lines = ["# coach: weekly summary", ""]
    if not weeks:
        lines.append("Nothing recorded yet.")
    for monday in sorted(weeks):
        lines.extend(_week(monday, weeks[monday], include_journal))
    return "\n".join(lines).rstrip() + "\n"


def _done(records: Iterable[dict[str, Any]], step_type: str) -> list[dict[str, Any]]:
    return [r for r in records if r.get("kind") == "step" and r.get("type") == step_type
            and r.get("status") == "done" and isinstance(r.get("data"), dict)]


def _week(monday: date, records: list[dict[str, Any]], include_journal: bool) -> list[str]:
    sunday = monday + timedelta(days=6)
    lines = [f"## Week of {monday:%d %B %Y} to {sunday:%d %B}", ""]
    finished: dict[str, set[str]] = defaultdict(set)
    for record in records:
        if record.get("kind") == "session" and record.get("event") == "finished":
            finished[record.get("routine", "?")].add(record["day"])
    lines.append("**Routines done**")
    lines.append("")
    if finished:
        for routine, days in sorted(finished.items()):
            lines.append(f"- {routine}: {len(days)} of 7 days")
    else:
        lines.append("- none finished this week (and that is all right)")
    lines.append("")

    moods = _done(records, "mood")
    if moods:
        lines += ["**Mood by day** (0 worst, 10 best)", "", "| Day | Ratings | Feelings |",
                  "|---|---|---|"]
        by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for record in moods:
            by_day[record["day"]].append(record)
        for day in sorted(by_day):
            ratings = ", ".join(str(r["data"].get("rating")) for r in by_day[day]
                                if r["data"].get("rating") is not None)
            feelings = ", ".join(sorted({f for r in by_day[day]
                                         for f in texts(r["data"].get("feelings"))}))
            label = date.fromisoformat(day).strftime("%a %d")
            lines.append(f"| {label} | {ratings or '-'} | {_cell(feelings) or '-'} |")
        lines.append("")

    reviews = {a.get("id"): a for r in _done(records, "activity_review")
               for a in mappings(r["data"].get("activities"))}
    planned = [a for r in _done(records, "activity_plan")
               for a in mappings(r["data"].get("activities"))]
    if planned:
        lines += ["**Activities: predicted and actual enjoyment**", "",
                  "| Activity | Predicted | Done | Pleasure | Achievement |", "|---|---|---|---|---|"]
        for activity in planned:
            review = reviews.get(activity.get("id"), {})
            done = {True: "yes", False: "no"}.get(review.get("done"), "not reviewed")

            def score(value: Any) -> str:
                return "-" if value is None else str(value)

            lines.append(f"| {_cell(activity.get('name', ''))} | {score(activity.get('predicted'))}"
                         f" | {done} | {score(review.get('pleasure'))} | "
                         f"{score(review.get('mastery'))} |")
        lines.append("")

    gratitude = [item for r in _done(records, "gratitude") for item in texts(r["data"].get("items"))]
    if gratitude:
        lines += ["**Grateful for**", ""] + [f"- {_cell(item)}" for item in gratitude] + [""]

    if include_journal:
        entries = _done(records, "journal")
        if entries:
            lines += ["**Journal**", ""]
            for record in entries:
                lines.append(f"*{date.fromisoformat(record['day']):%A %d %B}: "
                             f"{_cell(record['data'].get('prompt', ''))}*")
                lines.append("")
                lines.extend("> " + _cell(line)
                             for line in str(record["data"].get("text", "")).splitlines())
                lines.append("")
    return lines
