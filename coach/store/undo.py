"""The changes a person can take back, newest first, whatever kind of change they are.

Each kind of change plugs in with one function, registered with `undoable`: given
the records one month file holds (well formed, as written), it yields the changes
there that are not undone yet, each able to say what it is and to undo itself.
Corrections and deletions of entries (revisions, see store.revisions) are one
kind; days marked afterwards (done, partly, a rest day, or the mark cleared: see
store.marking) are the other.

Which change is the last is found by reading the month files most recently
written first, and only as many as needed: a change is written into the month
of the day it is about, so a correction today of an entry of March lands in
March's file, and that file's modification time says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from coach.store.days import parse_utc, zone_named
from coach.store import marking
from coach.store.edits import entry_name, first_words, undone_words
from coach.store.hlc import Key
from coach.store.months import month_stamps
from coach.store.records import REVISION
from coach.store.revisions import apply, order, revisions_by_target, undone

if TYPE_CHECKING:
    from coach.store.months import MonthFiles

Record = dict[str, Any]
#: A file's modification time may lag the time written in its records by a clock's
#: drift or a copy that kept an older time: months this much older are still read.
SLACK = timedelta(days=1)


@dataclass(frozen=True)
class Change:
    """One change that can be undone."""

    #: When it was made, comparable across kinds (store.hlc's key).
    key: Key
    #: When it was made (UTC) and the zone it was made in, to say it in local time.
    utc: str
    tz: str
    #: What was done, as the verb of a sentence: "Deleted", "Corrected".
    what: str
    #: What it was done to: "the journal entry of 3 Dec, 'first words…'".
    subject: str
    #: Undo it, given the Store: what is back, in a sentence, or None if it was undone
    #: meanwhile. (The Store is not named here: it imports this module.)
    undo: Callable[[Any], str | None]

    def describe(self) -> str:
        """"Deleted on 6 Dec 21:14: the journal entry of 3 Dec, 'first words…'"."""
        try:
            local = parse_utc(self.utc).astimezone(zone_named(self.tz or "UTC"))
            when = f"{local.day} {local:%b %H:%M}"
        except (ValueError, OverflowError):
            when = self.utc[:16].replace("T", " ")
        return f"{self.what} on {when}: {self.subject}"


#: Given one month's records and the routines' titles by id, its changes not undone yet.
Finder = Callable[[list[Record], Mapping[str, str]], Iterable[Change]]
#: The kinds of change that can be undone: see `undoable`.
FINDERS: list[Finder] = []


def undoable(finder: Finder) -> Finder:
    """Register a kind of change: `finder` yields the changes in one month's records that
    can be undone now (naming a routine by its title, given by id)."""
    FINDERS.append(finder)
    return finder


@undoable
def entry_changes(records: list[Record], titles: Mapping[str, str]) -> Iterator[Change]:
    """Corrections and deletions of entries not undone yet (undoing is not itself offered:
    undoing again goes further back)."""
    targets = {record["uid"]: record for record in records if record["kind"] != REVISION}
    for uid, revisions in revisions_by_target(records).items():
        if uid not in targets:
            continue
        gone = undone(revisions)
        for revision in revisions:
            if revision["uid"] not in gone and "undoes" not in revision:
                yield _entry_change(targets[uid], revisions, revision)


def _entry_change(target: Record, revisions: list[Record], revision: Record) -> Change:
    before, _ = apply(target, [r for r in revisions if order(r) < order(revision)])
    name = entry_name(before)
    words = first_words(before)
    subject = f"{name}, '{words}'" if words else name
    what = "Deleted" if revision.get("removed") is True else \
        "Corrected" if "data" in revision else "Brought back"
    back = undone_words(before, revision)

    def undo(store: Any) -> str | None:
        done = store.undo(revision["uid"], date.fromisoformat(revision["day"]))
        return None if done is None else back

    return Change(order(revision), revision["utc"], str(revision.get("tz", "")), what,
                  subject, undo)


@undoable
def mark_changes(records: list[Record], titles: Mapping[str, str]) -> Iterator[Change]:
    """Days marked (or rest days set or taken back) not undone yet; a mark written by an
    undo names the one it undoes and is not offered itself."""
    undone_marks = {record["undoes"] for record in records if "undoes" in record}
    for record in records:
        state = marking.state_of(record)
        if state is None or "undoes" in record or record["uid"] in undone_marks:
            continue
        yield _mark_change(record, state, titles.get(record["routine"], record["routine"]))


def _mark_change(record: Record, state: str, routine: str) -> Change:
    day = date.fromisoformat(record["day"])
    if state == marking.NONE:
        what, subject = "Cleared", f"the mark of {day.day} {day:%b} for {routine}"
    else:
        what, subject = "Marked", f"{day.day} {day:%b} {marking.STATE_WORDS[state]} for {routine}"

    def undo(store: Any) -> str | None:
        written = marking.undo_mark(store, record)
        return f"{day.day} {day:%b} for {routine} is " + (
            "not marked again" if marking.state_of(written) == marking.NONE else
            f"marked {marking.STATE_WORDS[str(marking.state_of(written))]} again")

    return Change(marking.order(record), record["utc"], str(record.get("tz", "")), what,
                  subject, undo)


def last_changes(months: MonthFiles, limit: int = 1,
                 titles: Mapping[str, str] | None = None) -> list[Change]:
    """The `limit` latest changes not undone, newest first, reading the month files most
    recently written first and stopping at the first one written before all of them."""
    found: list[Change] = []
    for modified, path in sorted(_modified(months), reverse=True):
        if len(found) >= limit and modified < parse_utc(found[-1].utc).timestamp() - \
                SLACK.total_seconds():
            break
        records = months.well_formed(path, raw=True)[0]
        for finder in FINDERS:
            found.extend(finder(records, titles or {}))
        found.sort(key=lambda change: change.key, reverse=True)
        del found[limit:]
    return found


def _modified(months: MonthFiles) -> Iterator[tuple[float, Any]]:
    paths = months.paths()
    stamps = month_stamps(paths)  # of every file of each month
    for path in paths:
        if (stamp := stamps.get(path.name)) is not None:
            yield stamp[1] / 1e9, path
