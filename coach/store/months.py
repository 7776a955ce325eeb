"""The month files of a data folder: finding them, reading them, repairing them, digesting them.

One month that cannot be read (a folder where a file should be, a file
others made unreadable) is reported by name and skipped: every other month
still reads. A damaged month is copied aside and its whole records
recovered. A data folder on a read-only mount (a restored backup) is read
without a lock and without repairs, since nothing can be writing there.

One MonthFiles is shared by the app's event loop, its saving thread and its workers:
what it keeps between calls (the notices and problems for the person, the digests and
the last month read) is changed only under its own lock, and handed out as copies.
"""

from __future__ import annotations

import errno
import json
import os
import re
import threading
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from coach.foundation.files import NotCoachFile, atomic_write, broken_link, open_own, read_own
from coach.foundation.formats import INDEX_VERSION
from coach.foundation.sync_copies import is_conflict_copy
from coach.store.digest import (Digest, MonthSummary, Stamp, stamp_of, summarise,
                                summarise_checked)
from coach.store.jsonfile import DamagedFile, NotEnoughMemory, parse_document
from coach.store.lock import locked
from coach.store.records import is_day, record_problem
from coach.store.revisions import fold
from coach.store.salvage import salvage_records

TABLE = "records"
LOCK_NAME = ".lock"
MONTH_PREFIX = "records-"
DIGEST_DIR = "digests"
INDEX_NAME = "index.json"
#: The name of a month file: a year and a month 01 to 12, nothing else.
MONTH_NAME = re.compile(r"records-(\d{4})-(0[1-9]|1[0-2])\.json")
#: A month's name at the start of another name: "records-2026-11 (copy).json".
_MONTH_STEM = re.compile(r"records-(\d{4})-(0[1-9]|1[0-2])(?!\d)")
#: Errors that mean "this folder cannot be written": nothing to repair or cache there.
READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)
#: Why a month could not be read when memory ran out: not damage, and nothing was changed.
NO_MEMORY = "there was not enough memory to read it; coach changed nothing"
#: The most notices kept for the person at once (the latest): an app open for weeks on a
#: damaged month it cannot repair reads it again and again.
MAX_NOTICES = 50


def is_month_name(name: str) -> bool:
    match = MONTH_NAME.fullmatch(name)
    return match is not None and match.group(1) != "0000"


def month_of(path: Path) -> str:
    """"2026-11" for records-2026-11.json."""
    return path.name[len(MONTH_PREFIX):-len(".json")]


def stray_words(name: str) -> str:
    """What to say of a file named like a month file that is not one (see MonthFiles.strays)."""
    stem = _MONTH_STEM.search(name)
    what = "looks like a copy of a month file" if stem and stem.group(1) != "0000" else \
        "is named like a month file but names no month (records-YYYY-MM.json, months 01 to 12)"
    return (f"{name} {what}; coach does not read it. If it holds records you want, use "
            "coach import: records already here are not added twice.")


def misplaced_words(path: Path, records: list[dict[str, Any]]) -> str:
    """What to say of a month file holding records of other months' days (see
    MonthFiles.unplaced)."""
    days = sorted(record["day"] for record in records)
    when = days[0] if days[0] == days[-1] else f"{days[0]} to {days[-1]}"
    them, s = ("them", "s") if len(days) != 1 else ("it", "")
    return (f"{path.name} holds {len(days)} record{s} of another month ({when}); coach "
            f"leaves {them} there and does not count {them}. To count {them} in "
            f"{'their' if s else 'its'} own month{s}, use coach import {path}: records "
            "already here are not added twice.")


class StoreError(Exception):
    """A data file cannot be read or written; the message says which and why."""


def reason(err: BaseException, path: Path | None = None) -> str:
    """Why a file (at `path`, if known) could not be used, in plain words."""
    if isinstance(err, MemoryError | NotEnoughMemory):
        return NO_MEMORY
    if isinstance(err, IsADirectoryError):
        return "it is a folder, not a file"
    if isinstance(err, NotCoachFile) and err.path == path:
        return err.reason  # the file is named already; another (the lock) is named here
    return (err.strerror if isinstance(err, OSError) and err.strerror else str(err)) or \
        type(err).__name__


