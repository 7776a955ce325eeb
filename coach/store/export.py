"""Everything a person recorded, in open formats: JSON (complete) and CSV. (The weekly
Markdown summary is built on the progress figures: coach.insight.weekly.)

The reminders coach sent and the rest days the person marked are records too:
JSON keeps them as they are, and CSV gives each a row (which reminder, or whether
the rest day was marked or taken back, in the event column).

Each format is written as it is read: records arrive a month at a time (see
`Store.by_month`) and leave as text chunks, so an export of ten years needs
the memory of one month, not of all of them. Text from records never reaches
a terminal raw: CSV shows control characters as visible escapes,
and the JSON escapes them.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

import orjson

from coach.foundation.formats import EXPORT_VERSION
from coach.store.records import MARK, REMINDER, REST
from coach.foundation.visible import visible

EXPORT_FORMAT = "coach-export"
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
    and a rest day's mark (marked, taken back) and a day marked afterwards (done, partly,
    none) read as events: no columns of their own."""
    if record.get("kind") == REMINDER:
        return record.get("which", "")
    if record.get("kind") == REST:
        return "marked" if record.get("rest") is True else "taken back"
    if record.get("kind") == MARK:
        return f"marked {record.get('mark', '')}"
    return record.get("event", "")


def to_json(records: list[dict[str, Any]], exported_utc: str) -> str:
    return "".join(json_chunks([records], exported_utc))


def to_csv(records: list[dict[str, Any]]) -> str:
    return "".join(csv_chunks([records]))


