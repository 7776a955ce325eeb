"""Whether the coach app is open: it holds a shared lock on a file in the data folder for
as long as it runs, and the reminder loop leaves reminders to it meanwhile (the app can
show them on screen as well as send them every other way). A lock, unlike a pid file,
is released by the system when the app ends however it ends.

Anything but an ordinary file at the lock's place (a named pipe, a socket) is never waited
on: the app then goes without the lock, and app_is_open says what is there instead."""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PRESENCE_FILE_NAME = "app-open.lock"


@contextmanager
def app_presence(directory: Path) -> Iterator[bool]:
    """Hold the presence lock while the block runs; yields False if it could not be taken
    (an unwritable data folder): the app then works as before, and the loop sends too."""
    from coach.foundation.files import make_private_dirs, open_own

    fd = None
    try:
        make_private_dirs(directory)
        fd = open_own(directory / PRESENCE_FILE_NAME, os.O_RDWR | os.O_CREAT)
        # Blocking: a loop's probe holds the lock exclusively only for an instant, and
        # giving up then would leave the app unseen (and the loop sending) all session.
        fcntl.flock(fd, fcntl.LOCK_SH)
    except OSError:
        if fd is not None:
            os.close(fd)
        yield False
        return
    try:
        yield True
    finally:
        os.close(fd)


def app_is_open(directory: Path) -> bool:
    """Whether some coach app holds the presence lock now. Raises NotCoachFile (an OSError
    saying what is there and what to do) for a named pipe, socket or device in its place."""
    from coach.foundation.files import NotCoachFile, open_own

    try:
        fd = open_own(directory / PRESENCE_FILE_NAME, os.O_RDONLY)
    except NotCoachFile:
        raise
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    except OSError:
        return False
    finally:
        os.close(fd)
    return False
