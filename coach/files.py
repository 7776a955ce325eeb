"""Writing files so that a crash leaves either the old content or the new, never half;
reading files from outside only when they are ordinary files of a sensible size."""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO


def atomic_write(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write `data` to `path` through a synced temporary file and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


class UnusableFile(Exception):
    """A path that cannot be read as an ordinary file; `reason` says why in plain words.

    `str(err)` is "PATH: REASON", e.g. "notes.yaml: it is a named pipe (FIFO), not a file".
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"{os.fspath(path)}: {reason}")
        self.path = Path(path)
        self.reason = reason


_NOT_A_FILE = (
    (stat.S_ISDIR, "it is a folder, not a file"),
    (stat.S_ISFIFO, "it is a named pipe (FIFO), not a file"),
    (stat.S_ISSOCK, "it is a socket, not a file"),
    (stat.S_ISCHR, "it is a device, not a file"),
    (stat.S_ISBLK, "it is a disk device, not a file"),
)


def open_regular(path: str | os.PathLike[str], max_bytes: int, *,
                 what: str = "a file") -> BinaryIO:
    """Open an ordinary file of at most `max_bytes` for reading in binary; the caller closes it.

    Anything else raises UnusableFile with a reason a person can act on: a
    folder, a named pipe, a socket or a device is refused without being read
    (a FIFO never blocks: it is opened with O_NONBLOCK, which is then cleared);
    a missing file, a dangling link, a symlink loop or a permission problem is
    said as such; a file bigger than `max_bytes` is refused before it is read
    ("it is 3.1 MB; {what} may be at most 256 KB"). The file may still grow after
    this check: read at most `max_bytes + 1` bytes from it, as read_regular does.
    """
    try:
        # Look before opening: opening some devices has effects (a serial line, a watchdog).
        _refuse_unless_regular(path, os.stat(path).st_mode)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as err:
        raise UnusableFile(path, _reason(path, err)) from err
    try:
        info = os.fstat(fd)
        _refuse_unless_regular(path, info.st_mode)  # it may have been swapped since the look
        if info.st_size > max_bytes:
            raise UnusableFile(path, _too_big(info.st_size, max_bytes, what))
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: str | os.PathLike[str], max_bytes: int, *, what: str = "a file") -> bytes:
    """The bytes of an ordinary file of at most `max_bytes`, never reading more than one past.

    Raises UnusableFile as open_regular does, also when the file grew past
    the limit after it was opened or could not be read to the end.
    """
    with open_regular(path, max_bytes, what=what) as handle:
        try:
            data = handle.read(max_bytes + 1)
        except OSError as err:
            raise UnusableFile(path, _reason(path, err)) from err
    if len(data) > max_bytes:
        raise UnusableFile(path, _too_big(None, max_bytes, what))
    return data


def _refuse_unless_regular(path: str | os.PathLike[str], mode: int) -> None:
    for test, reason in _NOT_A_FILE:
        if test(mode):
            raise UnusableFile(path, reason)
    if not stat.S_ISREG(mode):
        raise UnusableFile(path, "it is not an ordinary file")


def _reason(path: str | os.PathLike[str], err: OSError) -> str:
    if err.errno == errno.ENOENT:
        return ("it is a link to something that does not exist" if os.path.islink(path)
                else "there is no such file")
    if err.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if err.errno == errno.ELOOP:
        return "it is a link that points to itself (a symlink loop)"
    if err.errno == errno.ENOTDIR:
        return "a part of its path is a file, not a folder"
    if err.errno == errno.ENAMETOOLONG:
        return "its name is too long"
    if err.errno == errno.ENXIO:
        return "it is a socket or a device that is not there, not a file"
    return f"it cannot be read ({(err.strerror or str(err)).lower()})"


def describe_size(size: int) -> str:
    """'812 bytes', '256 KB', '12.5 KB', '3.1 MB' (1 KB = 1024 bytes)."""
    if size < 1024:
        return f"{size} byte{'s' if size != 1 else ''}"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f}".removesuffix(".0") + " KB"
    return f"{size / (1024 * 1024):.1f}".removesuffix(".0") + " MB"


def _too_big(size: int | None, max_bytes: int, what: str) -> str:
    limit = describe_size(max_bytes)
    if size is None:
        return f"it is more than {limit}; {what} may be at most {limit}"
    if describe_size(size) == limit:  # just over: rounding would say the same size twice
        return f"it is {size:,} bytes; {what} may be at most {max_bytes:,} bytes"
    return f"it is {describe_size(size)}; {what} may be at most {limit}"
