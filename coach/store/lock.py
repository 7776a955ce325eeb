"""An advisory file lock, so several coach processes never write over each other."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from coach.foundation.files import NotCoachFile, open_own

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]


@contextmanager
def locked(path: Path, *, exclusive: bool) -> Iterator[None]:
    """Hold the lock file exclusively (to write) or shared (to read).

    The lock file is never opened through a symbolic link planted in its place
    (O_NOFOLLOW), so coach cannot be made to create or truncate a file elsewhere.
    A named pipe, socket or device in its place is never waited on: NotCoachFile (an
    OSError) says what it is, to readers and writers alike.
    A reader in a folder it cannot write (a read-only backup) reads without a
    lock: nobody can be writing there through coach either.
    """
    try:
        fd = open_own(path, os.O_RDWR | os.O_CREAT)
    except NotCoachFile:
        raise
    except OSError as err:
        if exclusive:
            if err.errno == errno.ELOOP:
                raise OSError(errno.ELOOP, f"the lock file {path.name} is a symbolic link; "
                              "coach does not write through it (remove it)") from err
            raise
        fd = _open_to_read(path)
        if fd is None:
            yield
            return
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _open_to_read(path: Path) -> int | None:
    """A lock file this process cannot write may still be read-locked; None: read unlocked."""
    try:
        return open_own(path, os.O_RDONLY)
    except NotCoachFile:
        raise
    except OSError:
        return None
