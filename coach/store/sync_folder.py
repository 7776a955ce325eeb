"""A data folder a file-sync tool shares between devices: what is kept per device, conflict
copies merged, and which devices write there.

- `.stignore`: in a Syncthing folder (it holds Syncthing's `.stfolder` marker) coach keeps
  a block of lines in `.stignore` naming what each device keeps for itself (digests, the
  lock, temporary files, drafts being typed, caches), so that Syncthing never syncs them.
  A `.stignore` coach did not write is never changed: the lines it lacks are said instead.
  It is kept whenever a store is opened for a command or the app starts (a stat of
  `.stfolder` when there is none), so that the lines are there soon after the folder is
  shared, before the digests written afterwards would travel.
- Conflict copies of month files (see coach.foundation.sync_copies): their well-formed
  records not held here yet (by uid) are added to this device's month, and the copy is
  moved to `conflicts-merged/`, its name kept, so nothing is lost. A damaged copy gives up
  what can still be read and stays where it is, for the person to look at.
- Conflict copies of routines, settings and the support plan are never read: they are
  named with the file they are a copy of.
- Devices: each device keeps `device-<id>.json` here, its own file, with its name and a
  fingerprint of the machine (hashed): names travel with the data, and a second machine
  using the same id (a copied state folder) shows as a fingerprint that is not this one's.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from coach.foundation.files import UnusableFile, atomic_write, read_own, read_regular
from coach.foundation.paths import (ROUTINES_LAST_GOOD_NAME, SUPPORT_FILE_NAME,
                                    SUPPORT_LAST_GOOD_NAME)
from coach.foundation.sync_copies import conflict_original
from coach.store import typing
from coach.store.jsonfile import DamagedFile, NotEnoughMemory, parse_document
from coach.store.months import (DIGEST_DIR, LOCK_NAME, MONTH_NAME, TABLE, is_month_copy,
                                reason)
from coach.store.records import is_device_id, record_problem
from coach.store.salvage import salvage_records

if TYPE_CHECKING:
    from coach.store.store import Store

STFOLDER = ".stfolder"
STIGNORE = ".stignore"
#: The first line of the lines coach keeps in a .stignore; everything from it to END is
#: coach's, and rewritten when coach's list changes.
BEGIN = "// written by coach: what each device keeps for itself, never synced"
END = "// end of coach's lines"
#: The app's presence lock (coach.remind.presence.PRESENCE_FILE_NAME: the store may not
#: import the reminders; a test checks that the two agree).
PRESENCE_FILE_NAME = "app-open.lock"
#: Where the error log is kept (coach.foundation.crash).
LOGS_DIR = "logs"
MERGED_DIR = "conflicts-merged"
DEVICE_PREFIX = "device-"
_DEVICE_FILE = re.compile(r"device-([a-z2-7]{8})\.json")
#: More than a device file or a .stignore ever holds.
_MAX_SMALL = 64 * 1024
#: How many months back the last record of each device is looked for.
_MONTHS_BACK = 24
#: Where the machine's id is kept (systemd's, then D-Bus's for systems without systemd).
MACHINE_ID_FILES = ("/etc/machine-id", "/var/lib/dbus/machine-id")


# -- .stignore ---------------------------------------------------------------------------------

def ignore_lines() -> list[str]:
    """The Syncthing patterns of what each device keeps for itself, from the data folder's
    top (a leading "/")."""
    return [f"/{DIGEST_DIR}", f"/{LOCK_NAME}", "/.*.tmp",
            f"/{typing.PREFIX}*{typing.SUFFIX}", f"/{typing.PREFIX}*{typing.SUFFIX}{typing.SET_ASIDE}",
            f"/{PRESENCE_FILE_NAME}", f"/{LOGS_DIR}", f"/{SUPPORT_LAST_GOOD_NAME}",
            f"/{ROUTINES_LAST_GOOD_NAME}"]


def _block() -> list[str]:
    return [BEGIN, *ignore_lines(), END]


@dataclass(frozen=True)
class Ignores:
    """What became of the data folder's .stignore."""

    #: "none" (not a Syncthing folder), "kept" (coach's lines are there, written now or
    #: before), "foreign" (a .stignore of the person's: see `missing`), "failed" (`problem`).
    state: str
    #: The lines a .stignore coach did not write lacks.
    missing: tuple[str, ...] = ()
    problem: str = ""
    written: bool = False

    def words(self, directory: Path) -> str | None:
        """What `coach doctor` says of it (None when it is not a Syncthing folder)."""
        where = directory / STIGNORE
        if self.state == "kept":
            return f"✓ {where} keeps digests, locks and drafts on this device"
        if self.state == "foreign":
            if not self.missing:
                return f"✓ {where} (yours) keeps digests, locks and drafts on this device"
            lines = "\n      ".join(self.missing)
            return (f"✗ {where} is not coach's, so coach changed nothing in it. For each "
                    f"device to keep its own digests, locks and drafts, add these lines:"
                    f"\n      {lines}")
        if self.state == "failed":
            return f"✗ {where} could not be kept ({self.problem})"
        return None


def keep_ignores(directory: Path) -> Ignores:
    """Write or bring up to date coach's lines in the .stignore of a Syncthing folder; in a
    .stignore coach did not write, change nothing and say which lines it lacks."""
    if not os.path.lexists(directory / STFOLDER):
        return Ignores("none")
    path = directory / STIGNORE
    try:
        text = read_regular(path, _MAX_SMALL, what="a .stignore").decode("utf-8", "replace")
    except UnusableFile as err:
        if not err.missing:
            return Ignores("failed", problem=err.reason)
        text = None
    lines = [] if text is None else text.splitlines()
    if text is not None and BEGIN not in lines:
        held = {line.strip() for line in lines}
        return Ignores("foreign", tuple(line for line in ignore_lines() if line not in held))
    if text is None:
        wanted = _block()
    else:
        start = lines.index(BEGIN)
        end = lines.index(END, start) + 1 if END in lines[start:] else len(lines)
        wanted = [*lines[:start], *_block(), *lines[end:]]
    if wanted == lines:
        return Ignores("kept")
    try:
        atomic_write(path, ("\n".join(wanted) + "\n").encode(), mode=0o600)
    except OSError as err:
        return Ignores("failed", problem=reason(err))
    return Ignores("kept", written=True)


# -- conflict copies of month files --------------------------------------------------------

@dataclass(frozen=True)
class Merged:
    """One conflict copy of a month file, read."""

    name: str
    #: Records taken in (not held here before).
    added: int
    #: Well-formed records it held.
    found: int
    #: Where it was moved ("conflicts-merged/NAME"), or None: left where it is.
    moved_to: str | None = None
    #: Why it is damaged (what could be read was taken), or could not be read at all.
    damage: str | None = None
    unreadable: str | None = None

    def words(self) -> str:
        s = "" if self.added == 1 else "s"
        if self.unreadable is not None:
            return (f"{self.name} is a copy a sync tool made of a month file, and could not "
                    f"be read ({self.unreadable}); coach left it where it is.")
        if self.damage is not None:
            took = "could read no whole record in it" if not self.found else \
                f"took the {self.found} whole record{'' if self.found == 1 else 's'} it " \
                f"still holds ({self.added} new here)"
            return (f"{self.name} is a copy a sync tool made of a month file, and it is "
                    f"damaged ({self.damage}). coach {took} and left the copy where it is: "
                    "look at what else it holds, and delete it when you are done.")
        if self.moved_to is None:
            moved = "; it could not be moved aside, so it is left where it is"
        elif self.moved_to == f"{MERGED_DIR}/{self.name}":
            moved = f"; the copy is now in {MERGED_DIR}/"  # its name said once is enough
        else:
            moved = f"; the copy is now {self.moved_to}"
        if not self.added:
            return f"Nothing new in the conflict copy {self.name}: every record was here " \
                f"already{moved}"
        return f"Merged {self.added} record{s} from the conflict copy {self.name}{moved}"


def month_copies(directory: Path) -> list[str]:
    """The names of the conflict copies of month files in the data folder, sorted."""
    try:
        names = os.listdir(directory)
    except OSError:
        return []
    return sorted(name for name in names if is_month_copy(name))


