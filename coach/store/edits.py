"""The person's own entries: finding them by their words, correcting one, deleting one.

An entry is a done step of one of the ENTRY_TYPES: what the person wrote or
rated (a journal page, gratitude items, a mood check-in, activities planned or
reviewed). Only those can be corrected or deleted; the rest of history (steps
timed, sessions, reminders, rest days) is a log of what happened.

A correction or a deletion is decided and made inside one exclusive-locked
open of the month file (`Store._change`), so a reminder process or a second
coach writing at the same moment never loses a record, and the file is
replaced whole, so a reader sees it before or after the change, never half of
it. The functions here that take a `table` run under that lock: they never
raise for what they find, they say it (a problem in plain words), and the
store raises ValueError once the lock is let go.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson

from coach.store.records import ENTRY_TYPES, mappings, record_problem, texts

#: (what the change returns, why it was refused or None)
Outcome = tuple[Any, str | None]

REFUSED = ("Only journal, gratitude, mood and activity entries can be corrected or "
           "deleted; this is another part of your history.")


def check_types(types: Iterable[str]) -> tuple[str, ...]:
    """The step types asked for, if each is one of the ENTRY_TYPES; ValueError otherwise."""
    types = tuple(types)
    if any(step_type not in ENTRY_TYPES for step_type in types):
        raise ValueError(f"entries are of the types {', '.join(ENTRY_TYPES)}, not {types!r}")
    return types


def is_entry(record: dict[str, Any], types: tuple[str, ...] = ENTRY_TYPES) -> bool:
    """Whether a well-formed record is one of the person's entries of these types."""
    return record.get("kind") == "step" and record.get("status") == "done" \
        and record.get("type") in types


def words(record: dict[str, Any]) -> str:
    """The text an entry holds, casefolded, one piece a line: what a search looks through
    (journal text and prompt, gratitude items, mood note and feelings, activity names)."""
    data = record.get("data") or {}
    pieces = [data.get(key) for key in ("text", "prompt", "note")]
    pieces += texts(data.get("items")) + texts(data.get("feelings"))
    pieces += [activity.get("name") for activity in mappings(data.get("activities"))]
    return "\n".join(piece for piece in pieces if isinstance(piece, str)).casefold()


def search(months_newest_first: Iterable[list[dict[str, Any]]], text: str,
           types: tuple[str, ...], limit: int) -> list[dict[str, Any]]:
    """The entries whose words hold `text` (casefolded), newest first, at most `limit`,
    reading months only until that many are found. An empty query matches nothing."""
    wanted = text.casefold()
    found: list[dict[str, Any]] = []
    if not wanted.strip() or limit <= 0:
        return found
    for month in months_newest_first:
        for record in reversed(month):
            if is_entry(record, types) and wanted in words(record):
                found.append(record)
                if len(found) >= limit:
                    return found
    return found


def find(entries: Iterable[Any], uid: Any) -> list[Any]:
    """The well-formed records of a month with this uid (a hand edit may have doubled one)."""
    return [entry for entry in entries if isinstance(entry, dict) and entry.get("uid") == uid
            and record_problem(dict(entry)) is None]


def correct(table: Any, uid: str, data: Any, edited: str) -> Outcome:
    """Under the lock: the entry with `uid` gets `data` in place of its own, and the time
    it was corrected; its uid, day and times stay. (the new record, None), (None, None) if
    it is not there any more, or (None, why) if the correction cannot be made."""
    found = find(table.all(), uid)
    if not found:
        return None, None
    if not all(is_entry(dict(record)) for record in found):
        return None, REFUSED
    record = {**found[0], "data": data, "edited": edited}
    if problem := record_problem(record):
        return None, f"This correction cannot be saved: {problem}."
    record["data"] = orjson.loads(orjson.dumps(data))  # the caller's mapping stays its own
    table.update({"data": record["data"], "edited": edited},
                 doc_ids=[entry.doc_id for entry in found])
    return record, None


def delete(table: Any, uid: str) -> Outcome:
    """Under the lock: remove the entry with `uid`. (True, None), (False, None) if it is not
    there, or (False, why) if the record is not an entry."""
    found = find(table.all(), uid)
    if not found:
        return False, None
    if not all(is_entry(dict(record)) for record in found):
        return False, REFUSED
    table.remove(doc_ids=[entry.doc_id for entry in found])
    return True, None


def settled(outcome: Outcome) -> Any:
    """What the change returned; ValueError (after the lock is let go) if it was refused."""
    result, problem = outcome
    if problem is not None:
        raise ValueError(problem)
    return result
