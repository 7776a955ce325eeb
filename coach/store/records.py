"""What a well-formed record looks like, checked strictly wherever records come in from outside.

Records written by coach always pass. Imports are checked before anything is
stored; `coach doctor` counts records in the data files that fail (from a hand
edit, say), which every reader skips rather than stumbling over.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
KINDS = ("step", "session")
STATUSES = ("done", "skipped")


def _is_day(value: Any) -> bool:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_instant(value: Any) -> bool:
    if not isinstance(value, str) or len(value) > 40:
        return False
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def record_problem(record: Any) -> str | None:
    """Why a record cannot be used, or None when it is well formed."""
    if not isinstance(record, dict):
        return "not a record"
    if not isinstance(record.get("uid"), str) or not record["uid"]:
        return "no uid"
    if record.get("kind") not in KINDS:
        return "unknown kind"
    if not _is_day(record.get("day")):
        return "day is not a date (YYYY-MM-DD)"
    if not _is_instant(record.get("utc")):
        return "utc is not a time"
    if not isinstance(record.get("tz", ""), str):
        return "tz is not text"
    if not isinstance(record.get("routine", ""), str):
        return "routine is not text"
    if record["kind"] == "session":
        if not isinstance(record.get("event"), str):
            return "a session record without an event"
        return None
    if not isinstance(record.get("step"), str) or not isinstance(record.get("type"), str):
        return "a step record without step and type"
    if record.get("status") not in STATUSES:
        return "status is not done or skipped"
    if not (_is_instant(record.get("started")) and _is_instant(record.get("ended"))):
        return "started or ended is not a time"
    if not isinstance(record.get("data", {}), dict):
        return "data is not a mapping"
    return None


def texts(value: Any) -> list[str]:
    """The items of a list as text; anything else is no items (data may be hand-edited)."""
    return [str(item) for item in value] if isinstance(value, list) else []


def mappings(value: Any) -> list[dict[str, Any]]:
    """The mappings in a list, ignoring anything else (data may be hand-edited)."""
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []
