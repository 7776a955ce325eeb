"""The month files of a data folder: finding them, reading them, repairing them, digesting them.

A month may be held in several files: `records-2026-11.json` (written before coach knew
its device, or by a coach that does not know it) and one `records-2026-11.<device>.json`
per device that wrote to it, each written by that device only (a sync tool such as
Syncthing brings the others'). A month is read as one: every file of it, each record
once by uid. A month is named by its plain name (`records-2026-11.json`) whether that
file exists or not, and its stamp covers every file of it, so a file that arrives from
another device makes its digest anew.

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

import dataclasses
import errno
import functools
import hashlib
import json
import os
import re
import stat
import threading
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from coach.foundation.files import NotCoachFile, atomic_write, broken_link, open_own, read_own
from coach.foundation.formats import INDEX_VERSION
from coach.foundation.sync_copies import conflict_original, is_conflict_copy
from coach.store.digest import (Digest, MonthSummary, Stamp, stamp_of, summarise,
                                summarise_checked)
from coach.store.jsonfile import DamagedFile, NotEnoughMemory, parse_document
from coach.store.lock import locked
from coach.store.records import REVISION, is_day, record_problem
from coach.store.revisions import fold
from coach.store.salvage import salvage_records

TABLE = "records"
LOCK_NAME = ".lock"
MONTH_PREFIX = "records-"
DIGEST_DIR = "digests"
INDEX_NAME = "index.json"
#: The name of a month file: a year and a month 01 to 12, and the id of the device that
#: writes it (see store.device) or none, nothing else.
MONTH_NAME = re.compile(r"records-(\d{4})-(0[1-9]|1[0-2])(?:\.([a-z2-7]{8}))?\.json")
#: A month's name at the start of another name: "records-2026-11 (copy).json".
_MONTH_STEM = re.compile(r"records-(\d{4})-(0[1-9]|1[0-2])(?!\d)")
#: Errors that mean "this folder cannot be written": nothing to repair or cache there.
READ_ONLY = (errno.EROFS, errno.EACCES, errno.EPERM)
#: Why a month could not be read when memory ran out: not damage, and nothing was changed.
NO_MEMORY = "there was not enough memory to read it; coach changed nothing"
#: The most notices kept for the person at once (the latest): an app open for weeks on a
#: damaged month it cannot repair reads it again and again.
MAX_NOTICES = 50
#: How long ago a file must have been last written for its mtime to prove that it was not
#: written since: file systems keep times in ticks of up to a few milliseconds (two
#: seconds on FAT), and a write within the same tick leaves the mtime as it was.
RACY_NS = 3 * 1_000_000_000


def is_month_name(name: str) -> bool:
    match = MONTH_NAME.fullmatch(name)
    return match is not None and match.group(1) != "0000"


def is_month_copy(name: str) -> bool:
    """Whether `name` is a sync tool's conflict copy of a month file (or of a copy of one):
    merged by store.sync_folder."""
    original = conflict_original(name)
    while original is not None and MONTH_NAME.fullmatch(original) is None:
        original = conflict_original(original)  # a copy of a copy
    return original is not None


def month_of(path: Path) -> str:
    """"2026-11" for records-2026-11.json (and records-2026-11.<device>.json)."""
    return path.name[len(MONTH_PREFIX):len(MONTH_PREFIX) + 7]


def device_of(name: str) -> str:
    """The device whose file this month file is; "" for records-2026-11.json."""
    match = MONTH_NAME.fullmatch(name)
    return (match.group(3) or "") if match else ""


def month_name(month: str, device: str = "") -> str:
    """records-2026-11.json, or with a device records-2026-11.<device>.json."""
    return f"{MONTH_PREFIX}{month}{f'.{device}' if device else ''}.json"


#: The month files of a folder, by month (see files_by_month).
Listing = dict[str, list[str]]


def files_by_month(names: list[str]) -> Listing:
    """The month files among `names`, by month ("2026-11"), months in order; in each, the
    file without a device first, then each device's by its id. Callers never change what
    it gives: the same names give the same Listing (see _sorted_by_month)."""
    return _sorted_by_month(tuple(names))


# A folder whose files did not change lists the same names, and matching and sorting every
# name again (five devices' files of ten years: 605 names) was most of a check that
# nothing changed. A few are kept: a pass over every month and one over this month's
# files alternate on the home screen.
@functools.lru_cache(maxsize=4)
def _sorted_by_month(names: tuple[str, ...]) -> Listing:
    found = []
    match_name = MONTH_NAME.fullmatch
    for name in names:
        match = match_name(name)
        if match is not None:
            year, month, device = match.groups()
            if year != "0000":
                found.append((f"{year}-{month}", device or "", name))
    found.sort()
    months: Listing = {}
    for month, _, name in found:
        held = months.get(month)
        if held is None:
            months[month] = [name]
        else:
            held.append(name)
    return months


def combined_stamp(stamps: list[Stamp]) -> Stamp:
    """The stamp of a month held in these files (their stamps, in the order of their
    names): one file's own stamp, so a month in one file is stamped as it always was;
    of several, a stamp that changes whenever any of them changes, comes or goes."""
    if len(stamps) == 1:
        return stamps[0]
    mixed = hashlib.blake2b(orjson.dumps(stamps), digest_size=7).digest()
    sizes, modified, changed, _ = zip(*stamps)
    return (sum(sizes), max(modified), max(changed), int.from_bytes(mixed, "big"))


def month_stamps(paths: list[Path], listed: Listing | None = None) -> dict[str, Stamp | None]:
    """Each month's stamp (see combined_stamp) by its name, for months named by `paths`
    (records-2026-11.json) in one folder; None for one that cannot be looked at now, and
    a month with no file left out. One listing of the folder (or `listed`, the one this
    pass over the months made), and a look at each file."""
    if not paths:
        return {}
    folder = os.fspath(paths[0].parent)
    if listed is None:
        try:
            listed = files_by_month(os.listdir(folder))
        except OSError:
            return {path.name: None for path in paths}
    stamps: dict[str, Stamp | None] = {}
    within = os.path.join(folder, "")  # the folder and a separator: joined to each name
    for path in paths:
        names = listed.get(month_of(path))
        if not names:
            continue
        try:
            stamps[path.name] = combined_stamp([stamp_of(os.stat(within + name))
                                                for name in names])
        except FileNotFoundError:
            continue
        except OSError:
            stamps[path.name] = None
    return stamps


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
    def __init__(self, directory: Path, device: str = "") -> None:
        """`device`: the id of this device, whose files alone are written (see path_for);
        "" writes records-2026-11.json, as coach did before it knew its device."""
        self.directory = directory
        self.device = device
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
        """Name the month file as unreadable, or (why None) every file of its month as
        readable again."""
        with self._lock:
            if why is None:
                stem = f"{MONTH_PREFIX}{month_of(path)}"
                for name in [name for name in self._problems if name.startswith(stem)]:
                    del self._problems[name]
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
        """The file this device writes the month of `day` to."""
        return self.directory / month_name(f"{day:%Y-%m}", self.device)

    def month_path(self, day: date) -> Path:
        """The month of `day` as every reader names it (records-2026-11.json), whichever
        files hold it (see files)."""
        return self.directory / month_name(f"{day:%Y-%m}")

    def is_own(self, path: Path) -> bool:
        """Whether this device writes (and may repair) the month file."""
        return device_of(path.name) == self.device

    def paths(self, since: date | None = None, until: date | None = None,
              listed: Listing | None = None) -> list[Path]:
        """The months that can hold days from `since` to `until`, oldest first, each named
        as readers name it (records-2026-11.json; see month_path), whichever files hold it;
        of `listed` (see listing) if given."""
        low = f"{since:%Y-%m}" if since else ""
        high = f"{until:%Y-%m}" if until else "~"
        return [self.directory / month_name(month)
                for month in (self._listed() if listed is None else listed)
                if low <= month <= high]

    def files(self, path: Path, listed: Listing | None = None) -> list[Path]:
        """Every file of the month (named as readers name it): the one without a device
        first, then each device's; [] if it has none. Of `listed` (see listing) if given."""
        month = month_of(path)
        return [self.directory / name
                for name in (self._listed(month) if listed is None else listed).get(month, [])]

    def listing(self) -> Listing:
        """The month files in the folder now, by month: for one pass over the months to
        find each month's files in (paths, files, stamp, digest, well_formed take it), not
        the folder listed again for each. Kept for that pass only: a file that arrives
        later is found by the next pass, and a month's digest is stamped with the files it
        was read from, so it is made again then. StoreError if the folder cannot be read."""
        return self._listed()

    def _listing_or_none(self, month: str | None = None) -> Listing | None:
        """A listing for a pass (of one month's files only, if `month` is given), or None
        to leave each month to list (and name) what keeps the folder from being read."""
        try:
            return self._listed(month)
        except StoreError:
            return None

    def _listed(self, month: str | None = None) -> Listing:
        """The month files in the folder, by month (see files_by_month); of `month`
        ("2026-11") only, if given."""
        try:
            names = os.listdir(self.directory)
        except FileNotFoundError:
            if (unreachable := self.unreachable()) is not None:
                raise unreachable from None
            return {}
        except NotADirectoryError:
            raise self.not_a_folder() from None
        except OSError as err:
            raise StoreError(f"cannot read the data folder {self.directory}: "
                             f"{reason(err)}") from err
        if month is not None:
            stem = f"{MONTH_PREFIX}{month}."
            names = [name for name in names if name.startswith(stem)]
        return files_by_month(names)

    def stamp(self, path: Path, listed: Listing | None = None) -> Stamp:
        """The month's stamp now (see combined_stamp), of its files in `listed` if given;
        FileNotFoundError if it has no file, OSError if one cannot be looked at."""
        for _ in range(3):  # a file renamed between the listing and the look: list again
            files = self.files(path, listed)
            listed = None
            if not files:
                raise FileNotFoundError(errno.ENOENT, "no file of this month", str(path))
            try:
                return combined_stamp([stamp_of(os.stat(file)) for file in files])
            except FileNotFoundError:
                continue
        raise FileNotFoundError(errno.ENOENT, "the month's files keep changing", str(path))

    def legacy_months(self) -> list[str]:
        """The months ("2026-11") held in a file without a device, among others or not."""
        return [month for month, names in self._listed().items()
                if names[0] == month_name(month)]

    def take_over_legacy(self, path: Path | None = None) -> list[Path]:
        """Under the caller's exclusive lock: make each month file without a device (or the
        one of `path`'s month) this device's own by a rename, nothing rewritten, when this
        device has no file of that month yet; otherwise it stays, and is read beside this
        device's. The files renamed, as they are named now. A month's saved digest of
        exactly the bytes renamed is stamped anew (see _restamp), not made again."""
        if not self.device:
            return []
        listed = self._listed(month_of(path) if path is not None else None)
        months = list(listed)
        renamed = []
        for month in months:
            names = listed.get(month, [])
            legacy, own = month_name(month), month_name(month, self.device)
            if legacy in names and own not in names and \
                    stat.S_ISREG(os.lstat(self.directory / legacy).st_mode):
                before = self._stamps_or_none(names)
                os.rename(self.directory / legacy, self.directory / own)
                renamed.append(self.directory / own)
                if before is not None:
                    self._restamp(month, names, before)
        return renamed

    def _stamps_or_none(self, names: list[str]) -> list[Stamp] | None:
        try:
            return [stamp_of(os.stat(self.directory / name)) for name in names]
        except OSError:
            return None

    def _restamp(self, month: str, names: list[str], before: list[Stamp]) -> None:
        """Under the exclusive lock, just after the month's file without a device was
        renamed as this device's: its saved digest, if it was of exactly the files looked
        at before the rename, is saved with the month's stamp now. A rename changes the
        file's ctime, not its bytes; the stamp still proves them the same as long as the
        file keeps its size, mtime and inode, the month's other files are unchanged, and
        the file was last written long enough ago (RACY_NS) that a write since would have
        moved its mtime. Otherwise the digest is made again when next asked for."""
        path = self.directory / month_name(month)
        saved = self._saved_digest(path)
        if saved is None or saved.stamp != combined_stamp(before):
            return
        legacy, own = month_name(month), month_name(month, self.device)
        was = dict(zip(names, before, strict=True))
        now = files_by_month([own if name == legacy else name for name in names])[month]
        stamps = self._stamps_or_none(now)
        if stamps is None:
            return
        # The rename set the file's ctime to the file system's clock now: measured on
        # that clock, not the process's (which may be set apart from it, as under faketime).
        renamed_at = dict(zip(now, stamps, strict=True))[own][2]
        if was[legacy][1] > renamed_at - RACY_NS:
            return
        for name, stamp in zip(now, stamps, strict=True):
            old = was[legacy if name == own else name]
            if (stamp[0], stamp[1], stamp[3]) != (old[0], old[1], old[3]) or \
                    (name != own and stamp != old):
                return
        self._save_digest(path, dataclasses.replace(saved, stamp=combined_stamp(stamps)))

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

    def _stamped_document(self, path: Path, listed: Listing | None = None
                          ) -> tuple[dict[str, Any] | None, Stamp | None]:
        """The month's document, every file of it (in `listed` if given) merged (see
        merged), and the stamp of the very bytes it was read from (None if unknown):
        stamped under the same lock as it is read, as this device's writes take it too,
        so a write landing just after the read is never taken for what was read; a file
        another device's sync replaced meanwhile leaves the stamp unknown."""
        read: list[tuple[Path, bytes, Stamp | None]] = []
        file = path  # the file being read, named if it cannot be
        try:
            files = self.files(path, listed)
            with locked(self.lock_path, exclusive=False):
                for file in files:
                    before = _stamp_or_none(file)
                    try:
                        data = read_own(file)
                    except FileNotFoundError:  # moved away meanwhile (a rename): read again
                        return self._stamped_document(path) if files != self.files(path) \
                            else ({}, None)
                    after = _stamp_or_none(file)
                    read.append((file, data, after if after == before else None))
        except StoreError as err:
            self._problem(path, str(err))
            return None, None
        except (OSError, MemoryError) as err:
            self._problem(file, reason(err, file))
            return None, None
        if not read:
            return {}, None
        self._problem(path, None)
        documents, stamps = [], []
        for file, data, stamp in read:
            try:
                try:
                    document = parse_document(file, data)
                except DamagedFile as damage:
                    document, stamp = self._repair(file, damage, stamp)
            except (MemoryError, NotEnoughMemory) as err:  # the file may be whole: leave it be
                self._problem(file, reason(err))
                return None, None
            documents.append(document)
            stamps.append(stamp)
        whole = None if any(stamp is None for stamp in stamps) else \
            combined_stamp([stamp for stamp in stamps if stamp is not None])
        return merged(documents), whole

    def _repair(self, path: Path, damage: DamagedFile,
                stamp: Stamp | None) -> tuple[dict[str, Any], Stamp | None]:
        """Keep a damaged file's copy and rewrite it with the whole records it still holds;
        in a folder that cannot be written, or in another device's file (only that device
        writes it), recover them in memory only and say so. The document, and the stamp of
        the file it is now."""
        if self.is_own(path):
            try:
                with locked(self.lock_path, exclusive=True):
                    document = self._repair_locked(path)
                    return document, _stamp_or_none(path)
            except OSError as err:
                if err.errno not in READ_ONLY:
                    raise StoreError(f"{path.name} is damaged and could not be repaired: "
                                     f"{reason(err)}") from err
            why = "its folder cannot be written"
        else:
            why = "it is written by another device, which is left to repair it"
        recovered = _salvage(damage.data)
        self._notice(
            f"{path.name} is damaged ({damage.reason}) and {why}, so "
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

    def others(self, path: Path) -> list[tuple[str, dict[str, Any]]]:
        """Under the caller's lock: the documents of the month's files other than `path`
        (the one being written), each with the device whose file it is ("" for a file
        without one); a damaged file's whole records, one that cannot be read left out
        (it is named when the month is read)."""
        documents = []
        for file in self.files(path):
            if file.name == path.name:
                continue
            try:
                data = read_own(file)
            except OSError:
                continue
            try:
                document = parse_document(file, data)
            except DamagedFile as damage:
                document = {TABLE: dict(enumerate(_salvage(damage.data)))}
            documents.append((device_of(file.name), document))
        return documents

    def uids_in(self, file: Path) -> set[Any]:
        """The uids of the records one month file holds (none if it cannot be read)."""
        try:
            with locked(self.lock_path, exclusive=False):
                data = read_own(file)
        except OSError:
            return set()
        try:
            records = list(parse_document(file, data).get(TABLE, {}).values())
        except DamagedFile as damage:
            records = _salvage(damage.data)
        return {record.get("uid") for record in records if isinstance(record, dict)}

    def repair_if_damaged(self, path: Path) -> None:
        """Under the caller's exclusive lock: make a damaged month whole before writing to it."""
        self._repair_locked(path)

    # -- digests ----------------------------------------------------------------------------

    def digest(self, path: Path, keep: bool = True,
               listed: Listing | None = None) -> Digest | None:
        """The month's digest: the saved one while the month file is unchanged, else made
        anew (and saved where the folder allows); None if the month cannot be read. Kept
        in memory for the next ask unless `keep` is False (a reader going through every
        month once would otherwise hold all of history). Its files are those in `listed`
        (see listing) if given."""
        try:
            stamp = self.stamp(path, listed)
        except FileNotFoundError:
            return Digest()
        except StoreError as err:
            self._problem(path, str(err))
            return None
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
        document, read = self._stamped_document(path, listed)
        if document is None:
            return None
        # What was read, as it was read (a repair may have rewritten it since the stat).
        digest = summarise(document.get(TABLE, {}).values(), read or stamp, month_of(path))
        if read is not None:  # else a digest of unknown bytes: made again next time
            if keep:
                self._hold_digest(path, digest)
            self._save_digest(path, digest)
        return digest

    def well_formed(self, path: Path, raw: bool = False,
                    listed: Listing | None = None) -> tuple[list[dict[str, Any]], int]:
        """The month's well-formed records as every reader sees them (folded: see
        store.revisions), or with `raw` as the file holds them, revisions and the records
        they supersede included; and how many entries were left out.

        A month whose digest (of exactly the bytes read) counted no malformed entry
        is not checked record by record again; otherwise the records are checked once
        and the digest is made from the same pass. The last month read is kept while
        its file is unchanged: the home screen asks for the current month once per
        routine, and parsing it once is enough. The month's files are those in `listed`
        (see listing), or in one listing made here for the whole read."""
        if listed is None:
            listed = self._listing_or_none(month_of(path))
        try:
            before: Stamp | None = self.stamp(path, listed)
        except (OSError, StoreError):
            before = None
        with self._lock:
            kept = self._last_month
        if kept is not None and before is not None and kept[:2] == (path.name, before):
            return list(kept[3] if raw else kept[2]), kept[4]
        good, left_out = self._read_well_formed(path, before, listed)
        folded = fold(good)
        try:
            if self.stamp(path, listed) == before:
                with self._lock:
                    self._last_month = (path.name, before, folded, good, left_out)
        except (OSError, StoreError):
            pass
        return list(good if raw else folded), left_out

    def _read_well_formed(self, path: Path, before: Stamp | None,
                          listed: Listing | None) -> tuple[list[dict[str, Any]], int]:
        document, after = self._stamped_document(path, listed)
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

    def digests(self, paths: list[Path],
                listed: Listing | None = None) -> Iterator[tuple[Path, Digest]]:
        """Each month's digest (see digest), the folder listed once for them all (or
        `listed`, the listing `paths` were found in)."""
        if listed is None:
            listed = self._listing_or_none()
        for path in paths:
            digest = self.digest(path, listed=listed)
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

    def holding(self, path: Path, records: list[dict[str, Any]]) -> Path:
        """The file of the month that holds the first of these records (by uid), to name
        it to the person: a month may be several devices' files, and the one without a
        device may have been renamed as this device's. The month's own name otherwise."""
        wanted = {record.get("uid") for record in records}
        for file in self.files(path):
            try:
                entries = parse_document(file, read_own(file)).get(TABLE, {}).values()
            except (OSError, DamagedFile, NotEnoughMemory):
                continue
            if any(isinstance(entry, dict) and entry.get("uid") in wanted
                   for entry in entries):
                return file
        return path

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
            home = self.month_path(date.fromisoformat(record["day"]))
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
        listed = self._listing_or_none()
        stamps = month_stamps(paths, listed)
        for path in paths:
            if path.name not in stamps:
                continue
            stamp = stamps[path.name]
            if stamp is None:
                try:
                    stamp = self.stamp(path)
                except FileNotFoundError:
                    continue
                except OSError as err:
                    self._problem(path, reason(err))
                    continue
            held = index.get(path.name)
            if held is None or held.stamp != stamp:
                digest = self.digest(path, keep=False, listed=listed)
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


class MonthTable:
    """A month as a change sees it (see Store._change): this device's TinyDB table, which
    every record added or removed goes to, and the records of the month's other files
    (another device's, one without a device), read when first asked and never written."""

    def __init__(self, table: Any,
                 others: Callable[[], list[tuple[str, dict[str, Any]]]]) -> None:
        self.table = table
        self._others = others
        self._documents: list[tuple[str, dict[str, Any]]] | None = None
        self._elsewhere: list[dict[str, Any]] | None = None

    def _other_documents(self) -> list[tuple[str, dict[str, Any]]]:
        if self._documents is None:
            self._documents = self._others()
        return self._documents

    def elsewhere(self) -> list[dict[str, Any]]:
        """The records of the month's other files, each once by uid."""
        if self._elsewhere is None:
            documents = [document for _, document in self._other_documents()]
            self._elsewhere = [] if not documents else \
                [r for r in merged(documents).get(TABLE, {}).values() if isinstance(r, dict)]
        return self._elsewhere

    def holder(self, uid: str) -> str:
        """The device whose file holds the record with this uid, when this device's does
        not (the first such file's); "" if this device's file holds it, or no device's."""
        if any(entry.get("uid") == uid for entry in self.table.all()):
            return ""
        for device, document in self._other_documents():
            if device and any(isinstance(r, dict) and r.get("uid") == uid
                              and r.get("kind") != REVISION
                              for r in document.get(TABLE, {}).values()):
                return device
        return ""

    def own(self) -> list[Any]:
        """The records of this device's file (TinyDB documents, with their doc_id)."""
        return self.table.all()

    def all(self) -> list[Any]:
        """Every record of the month: this device's first."""
        return [*self.table.all(), *self.elsewhere()]

    def insert(self, record: dict[str, Any]) -> Any:
        return self.table.insert(record)

    def insert_multiple(self, records: list[dict[str, Any]]) -> Any:
        return self.table.insert_multiple(records)

    def remove(self, doc_ids: list[int]) -> Any:
        return self.table.remove(doc_ids=doc_ids)


def merged(documents: list[dict[str, Any]]) -> dict[str, Any]:
    """The documents of a month's files as one: each record once by uid (a sync tool may
    have brought the same record in two files), in the order of the files; one file's
    document as it is."""
    if len(documents) == 1:
        return documents[0]
    seen: set[str] = set()
    table: dict[str, Any] = {}
    for document in documents:
        for record in document.get(TABLE, {}).values():
            uid = record.get("uid") if isinstance(record, dict) else None
            if isinstance(uid, str):
                if uid in seen:
                    continue
                seen.add(uid)
            table[str(len(table) + 1)] = record
    return {TABLE: table}


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
