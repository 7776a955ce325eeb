"""A hybrid logical clock: which of two superseding records came later, the same on every device.

A correction, a deletion, an undo, a day marked or a rest day set supersedes what came
before it. The time a device's clock gave each cannot say which came later: a clock
two hours slow would make a later edit lose to an earlier one from a device whose
clock is right. So each such record carries an "hlc", "<UTC milliseconds, 13
digits>-<counter, 4 digits>" ("1795421000000-0000"), made by a Clock: the wall clock's
millisecond, or the newest hlc the store has seen if that is later, with the counter
counting up within one millisecond. A record written after another was seen (in its
month, read under the lock before writing) therefore always comes after it, whatever
the clocks say.

Records are put in order by `key`: (hlc, device, uid). Two devices that wrote without
seeing each other's records (both offline) still get one order, the same on both,
whatever order their files arrived in. A record written before coach kept an hlc
stands in that order at its UTC time, counter 0, device "": the order it always had.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta, timezone
from typing import Any

from coach.store.records import MARK, REST, REVISION, is_utc

#: (milliseconds, counter, device, uid): later is greater.
Key = tuple[int, int, str, str]
_HLC = re.compile(r"(\d{13})-(\d{4})")
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MS = timedelta(milliseconds=1)
MAX_MS = 10 ** 13 - 1
MAX_COUNTER = 9999
#: The kinds of record that supersede others, ordered by `key`.
SUPERSEDING = (REVISION, MARK, REST)


def text(ms: int, counter: int) -> str:
    """An hlc as a record keeps it: "1795421000000-0003"."""
    return f"{ms:013d}-{counter:04d}"


def millis(instant: datetime) -> int:
    """Milliseconds since 1970 (UTC), negative before."""
    return (instant - _EPOCH) // _MS


def stamp(record: Mapping[str, Any]) -> tuple[int, int]:
    """(milliseconds, counter) of a record: its hlc, or for one without, its UTC time
    and counter 0. A record with neither (not well formed) comes first."""
    found = _HLC.fullmatch(value) if type(value := record.get("hlc")) is str else None
    if found is not None:
        return int(found.group(1)), int(found.group(2))
    utc = record.get("utc")
    if type(utc) is str:
        try:
            return millis(datetime.fromisoformat(utc.replace("Z", "+00:00"))), 0
        except ValueError:
            pass
    return -(10 ** 15), 0


def key(record: Mapping[str, Any]) -> Key:
    """Where a superseding record stands among others of its kind: (hlc, device, uid)."""
    ms, counter = stamp(record)
    device = record.get("device")
    uid = record.get("uid")
    return ms, counter, device if type(device) is str else "", uid if type(uid) is str else ""


def newest(records: Iterable[Mapping[str, Any]]) -> tuple[int, int] | None:
    """The newest stamp among the records that carry an hlc and the superseding ones that
    do not (their UTC time); None if there is none."""
    found = None
    for record in records:
        if "hlc" in record or (record.get("kind") in SUPERSEDING and is_utc(record.get("utc"))):
            seen = stamp(record)
            if found is None or seen > found:
                found = seen
    return found


class Clock:
    """The hybrid logical clock of one store: safe to share between threads."""

    def __init__(self, wall: Callable[[], datetime]) -> None:
        self._wall = wall
        self._last = (0, 0)
        self._lock = threading.Lock()

    def see(self, records: Iterable[Mapping[str, Any]]) -> None:
        """Take in the newest hlc of records read, so that every one made afterwards comes
        after it."""
        seen = newest(records)
        if seen is not None:
            with self._lock:
                self._last = max(self._last, seen)

    def tick(self, seen: Iterable[Mapping[str, Any]] = ()) -> str:
        """A new hlc, after every one made or seen so far, `seen` included: the wall
        clock's millisecond if that is later, else the newest's with its counter bumped
        (the next millisecond once the counter is full)."""
        newest_seen = newest(seen)
        with self._lock:
            last_ms, last_counter = max(self._last, newest_seen or self._last)
            wall = min(max(millis(self._wall()), 0), MAX_MS)
            if wall > last_ms:
                made = (wall, 0)
            elif last_counter < MAX_COUNTER:
                made = (last_ms, last_counter + 1)
            else:  # ten thousand in one millisecond, or the far future: still one order
                made = (min(last_ms + 1, MAX_MS), 0 if last_ms < MAX_MS else MAX_COUNTER)
            self._last = made
            return text(*made)
