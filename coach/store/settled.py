"""Deletions of entries that the device holding them has erased since: when they can go too.

This device deletes an entry another device wrote by a revision in its own file (see
store.revisions): only that device's `coach doctor --purge-removed` erases the entry
from its file, and the deletion stays here, pointing at nothing. It can be erased too,
but only when the entry can never come back: a deletion dropped while the entry is
merely not here (its file not arrived yet, moved away, damaged, a copy of it waiting)
would let the entry come back undeleted when it arrives.

Nothing tells an entry erased from one that has not arrived, but where it was does:
this device wrote its deletion only after reading the entry, and a revision of a record
held only in another device's file names that device ("holder": see store.edits). Each
device's file is written by that device alone, and only its purge takes a record out of
it. So a deletion is settled, and erased with this device's other revisions of the
entry, when:

- the holder's file of that month is in the folder and reads whole (not damaged);
- no month file of the folder (any month, any device's) holds the entry, and every one
  of them reads whole, nor does a file named like one (a copy the person could import);
- no conflict copy of a month file waits to be merged, which could hold it.

A deletion written before coach named the holder is kept: nothing says whose file to
look at. What this cannot see is a holder's file put back by hand from an older copy
(a backup taken before the entry was written): that file would also lack everything
written after it, and a sync tool never does that by itself.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coach.foundation.files import read_own
from coach.store.jsonfile import DamagedFile, NotEnoughMemory, parse_document
from coach.store.months import TABLE, MonthFiles, is_month_copy, month_name
from coach.store.records import REVISION, is_device_id, record_problem

Record = dict[str, Any]


def candidates(records: Iterable[Record], device: str) -> dict[str, str]:
    """Of one month's well-formed records as the files hold them (every revision), the
    entries that no file of the month holds and that this device deleted, by uid, with the
    device whose file held them: {uid: holder}."""
    records = list(records)
    held = {record["uid"] for record in records if record["kind"] != REVISION}
    deleted: set[str] = set()
    holders: dict[str, str] = {}
    for record in records:
        if record["kind"] != REVISION or record.get("device") != device or \
                record["of"] in held:
            continue
        if record.get("removed") is True:
            deleted.add(record["of"])
        holder = record.get("holder")
        if is_device_id(holder) and holder != device:
            holders.setdefault(record["of"], holder)
    return {uid: holder for uid, holder in holders.items() if uid in deleted}


def settled(months: MonthFiles, found: dict[str, dict[str, str]]) -> dict[str, set[str]]:
    """Of the `candidates` found in each month ({"2026-11": {uid: holder}}), those whose
    deletion can go (see the module's rules), by month; nothing when any file that could
    hold them cannot be read whole."""
    found = {month: wanted for month, wanted in found.items() if wanted}
    if not found:
        return {}
    try:
        names = os.listdir(months.directory)
    except OSError:
        return {}
    if any(is_month_copy(name) for name in names):
        return {}
    listed = {name for files in months.listing().values() for name in files}
    wanted = {uid for uids in found.values() for uid in uids}
    still = set()
    for name in [*sorted(listed), *months.strays()]:
        uids = _uids(months.directory / name)
        if uids is None:
            return {}
        still |= uids & wanted
    return {month: uids for month in found
            if (uids := {uid for uid, holder in found[month].items()
                         if uid not in still and month_name(month, holder) in listed})}


def erase(table: Any, uids: set[str]) -> int:
    """Under the lock, in a MonthTable (see store.months): erase this device's revisions of
    these entries, unless a file of the month holds the entry now (a copy merged since it
    was decided); of how many entries."""
    present = {entry.get("uid") for entry in table.all() if isinstance(entry, dict)
               and entry.get("kind") != REVISION}
    doomed = {entry.doc_id: entry["of"] for entry in table.own()
              if record_problem(dict(entry)) is None and entry["kind"] == REVISION
              and entry["of"] in uids and entry["of"] not in present}
    if doomed:
        table.remove(doc_ids=list(doomed))
    return len(set(doomed.values()))


def _uids(path: Path) -> set[Any] | None:
    """The uids of the records a file holds; None if it cannot be read whole."""
    try:
        document = parse_document(path, read_own(path))
    except (OSError, MemoryError, DamagedFile, NotEnoughMemory):
        return None
    return {record.get("uid") for record in document.get(TABLE, {}).values()
            if isinstance(record, dict)}
