"""The last good version of each of the person's routine files, kept privately in the data
directory, so that while a file has a mistake the app, every command and the reminders all
use one and the same version of it: the one it had when it last read without a mistake.

A copy is named after its file (the person's routines live in one folder). It is written
when the file reads without a mistake and differs from its copy, atomically and privately
(0600 in a 0700 folder), and read only when it is an ordinary file, never through a link.
A copy whose file is gone is removed, so that a file made again later starts afresh.
The folder is coach's own: when it is anything but a real folder of this user's (a link
to elsewhere, a file), no copy is kept, read or removed there, and only ordinary files
in it are ever removed. Nothing here ever stops coach: a data folder that cannot be written only means that no
copy is kept.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Collection
from pathlib import Path

from coach.foundation.files import UnusableFile, atomic_write, list_folder, read_kept_copy
from coach.foundation.paths import routines_last_good_dir
from coach.routine.yaml_source import MAX_FILE_BYTES, ROUTINE_FILE


def _own_folder(missing_is_fine: bool) -> Path | None:
    """The copies' folder if it is coach's own: a real folder (not a link) of this user's;
    with `missing_is_fine`, also when it is not there yet (writing a copy makes it)."""
    folder = routines_last_good_dir()
    try:
        held = os.lstat(folder)
    except FileNotFoundError:
        return folder if missing_is_fine else None
    except OSError:
        return None
    if not stat.S_ISDIR(held.st_mode) or held.st_uid != os.getuid():
        return None
    return folder


def kept_copy(name: str) -> bytes | None:
    """The last good bytes of the routine file called `name`, if a copy is kept."""
    folder = _own_folder(missing_is_fine=False)
    if folder is None:
        return None
    return read_kept_copy(folder / name, MAX_FILE_BYTES, what=ROUTINE_FILE)


def keep(name: str, data: bytes) -> None:
    """Keep `data` as the last good version of the routine file called `name`."""
    folder = _own_folder(missing_is_fine=True)
    if folder is None or kept_copy(name) == data:
        return
    try:
        atomic_write(folder / name, data, mode=0o600)
    except OSError:
        pass  # the routine still loads; only no copy is kept of it


def kept_names() -> list[str]:
    """The names of the routine files a copy is kept of."""
    folder = _own_folder(missing_is_fine=False)
    if folder is None:
        return []
    try:
        return sorted(name for name in list_folder(folder) if not name.startswith("."))
    except UnusableFile:
        return []


def forget_all_but(names: Collection[str]) -> None:
    """Remove the copies of files that are gone (every name not in `names`): ordinary files
    only, in coach's own folder."""
    folder = _own_folder(missing_is_fine=False)
    if folder is None:
        return
    for name in kept_names():
        if name in names:
            continue
        try:
            if stat.S_ISREG(os.lstat(folder / name).st_mode):
                os.unlink(folder / name)
        except OSError:
            pass
