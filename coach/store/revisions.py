"""Corrections, deletions and their undoing as records that supersede, never rewrite.

A correction or a deletion of a record is a `revision` record appended to the
month file of the record's day: {"kind": "revision", "of": <uid>, "data": {...}}
for a correction, {"of": <uid>, "removed": true} for a deletion. Undoing a
revision is one more revision, with "undoes": <its uid>, setting back what that
revision changed (the data before it, or "removed": false). A revision of a
record held only in another device's file names that device, "holder": <its id>
(see store.settled). Every reader sees
the month folded (`fold`): each revised record with the data of its latest
revision, removed ones left out, revisions themselves not shown. The raw
records stay in the file, so a full export carries every version, and
`coach doctor --purge-removed` is the only thing that erases.

Which revision is later is decided by `order` alone: by the hybrid logical clock
each carries (see store.hlc), then the device that wrote it and its uid, so that
devices with skewed clocks still agree which came last.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from coach.store.hlc import Key, key
from coach.store.records import REVISION, record_problem

Record = dict[str, Any]


def order(revision: Record) -> Key:
    """The sort key of a revision: its hlc (a revision without one, written before coach
    kept them: its UTC time), then its device and uid, so two revisions of one instant
    still have one order. A new revision's hlc is made after every one in its month
    (Store.revise_entry), so it comes last even when a clock stood still or went back."""
    return key(revision)


def has_revisions(records: Iterable[Record]) -> bool:
    """Whether any of the (well-formed) records is a revision: a month without one is
    read as it is, at the cost of this one pass."""
    return any(record["kind"] == REVISION for record in records)


def revisions_by_target(records: Iterable[Record]) -> dict[str, list[Record]]:
    """The revisions among well-formed records, once each by uid (a hand edit may have
    doubled one), by the uid they revise, each list in `order`."""
    seen: dict[str, Record] = {}
    for record in records:
        if record["kind"] == REVISION:
            seen.setdefault(record["uid"], record)
    by_target: dict[str, list[Record]] = defaultdict(list)
    for revision in sorted(seen.values(), key=order):
        by_target[revision["of"]].append(revision)
    return by_target


def apply(target: Record, revisions: list[Record]) -> tuple[Record, bool]:
    """The record as its revisions (in order) leave it, and whether it is removed.

    A correction whose data would make the record malformed (a hand edit) is passed
    over. The record takes "edited" from the latest correction, unless the data is
    back to what the record itself holds (a correction undone): then it is the record
    as written."""
    data, edited, removed = target.get("data"), None, False
    for revision in revisions:
        if "data" in revision:
            if record_problem({**target, "data": revision["data"]}) is not None:
                continue
            data, edited = revision["data"], revision["utc"]
        removed = revision.get("removed", removed)
    if edited is None or data == target.get("data"):
        return target, removed
    return {**target, "data": data, "edited": edited}, removed


def fold(records: list[Record]) -> list[Record]:
    """Well-formed records as every reader sees them: each revised one as its latest
    revision leaves it, removed ones and revisions left out, the rest as they are and
    in their order. Records sharing a revised uid (a hand edit) are revised alike."""
    if not has_revisions(records):
        return records
    by_target = revisions_by_target(records)
    folded = []
    for record in records:
        if record["kind"] == REVISION:
            continue
        revisions = by_target.get(record["uid"])
        if revisions is None:
            folded.append(record)
            continue
        revised, removed = apply(record, revisions)
        if not removed:
            folded.append(revised)
    return folded


def undone(revisions: Iterable[Record]) -> set[str]:
    """The uids of the revisions that are undone now: undone by an undo not itself undone
    (an undo of an undo puts the first change back)."""
    gone: set[str] = set()
    for revision in sorted(revisions, key=order, reverse=True):
        if revision["uid"] not in gone and "undoes" in revision:
            gone.add(revision["undoes"])
    return gone


def undoing(target: Record, revisions: list[Record], revision: Record) -> Record:
    """The fields of the revision that undoes `revision` of `target` (`revisions` being all
    of the target's, in order): what it changed, set back as it was just before it."""
    before = [r for r in revisions if order(r) < order(revision)]
    record, removed = apply(target, before)
    fields: Record = {"of": target["uid"], "undoes": revision["uid"]}
    if "data" in revision:
        fields["data"] = record.get("data", {})
    if "removed" in revision:
        fields["removed"] = removed
    return fields


def removed_targets(records: list[Record]) -> set[str]:
    """The uids of the records that are removed (a month's well-formed records)."""
    by_target = revisions_by_target(records)
    targets = {record["uid"]: record for record in records if record["kind"] != REVISION}
    return {uid for uid, revisions in by_target.items()
            if uid in targets and apply(targets[uid], revisions)[1]}
