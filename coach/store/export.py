"""Everything a person recorded, in open formats: JSON (complete), CSV, and a weekly Markdown
summary that could be brought to a therapist (journal text only when asked for).

The reminders coach sent and the rest days the person marked are records too:
JSON keeps them as they are, CSV gives each a row (which reminder, or whether
the rest day was marked or taken back, in the event column), and the summary,
being about practice, leaves them out.

Each format is written as it is read: records arrive a month at a time (see
`Store.by_month`) and leave as text chunks, so an export of ten years needs
the memory of one month, not of all of them. Text from records never reaches
a terminal raw: CSV and Markdown show control characters as visible escapes,
and the JSON escapes them.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from typing import Any

import orjson

from coach.store.records import PRACTICE_KINDS, REMINDER, REST, mappings, texts
from coach.visible import visible

EXPORT_FORMAT = "coach-export"
EXPORT_VERSION = 1
CSV_COLUMNS = ("uid", "kind", "day", "utc", "tz", "routine", "session", "step", "type",
               "status", "event", "rating", "data")
Months = Iterable[list[dict[str, Any]]]

# Characters JSON allows raw inside strings that a terminal acts on (orjson already escapes
# C0 controls): DEL, C1 controls, bidi controls, line and paragraph separators.
_RAW_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _json_escaped(text: str) -> str:
    return _RAW_IN_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def json_chunks(months: Months, exported_utc: str) -> Iterator[str]:
    """The JSON export, one record a line; `coach import` reads it back."""
    header = orjson.dumps({"format": EXPORT_FORMAT, "version": EXPORT_VERSION,
                           "exported": exported_utc}).decode()
    yield header[:-1] + ',"records":['
    first = True
    for month in months:
        lines = [_json_escaped(orjson.dumps(record).decode()) for record in month]
        if lines:
            yield ("\n" if first else ",\n") + ",\n".join(lines)
            first = False
    yield "\n]}\n"


def csv_chunks(months: Months) -> Iterator[str]:
    """One row a record; the step's data as JSON in the last column, mood rating on its own."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for month in months:
        for record in month:
            data = record.get("data") or {}
            rating = data.get("rating") if record.get("type") == "mood" else None
            row = [record.get(column, "") for column in CSV_COLUMNS[:10]]
            row.append(_event(record))
            row.append("" if rating is None else rating)
            row.append(orjson.dumps(data, option=orjson.OPT_SORT_KEYS).decode() if data else "")
            writer.writerow([visible(str(cell)) for cell in row])
        yield out.getvalue()
        out.seek(0)
        out.truncate()


def _event(record: dict[str, Any]) -> Any:
    """What the event column shows: a session's event; a reminder's `which` (first, again)
    and a rest day's mark (marked, taken back) read as events: no columns of their own."""
    if record.get("kind") == REMINDER:
        return record.get("which", "")
    if record.get("kind") == REST:
        return "marked" if record.get("rest") is True else "taken back"
    return record.get("event", "")


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


_MARKDOWN_SPECIAL = set("\\`*_{}[]<>()#+-.!|~")


def _cell(text: Any) -> str:
    """User text shown as written in Markdown: every character that could format is escaped,
    control characters are made visible, and it stays on one line."""
    return "".join("\\" + c if c in _MARKDOWN_SPECIAL else c
                   for c in visible(str(text).replace("\n", " "), one_line=True))


def markdown_chunks(months: Months, *, include_journal: bool = False) -> Iterator[str]:
    """A summary a week at a time. A month's file holds only that month's days, so once a
    month is read every week ending in it is complete and is written out."""
    yield "# coach: weekly summary\n"
    weeks: dict[date, list[dict[str, Any]]] = defaultdict(list)
    wrote = False
    for month in months:
        last_day = None
        for record in month:
            if record.get("kind") not in PRACTICE_KINDS:  # reminders, rest days: not practice
                continue
            day = date.fromisoformat(record["day"])
            weeks[_monday(day)].append(record)
            last_day = max(last_day or day, day)
        if last_day is None:
            continue
        for monday in sorted(weeks):
            if monday + timedelta(days=6) <= _month_end(last_day):
                yield "\n" + "\n".join(_week(monday, weeks.pop(monday), include_journal))
                wrote = True
    for monday in sorted(weeks):
        yield "\n" + "\n".join(_week(monday, weeks.pop(monday), include_journal))
        wrote = True
    if not wrote:
        yield "\nNothing recorded yet.\n"


def _month_end(day: date) -> date:
    following = day.replace(day=28) + timedelta(days=4)
    return following - timedelta(days=following.day)


def _done(records: Iterable[dict[str, Any]], step_type: str) -> list[dict[str, Any]]:
    return [r for r in records if r.get("kind") == "step" and r.get("type") == step_type
            and r.get("status") == "done" and isinstance(r.get("data"), dict)]


def _score(value: Any) -> str:
    return "-" if value is None else str(value)


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
            lines.append(f"- {_cell(routine)}: {len(days)} of 7 days")
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
            lines.append(f"| {_cell(activity.get('name', ''))} | {_score(activity.get('predicted'))}"
                         f" | {done} | {_score(review.get('pleasure'))} | "
                         f"{_score(review.get('mastery'))} |")
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


def to_json(records: list[dict[str, Any]], exported_utc: str) -> str:
    return "".join(json_chunks([records], exported_utc))


def to_csv(records: list[dict[str, Any]]) -> str:
    return "".join(csv_chunks([records]))


def to_markdown(records: list[dict[str, Any]], *, include_journal: bool = False) -> str:
    return "".join(markdown_chunks([records], include_journal=include_journal))
