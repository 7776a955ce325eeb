"""The person's own entries: finding them by their words, correcting one, deleting one.

An entry is a done step of one of the ENTRY_TYPES: what the person wrote or
rated (a journal page, gratitude items, a mood check-in, activities planned or
reviewed). Only those can be corrected or deleted; the rest of history (steps
timed, sessions, reminders, rest days) is a log of what happened.

A correction or a deletion is a revision appended to the month file (see
store.revisions): nothing is changed in place, and each can be undone. It is
decided and made inside one exclusive-locked open of the month file
(`Store._change`), so a reminder process or a second coach writing at the same
moment never loses a record, and the file is replaced whole, so a reader sees
it before or after the change, never half of it. The functions here that take a `table` run under that lock: they never
raise for what they find, they say it (a problem in plain words), and the
store raises ValueError once the lock is let go.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

import orjson

from coach.store.records import ENTRY_TYPES, REVISION, mappings, record_problem, texts
from coach.store.revisions import apply, removed_targets, revisions_by_target, undoing, undone

#: (what the change returns, why it was refused or None)
Outcome = tuple[Any, str | None]
#: Given the records a month holds, the hlc of a record that comes after all of them
#: (see store.hlc.Clock.tick).
Tick = Callable[[list[Any]], str]

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


def _revised(entries: list[Any], uid: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The well-formed records with this uid that are not revisions, and their revisions in
    order (see store.revisions)."""
    if not isinstance(uid, str):
        return [], []
    targets = [dict(r) for r in find(entries, uid) if r["kind"] != REVISION]
    revisions = [dict(entry) for entry in entries if isinstance(entry, dict)
                 and entry.get("kind") == REVISION and entry.get("of") == uid
                 and record_problem(dict(entry)) is None]
    return targets, revisions_by_target(revisions).get(uid, [])


def revise(table: Any, uid: Any, fields: dict[str, Any], base: dict[str, Any],
           tick: Tick) -> Outcome:
    """Under the lock: append a revision of the entry with `uid` making these changes
    (`fields`: "data" to correct it, "removed" to delete it), made of `base` (its uid, time
    and zone), with its hlc from `tick`: after every revision the month holds. ((the
    revision, the entry as it is shown now or None if removed), None); (None, None) if
    the entry is not there or is removed already (by another coach); or (None, why) if it
    cannot be revised."""
    entries = table.all()
    targets, revisions = _revised(entries, uid)
    if not targets:
        return None, None
    if not all(is_entry(record) for record in targets):
        return None, REFUSED
    shown, removed = apply(targets[0], revisions)
    if removed:
        return None, None
    revision = {**base, "hlc": tick(entries), "kind": REVISION, "of": uid,
                "day": targets[0]["day"], **fields, **_held_by(table, uid)}
    if "data" in fields:
        if problem := record_problem({**shown, "data": fields["data"]}) or \
                record_problem(revision):
            return None, f"This correction cannot be saved: {problem}."
        revision["data"] = orjson.loads(orjson.dumps(fields["data"]))  # the caller's stays its own
    table.insert(revision)
    shown, removed = apply(targets[0], [*revisions, revision])
    return (revision, None if removed else shown), None


def undo(table: Any, revision_uid: Any, base: dict[str, Any], tick: Tick) -> Outcome:
    """Under the lock: append the revision undoing the revision `revision_uid` (see
    revisions.undoing), made of `base`, with its hlc from `tick`. ((the undoing revision,
    the record as it is shown now or None if removed), None); (None, None) if that
    revision or its record is not there, or it is undone already."""
    entries = table.all()
    found = [dict(r) for r in find(entries, revision_uid) if r["kind"] == REVISION]
    if not found:
        return None, None
    targets, revisions = _revised(entries, found[0]["of"])
    revision = next((r for r in revisions if r["uid"] == revision_uid), None)
    if not targets or revision is None or revision_uid in undone(revisions):
        return None, None
    undoing_it = {**base, "hlc": tick(entries), "kind": REVISION, "day": targets[0]["day"],
                  **undoing(targets[0], revisions, revision), **_held_by(table, revision["of"])}
    if problem := record_problem(undoing_it):
        return None, f"This change cannot be undone: {problem}."
    table.insert(undoing_it)
    shown, removed = apply(targets[0], revisions_by_target([*revisions, undoing_it])[
        revision["of"]])
    return (undoing_it, None if removed else shown), None


def _held_by(table: Any, uid: str) -> dict[str, str]:
    """{"holder": <device>} when the record revised is held in another device's file, not
    this device's: what tells this device later that the record's own device has erased
    it (see store.settled)."""
    holder = table.holder(uid)
    return {"holder": holder} if holder else {}


def purge(table: Any) -> int:
    """Under the lock: erase the removed records this device's file holds, and its
    revisions of them, from a MonthTable (see store.months); how many records were
    erased (0: nothing is rewritten). A removed record in another device's file is
    erased by that device: the revision removing it here stays until then, so it does
    not come back, and after, until store.settled finds that it cannot."""
    entries = [dict(entry) for entry in table.all() if record_problem(dict(entry)) is None]
    gone = removed_targets(entries)
    if not gone:
        return 0
    elsewhere = {entry.get("uid") for entry in table.elsewhere()
                 if isinstance(entry, dict) and entry.get("kind") != REVISION}
    own = [entry for entry in table.own() if record_problem(dict(entry)) is None]
    erased = {entry["uid"] for entry in own
              if entry["kind"] != REVISION and entry["uid"] in gone}
    doomed = [entry.doc_id for entry in own
              if entry["uid"] in erased or (entry["kind"] == REVISION and entry["of"] in gone
                                            and entry["of"] not in elsewhere)]
    if doomed:
        table.remove(doc_ids=doomed)
    return len(erased)


#: What an entry is called when it is named in a sentence ("the journal entry of 3 Dec").
ENTRY_NAMES = {"journal": "journal entry", "gratitude": "good things",
               "mood": "mood check-in", "activity_plan": "activity plan",
               "activity_review": "activity review"}
FIRST_WORDS = 30


def entry_name(record: dict[str, Any]) -> str:
    """"the journal entry of 3 Dec": which entry, in words."""
    day = date.fromisoformat(record["day"])
    name = ENTRY_NAMES.get(str(record.get("type")), "entry")
    return f"the {name} of {day.day} {day:%b}"


def undone_words(record: dict[str, Any], revision: dict[str, Any]) -> str:
    """What a person is told once `revision` of the entry is undone: "The journal entry of
    3 Dec is back"."""
    name = entry_name(record)
    name = name[0].upper() + name[1:]
    return f"{name} is back" if revision.get("removed") is True else \
        f"{name} is as it was before the correction"


def first_words(record: dict[str, Any]) -> str:
    """The start of what the entry holds, on one line ("first words…"); "" if it holds
    no words (a mood with a rating only)."""
    data = record.get("data") or {}
    pieces = [data.get("text"), *texts(data.get("items")), data.get("note"),
              *[a.get("name") for a in mappings(data.get("activities"))]]
    text = " ".join(" ".join(p.split()) for p in pieces if isinstance(p, str) and p.strip())
    return text if len(text) <= FIRST_WORDS else text[:FIRST_WORDS - 1].rstrip() + "…"


def settled(outcome: Outcome) -> Any:
    """What the change returned; ValueError (after the lock is let go) if it was refused."""
    result, problem = outcome
    if problem is not None:
        raise ValueError(problem)
    return result