def merge_copies(store: Store) -> list[Merged]:
    """Take in the records of every conflict copy of a month file (see Merged); the
    copies read, each said once. Reads: never on the app's UI thread."""
    return [merge_copy(store, store.directory / name) for name in month_copies(store.directory)]


def merge_copy(store: Store, path: Path) -> Merged:
    try:
        data = read_own(path)
    except (OSError, MemoryError) as err:
        return Merged(path.name, 0, 0, unreadable=reason(err, path))
    damage = None
    try:
        entries: list[Any] = list(parse_document(path, data).get(TABLE, {}).values())
    except DamagedFile as damaged:
        damage = damaged.reason
        entries = salvage_records(data.decode("utf-8", errors="replace"), TABLE)
    except NotEnoughMemory as err:
        return Merged(path.name, 0, 0, unreadable=reason(err))
    good = [entry for entry in entries
            if isinstance(entry, dict) and record_problem(entry) is None]
    added, _ = store.import_records(_not_held(store, good))
    if damage is not None:
        return Merged(path.name, added, len(good), damage=damage)
    return Merged(path.name, added, len(good), moved_to=_move_aside(path))


def _not_held(store: Store, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records whose uid no file of their month holds (any device's)."""
    held: set[Any] = set()
    for month in sorted({record["day"][:7] for record in records}):
        first = date.fromisoformat(f"{month}-01")
        last = date(first.year + first.month // 12, first.month % 12 + 1, 1) - timedelta(1)
        held |= {entry.get("uid") for entry in store.records(since=first, until=last,
                                                             ordered=False)}
    return [record for record in records if record["uid"] not in held]


def _move_aside(path: Path) -> str | None:
    """Move the copy into conflicts-merged/, never over a file there (a number is added
    to the name); where it went, or None if it could not be moved."""
    folder = path.parent / MERGED_DIR
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    stem, dot, ext = path.name.rpartition(".")
    n = 1
    while True:
        name = path.name if n == 1 else f"{stem}-{n}{dot}{ext}" if dot else f"{path.name}-{n}"
        try:
            os.link(path, folder / name, follow_symlinks=False)
        except FileExistsError:
            n += 1
            continue
        except FileNotFoundError:
            return None  # moved by another coach meanwhile
        except OSError as err:
            if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EMLINK, errno.EXDEV):
                return None
            if os.path.lexists(folder / name):  # no hard links here (a FAT stick)
                n += 1
                continue
            try:
                os.rename(path, folder / name)
            except OSError:
                return None
            return f"{MERGED_DIR}/{name}"
        path.unlink(missing_ok=True)
        return f"{MERGED_DIR}/{name}"


# -- conflict copies of what the person edits -------------------------------------------------

def config_copies(config: Path) -> list[tuple[str, str]]:
    """(copy, the file it is a copy of), as paths under the config folder, for every
    conflict copy of settings, the support plan or a routine: coach reads none of them."""
    found = []
    for folder, wanted in ((config, ("settings.yaml", SUPPORT_FILE_NAME)),
                           (config / "routines", None)):
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        prefix = "" if folder == config else "routines/"
        for name in sorted(names):
            original = conflict_original(name)
            while original is not None and conflict_original(original) is not None:
                original = conflict_original(original)
            if original is None:
                continue
            if wanted is None and original.endswith((".yaml", ".yml")) or \
                    wanted is not None and original in wanted:
                found.append((prefix + name, prefix + original))
    return found


def config_copy_words(copy: str, original: str, config: Path) -> str:
    return (f"{copy} in {config} is a copy a sync tool made of {original}, when it was "
            f"changed on two devices. coach reads only {original}: compare the two, keep "
            "what you want in it, and delete the copy.")


# -- devices -----------------------------------------------------------------------------------

def machine_fingerprint() -> str:
    """Who this machine is, hashed (its machine-id and host name): never the id itself."""
    import socket

    machine = ""
    for where in MACHINE_ID_FILES:
        try:
            machine = Path(where).read_text(encoding="ascii", errors="replace").strip()
        except OSError:
            continue
        if machine:
            break
    digest = hashlib.sha256(f"coach-device\0{machine}\0{socket.gethostname()}".encode())
    return digest.hexdigest()[:16]


def device_file_path(directory: Path, device_id: str) -> Path:
    return directory / f"{DEVICE_PREFIX}{device_id}.json"


def read_device_file(path: Path) -> dict[str, Any] | None:
    """{"id", "name", "machine"} of a device file, or None if it is missing or not one."""
    try:
        document = orjson.loads(read_regular(path, _MAX_SMALL, what="a device file"))
    except (UnusableFile, orjson.JSONDecodeError):
        return None
    if not isinstance(document, dict) or not is_device_id(document.get("id")):
        return None
    return document


def keep_device_file(directory: Path, device_id: str, name: str,
                     fingerprint: str | None = None) -> str | None:
    """Write this device's file in the data folder (its name, this machine's fingerprint)
    if it is missing or says something else; never over one another machine wrote under
    the same id: what to tell the person then, else None."""
    fingerprint = fingerprint or machine_fingerprint()
    path = device_file_path(directory, device_id)
    held = read_device_file(path)
    if held is not None and held.get("machine") not in (None, fingerprint):
        return (f"Another machine uses this device's id {device_id} too: {path.name} in the "
                f"data folder was written by a machine that is not this one (named "
                f"{held.get('name')!s}). Its state folder was probably copied from this one. "
                "Records of both would be taken for one device's: on one of them, move "
                "coach's device.json (see coach doctor) away so that it gets an id of its own.")
    wanted = {"v": 1, "id": device_id, "name": name, "machine": fingerprint}
    if held == wanted or not directory.is_dir():
        return None
    try:
        atomic_write(path, orjson.dumps(wanted, option=orjson.OPT_INDENT_2) + b"\n", mode=0o600)
    except OSError:
        pass  # a read-only folder: the name is shown from here next time it can be written
    return None


@dataclass
class Seen:
    """A device whose records or files are in the data folder."""

    id: str
    name: str | None = None
    #: The newest record's day and UTC time, and when its files last changed (Unix time).
    last_day: str | None = None
    last_utc: str | None = None
    changed: float | None = None
    #: The months of its own month files ("2026-11"), in no order.
    months: list[str] = field(default_factory=list)


def devices(directory: Path) -> list[Seen]:
    """Every device seen in the data folder: by its device file, its own month files and
    the records carrying its id (the newest months first, two years at most, until every
    device has a record); this device's order is the caller's."""
    try:
        names = sorted(os.listdir(directory))
    except OSError:
        return []
    seen: dict[str, Seen] = {}

    def changed(device: str, path: Path) -> None:
        found = seen.setdefault(device, Seen(device))
        try:
            mtime = os.stat(path).st_mtime
        except OSError:
            return
        found.changed = max(found.changed or mtime, mtime)

    months: dict[str, list[Path]] = {}
    for name in names:
        if (match := _DEVICE_FILE.fullmatch(name)) is not None:
            changed(match.group(1), directory / name)
            document = read_device_file(directory / name)
            if document is not None and isinstance(document.get("name"), str):
                seen[match.group(1)].name = document["name"]
        elif (match := MONTH_NAME.fullmatch(name)) is not None:
            year, month, device = match.groups()
            months.setdefault(f"{year}-{month}", []).append(directory / name)
            if device:
                changed(device, directory / name)
                seen[device].months.append(f"{year}-{month}")
    for month in sorted(months, reverse=True)[:_MONTHS_BACK]:
        for path in months[month]:
            for record in _records(path):
                device = record.get("device")
                if not is_device_id(device):
                    continue
                found = seen.setdefault(device, Seen(device))
                if found.last_utc is None or record["utc"] > found.last_utc:
                    found.last_utc, found.last_day = record["utc"], record["day"]
                if found.changed is None:
                    changed(device, path)
        if all(found.last_utc is not None for found in seen.values()):
            break
    return sorted(seen.values(), key=lambda found: found.id)


def _records(path: Path) -> list[dict[str, Any]]:
    try:
        document = parse_document(path, read_own(path))
    except (OSError, MemoryError, DamagedFile, NotEnoughMemory):
        return []  # the store's own reading says what is wrong with a month
    return [entry for entry in document.get(TABLE, {}).values()
            if isinstance(entry, dict) and record_problem(entry) is None]
