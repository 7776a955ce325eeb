"""The last good version of each of the person's routine files, kept privately in the data
directory, so that while a file has a mistake the app, every command and the reminders all
use one and the same version of it: the one it had when it last read without a mistake.

A copy is named after its file (the person's routines live in one folder). It is written
when the file reads without a mistake and differs from its copy, atomically and privately
(0600 in a 0700 folder), and read only when it is an ordinary file, never through a link.
A copy whose file is gone is removed, so that a file made again later starts afresh.
Nothing here ever stops coach: a data folder that cannot be written only means that no
copy is kept.
"""

from __future__ import annotations

import os
from collections.abc import Collection

from coach.foundation.files import UnusableFile, atomic_write, list_folder, read_kept_copy
from coach.foundation.paths import routines_last_good_dir
from coach.routine.yaml_source import MAX_FILE_BYTES, ROUTINE_FILE


def kept_copy(name: str) -> bytes | None:
    """The last good bytes of the routine file called `name`, if a copy is kept."""
    return read_kept_copy(routines_last_good_dir() / name, MAX_FILE_BYTES, what=ROUTINE_FILE)


def keep(name: str, data: bytes) -> None:
    """Keep `data` as the last good version of the routine file called `name`."""
    if kept_copy(name) == data:
        return
    try:
        atomic_write(routines_last_good_dir() / name, data, mode=0o600)
    except OSError:
        pass  # the routine still loads; only no copy is kept of it


def kept_names() -> list[str]:
    """The names of the routine files a copy is kept of."""
    try:
        return sorted(name for name in list_folder(routines_last_good_dir())
                      if not name.startswith("."))
    except UnusableFile:
        return []


def forget_all_but(names: Collection[str]) -> None:
    """Remove the copies of files that are gone (every name not in `names`)."""
    folder = routines_last_good_dir()
    for name in kept_names():
        if name not in names:
            try:
                os.unlink(folder / name)
            except OSError:
                pass