class MonthFiles:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        #: Guards everything below, which every thread that reads or writes months shares.
        self._lock = threading.Lock()
        #: Plain-language messages about repairs made, for the person: each once, the
        #: latest MAX_NOTICES.
        self._notices: list[str] = []
        #: Month files that could not be read, by name, with the reason in plain words.
        self._problems: dict[str, str] = {}
        #: Digests computed here, for a folder where they cannot be saved.
        self._digests: dict[str, Digest] = {}
        #: (name, stamp, well-formed records folded, and raw, left out) of the last month read.
        self._last_month: tuple[str, Stamp, list[dict[str, Any]], list[dict[str, Any]],
                                int] | None = None

    @property
    def notices(self) -> list[str]:
        """Plain-language messages about repairs made, oldest first (a copy)."""
        with self._lock:
            return list(self._notices)

    @property
    def problems(self) -> dict[str, str]:
        """Month files that could not be read, by name, and why (a copy)."""
        with self._lock:
            return dict(self._problems)

    def clear_notices(self) -> None:
        """The notices were said to the person."""
        with self._lock:
            self._notices.clear()

    def clear_problems(self) -> None:
        """The problems were said to the person."""
        with self._lock:
            self._problems.clear()

    def _notice(self, text: str) -> None:
        with self._lock:
            if text not in self._notices:
                self._notices.append(text)
                del self._notices[:-MAX_NOTICES]

    def _problem(self, path: Path, why: str | None) -> None:
        """Name the month as unreadable, or (why None) no longer."""
        with self._lock:
            if why is None:
                self._problems.pop(path.name, None)
            else:
                self._problems[path.name] = why

    def _held_digest(self, path: Path) -> Digest | None:
        with self._lock:
            return self._digests.get(path.name)

    def _hold_digest(self, path: Path, digest: Digest) -> None:
        with self._lock:
            self._digests[path.name] = digest

    @property
    def lock_path(self) -> Path:
        return self.directory / LOCK_NAME

    def not_a_folder(self) -> StoreError:
        return StoreError(f"the data folder {self.directory} is a file, not a folder; "
                          "move it away or set COACH_DATA_DIR")

    def unreachable(self) -> StoreError | None:
        """The data folder (or a folder above it) is a link to nothing: a drive not mounted.
        Nothing may be created there: it would land beside the mount point, not on the drive."""
        found = broken_link(self.directory)
        if found is None:
            return None
        link, target = found
        inside = "" if link == self.directory else f" is inside {link}, which"
        return StoreError(f"your data folder {self.directory}{inside} points to {target}, "
                          "which does not exist: is a drive unmounted?")

    def path_for(self, day: date) -> Path:
        return self.directory / f"{MONTH_PREFIX}{day:%Y-%m}.json"

    def paths(self, since: date | None = None, until: date | None = None) -> list[Path]:
        """The month files that can hold days from `since` to `until`, oldest first."""
        try:
            names = sorted(os.listdir(self.directory))
        except FileNotFoundError:
            if (unreachable := self.unreachable()) is not None:
                raise unreachable from None
            return []
        except NotADirectoryError:
            raise self.not_a_folder() from None
        except OSError as err:
            raise StoreError(f"cannot read the data folder {self.directory}: "
                             f"{reason(err)}") from err
        low = f"{MONTH_PREFIX}{since:%Y-%m}.json" if since else ""
        high = f"{MONTH_PREFIX}{until:%Y-%m}.json" if until else "~"
        return [self.directory / name for name in names
                if low <= name <= high and is_month_name(name)]

    def strays(self) -> list[str]:
        """Files named like month files that are not one (a copy, a month 13): never read,
        so their records never count twice; doctor and the app's check name them."""
        try:
            names = os.listdir(self.directory)
        except OSError:
            return []
        return sorted(name for name in names if MONTH_PREFIX in name
                      and name.endswith(".json") and not is_month_name(name)
                      and not is_conflict_copy(name))  # merged: see store.sync_folder

    # -- reading ----------------------------------------------------------------------------

    def load(self, path: Path) -> list[dict[str, Any]]:
        """The entries of a month file, repairing it first if it is damaged; [] (and a
        problem named) if it cannot be read at all. Records of another month's days are
        left out (see Digest.misplaced)."""
        document = self._document(path)
        month = month_of(path)
        return [] if document is None else \
            [r for r in document.get(TABLE, {}).values() if isinstance(r, dict)
             and not (is_day(day := r.get("day")) and day[:7] != month)]

    def _document(self, path: Path) -> dict[str, Any] | None:
        return self._stamped_document(path)[0]

    def _stamped_document(self, path: Path) -> tuple[dict[str, Any] | None, Stamp | None]:
        """The month's document and the stamp of the very bytes it was read from (None if
        unknown): stamped under the same lock as it is read, as writes take it too, so a
        write landing just after the read is never taken for what was read."""
        try:
            with locked(self.lock_path, exclusive=False):
                data = read_own(path)
                stamp = _stamp_or_none(path)
        except FileNotFoundError:
            return {}, None
        except (OSError, MemoryError) as err:
            self._problem(path, reason(err, path))
            return None, None
        self._problem(path, None)
        try:
            try:
                return parse_document(path, data), stamp
            except DamagedFile as damage:
                return self._repair(path, damage, stamp)
        except (MemoryError, NotEnoughMemory) as err:  # the file may be whole: leave it be
            self._problem(path, reason(err))
            return None, None

    def _repair(self, path: Path, damage: DamagedFile,
                stamp: Stamp | None) -> tuple[dict[str, Any], Stamp | None]:
        """Keep a damaged file's copy and rewrite it with the whole records it still holds;
        in a folder that cannot be written, recover them in memory only and say so. The
        document, and the stamp of the file it is now."""
        try:
            with locked(self.lock_path, exclusive=True):
                document = self._repair_locked(path)
                return document, _stamp_or_none(path)
        except OSError as err:
            if err.errno not in READ_ONLY:
                raise StoreError(f"{path.name} is damaged and could not be repaired: "
                                 f"{reason(err)}") from err
        recovered = _salvage(damage.data)
        self._notice(
            f"{path.name} is damaged ({damage.reason}) and its folder cannot be written, so "
            f"coach left it as it is and read the {_count(len(recovered))} it still holds.")
        return {TABLE: {str(i): r for i, r in enumerate(recovered, start=1)}}, stamp

    def _repair_locked(self, path: Path) -> dict[str, Any]:
        try:
            data = read_own(path)
        except FileNotFoundError:
            return {}
        try:
            return parse_document(path, data)  # repaired by another process meanwhile
        except DamagedFile as damage:
            # All that needs memory comes before anything is written: running out of it
            # leaves the folder as it was.
            recovered = _salvage(data)
            document = {TABLE: {str(i): r for i, r in enumerate(recovered, start=1)}}
            repaired = orjson.dumps(document)
            stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
            copy = path.with_name(f"{path.name}.damaged-{stamp}")
            n = 1
            while copy.exists():
                n += 1
                copy = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
            atomic_write(copy, data, mode=0o600)
            atomic_write(path, repaired, mode=0o600)
            self._notice(
                f"{path.name} was damaged ({damage.reason}). coach kept the damaged file as "
                f"{copy.name} in {path.parent} and recovered {_count(len(recovered))} from it; "
                "nothing else was changed.")
            return document

    def repair_if_damaged(self, path: Path) -> None:
        """Under the caller's exclusive lock: make a damaged month whole before writing to it."""
        self._repair_locked(path)

    # -- digests ----------------------------------------------------------------------------

    def digest(self, path: Path, keep: bool = True) -> Digest | None:
        """The month's digest: the saved one while the month file is unchanged, else made
        anew (and saved where the folder allows); None if the month cannot be read. Kept
        in memory for the next ask unless `keep` is False (a reader going through every
        month once would otherwise hold all of history)."""
        try:
            stamp = stamp_of(os.stat(path))
        except FileNotFoundError:
            return Digest()
        except OSError as err:
            self._problem(path, reason(err))
            return None
        held = self._held_digest(path)
        if held is not None and held.stamp == stamp:
            return held
        saved = self._saved_digest(path)
        if saved is not None and saved.stamp == stamp:
            if keep:
                self._hold_digest(path, saved)
            self._problem(path, None)
            return saved
        document, read = self._stamped_document(path)
        if document is None:
            return None
        # What was read, as it was read (a repair may have rewritten it since the stat).
        digest = summarise(document.get(TABLE, {}).values(), read or stamp, month_of(path))
        if read is not None:  # else a digest of unknown bytes: made again next time
            if keep:
                self._hold_digest(path, digest)
            self._save_digest(path, digest)
        return digest

    def well_formed(self, path: Path, raw: bool = False) -> tuple[list[dict[str, Any]], int]:
        """The month's well-formed records as every reader sees them (folded: see
        store.revisions), or with `raw` as the file holds them, revisions and the records
        they supersede included; and how many entries were left out.

        A month whose digest (of exactly the bytes read) counted no malformed entry
        is not checked record by record again; otherwise the records are checked once
        and the digest is made from the same pass. The last month read is kept while
        its file is unchanged: the home screen asks for the current month once per
        routine, and parsing it once is enough."""
        try:
            before = stamp_of(os.stat(path))
        except OSError:
            before = None
        with self._lock:
            kept = self._last_month
        if kept is not None and before is not None and kept[:2] == (path.name, before):
            return list(kept[3] if raw else kept[2]), kept[4]
        good, left_out = self._read_well_formed(path, before)
        folded = fold(good)
        try:
            if stamp_of(os.stat(path)) == before:
                with self._lock:
                    self._last_month = (path.name, before, folded, good, left_out)
        except OSError:
            pass
        return list(good if raw else folded), left_out

    def _read_well_formed(self, path: Path,
                          before: Stamp | None) -> tuple[list[dict[str, Any]], int]:
        document, after = self._stamped_document(path)
        if document is None:  # unreadable now: no digest, or it would say "no records"
            return [], 0
        entries = list(document.get(TABLE, {}).values())
        if after is None:
            return _checked(entries, month_of(path))
        digest = self._held_digest(path)
        if digest is None or digest.stamp != after:
            digest = self._saved_digest(path)
        if before == after and digest is not None and digest.stamp == after:
            return (entries, 0) if digest.malformed == digest.misplaced == 0 else \
                _checked(entries, month_of(path))
        digest, good = summarise_checked(entries, after, month_of(path))
        if before == after:
            self._hold_digest(path, digest)
            self._save_digest(path, digest)
        return good, len(entries) - len(good)

    def digests(self, paths: list[Path]) -> Iterator[tuple[Path, Digest]]:
        for path in paths:
            digest = self.digest(path)
            if digest is not None:
                yield path, digest

    def counts(self, paths: list[Path]) -> list[tuple[Path, int, int]]:
        """(month file, well-formed records, malformed entries) for each readable month: what
        `coach doctor` shows, at the cost of one small read (see `summaries`)."""
        return [(path, month.records, month.malformed)
                for path, month in self.summaries(paths)]

    def misplaced(self, paths: list[Path]) -> list[tuple[Path, list[dict[str, Any]]]]:
        """(month file, its unplaced records) for each month holding any (see `unplaced`)."""
        found = [(path, self.unplaced(path)) for path, month in self.summaries(paths)
                 if month.misplaced]
        return [(path, records) for path, records in found if records]

    def unplaced(self, path: Path) -> list[dict[str, Any]]:
        """The well-formed records in a month file whose day is in another month, and which
        that month's file does not hold (by uid): counted nowhere until imported. Once
        `coach import` has added them to their own month, the copies left here are
        harmless and not mentioned again. Reads other months only when there are such
        records (a hand edit), so it costs nothing otherwise."""
        month = month_of(path)
        document = self._document(path) or {}
        strays = [record for record in document.get(TABLE, {}).values()
                  if record_problem(record) is None and record["day"][:7] != month]
        held: dict[Path, set[Any]] = {}
        unplaced = []
        for record in strays:
            home = self.path_for(date.fromisoformat(record["day"]))
            if home not in held:
                entries = (self._document(home) or {}).get(TABLE, {}).values()
                held[home] = {entry.get("uid") for entry in entries if isinstance(entry, dict)}
            if record.get("uid") not in held[home]:
                unplaced.append(record)
        return unplaced

    def summaries(self, paths: list[Path]) -> list[tuple[Path, MonthSummary]]:
        """Each readable month's counts and routines finished, from one small index of every
        month checked against each file's stamp, not one digest per month. A month that
        changed (or is not in the index) is digested and the index is saved again (best
        effort, self-healing)."""
        index_path = self.directory / DIGEST_DIR / INDEX_NAME
        index = read_index(index_path)
        result, changed = [], False
        for path in paths:
            try:
                stamp = stamp_of(os.stat(path))
            except FileNotFoundError:
                continue
            except OSError as err:
                self._problem(path, reason(err))
                continue
            held = index.get(path.name)
            if held is None or held.stamp != stamp:
                digest = self.digest(path, keep=False)
                if digest is None:
                    continue
                held = digest.summary(stamp)
                index[path.name] = held
                changed = True
            result.append((path, held))
        if changed:
            try:
                atomic_write(index_path, index_bytes(index), mode=0o600)
            except OSError:
                pass
        return result

    def _digest_path(self, path: Path) -> Path:
        return self.directory / DIGEST_DIR / path.name

    def _saved_digest(self, path: Path) -> Digest | None:
        try:
            fd = open_own(self._digest_path(path), os.O_RDONLY)
        except OSError:
            return None
        try:
            with os.fdopen(fd, "rb") as handle:
                return Digest.from_json(orjson.loads(handle.read(4 * 1024 * 1024)))
        except (OSError, orjson.JSONDecodeError):
            return None

    def _save_digest(self, path: Path, digest: Digest) -> None:
        """Best effort: a digest that cannot be saved is made again next time."""
        try:
            atomic_write(self._digest_path(path), orjson.dumps(digest.to_json()), mode=0o600)
        except OSError:
            pass


def index_bytes(index: dict[str, MonthSummary]) -> bytes:
    """The digest index as it is saved: {"v": INDEX_VERSION, "months": {name: summary}}."""
    return orjson.dumps({"v": INDEX_VERSION,
                         "months": {name: month.to_json() for name, month in index.items()}})


def read_index(path: Path) -> dict[str, MonthSummary]:
    """The saved counts, or nothing for a missing, damaged or foreign index."""
    try:
        fd = open_own(path, os.O_RDONLY)
        with os.fdopen(fd, "rb") as handle:
            document = orjson.loads(handle.read(4 * 1024 * 1024))
        if document.get("v") != INDEX_VERSION:
            return {}
        months = {name: MonthSummary.from_json(entry)
                  for name, entry in document["months"].items()}
        return {name: month for name, month in months.items() if month is not None}
    except (OSError, ValueError, AttributeError, KeyError, TypeError):
        return {}


def _stamp_or_none(path: Path) -> Stamp | None:
    try:
        return stamp_of(os.stat(path))
    except OSError:
        return None


def _checked(entries: list[Any], month: str) -> tuple[list[dict[str, Any]], int]:
    """The well-formed records of the month's own days, and how many entries are left out."""
    good = [entry for entry in entries
            if record_problem(entry) is None and entry["day"][:7] == month]
    return good, len(entries) - len(good)


def _salvage(data: bytes) -> list[dict[str, Any]]:
    """The whole records in damaged bytes that can be written back as they were (NaN, or a
    number too large for orjson, stays in the damaged copy only)."""
    text = data.decode("utf-8", errors="replace")
    return [r for r in salvage_records(text, TABLE) if isinstance(r, dict) and _writable(r)]


def _writable(record: dict[str, Any]) -> bool:
    try:
        json.dumps(record, allow_nan=False)  # orjson would write NaN as null
        orjson.dumps(record)
    except (TypeError, ValueError):
        return False
    return True


def _count(n: int) -> str:
    return f"{n} record{'s' if n != 1 else ''}"
