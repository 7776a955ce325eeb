"""Writing files so that a crash leaves either the old content or the new, never half;
writing a path a person chose (a file, a link, a pipe, a device) without replacing what is
not a file; reading files from outside only when they are ordinary files of a sensible size;
opening coach's own files (locks, logs, records) without ever waiting on what was put in
their place."""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import IO, BinaryIO


def broken_link(path: Path) -> tuple[Path, Path] | None:
    """(link, where it points) when `path`, or a folder above it, is a symbolic link to
    something that does not exist (a drive not mounted); None otherwise. Creating
    folders through such a link would make them on the disk under the mount point."""
    for candidate in (path, *path.parents):
        if not os.path.lexists(candidate):
            continue
        if candidate.is_symlink() and not candidate.exists():
            return candidate, candidate.parent / os.readlink(candidate)
        return None
    return None


def make_private_dirs(directory: Path) -> None:
    """Create `directory` and any missing parents, each 0700 whatever the umask
    (`Path.mkdir(parents=True, mode=...)` gives the mode to the last folder only)."""
    missing = []
    for folder in (directory, *directory.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=0o700)
        except FileExistsError:
            if not folder.is_dir():
                raise
            continue
        os.chmod(folder, 0o700)


@contextmanager
def atomic_writer(path: Path, mode: int = 0o600) -> Iterator[BinaryIO]:
    """A file to write `path` through: a temporary file beside it, synced and renamed over
    `path` when the block ends, removed if it fails. Never follows a link planted at `path`:
    the rename replaces the link itself."""
    make_private_dirs(path.parent)
    _refuse_to_replace(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


#: What link() says on a file system that has no hard links (some network and FUSE mounts).
_NO_LINKS = (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK)


def atomic_create(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Make a new file at `path` holding `data`, whole or not at all, never replacing
    anything there (a file, a link, anything): FileExistsError if something is. Two
    processes making it at once: one makes it, the other is told it exists.

    The data goes to a temporary file beside it, synced, then hard-linked to `path`
    (which fails if the name is taken); on a file system without hard links the file is
    made with O_EXCL and written in place (a crash may leave it short)."""
    make_private_dirs(path.parent)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        try:
            os.link(tmp_name, path, follow_symlinks=False)
        except OSError as err:
            if err.errno not in _NO_LINKS:
                raise
            _create_in_place(path, data, mode)
    finally:
        Path(tmp_name).unlink(missing_ok=True)
    _fsync_dir(path.parent)


def _create_in_place(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC,
                 mode)
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), mode)  # os.open's mode passes through the umask
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def atomic_write(path: Path, data: bytes, mode: int = 0o600, *,
                 follow_link: bool = False) -> None:
    """Write `data` to `path` so that a crash leaves the old content or the new.

    With `follow_link`, for a file the person keeps (a routine, settings.yaml, a unit file),
    a symbolic link at `path` is followed, as their dotfiles may be kept elsewhere: the
    file it names is replaced and the link stays. A link into a folder that is not there
    (a drive not mounted) is refused rather than followed into folders made for it."""
    if follow_link and os.path.islink(path):
        target = Path(os.path.realpath(path))
        if not target.parent.is_dir():
            raise FileNotFoundError(errno.ENOENT, f"it links to {target}, whose folder does "
                                    "not exist", str(path))
        path = target
    with atomic_writer(path, mode) as handle:
        handle.write(data)


class CannotWrite(Exception):
    """A path a person chose that coach could not write; `reason` says why in plain words.

    `str(err)` is "could not write PATH: REASON", e.g. "could not write /dev/full: no space
    left on device".
    """

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(f"could not write {os.fspath(path)}: {reason}")
        self.path = Path(path)
        self.reason = reason


def write_error_words(err: OSError) -> str:
    """Why a write failed, in plain words: "no space left on device", "permission denied"."""
    if err.errno == errno.ELOOP:
        return "it is a link that points to itself (a symlink loop)"
    if err.errno == errno.ENOTDIR:
        return "a part of its path is a file, not a folder"
    if err.errno == errno.EISDIR:
        return "it is a folder, not a file"
    return (err.strerror or str(err)).lower()


class Output:
    """Where `output_writer` writes: `write` raises CannotWrite when the bytes cannot go
    out. `is_file` is true when a file was written whole (with the mode asked for), false
    for a pipe, a terminal, a device or an inherited stream."""

    def __init__(self, path: Path, handle: BinaryIO, *, is_file: bool) -> None:
        self.path = path
        self.is_file = is_file
        self._handle = handle

    def write(self, data: bytes) -> None:
        try:
            self._handle.write(data)
        except OSError as err:
            raise CannotWrite(self.path, write_error_words(err)) from err


#: Paths that name a stream this process already has open: written to as they are, never
#: opened again (which would start a file redirected with `>>` over from its beginning).
_STANDARD_STREAMS = {"-": 1, "/dev/stdout": 1, "/dev/stderr": 2}
_INHERITED_FD = re.compile(r"/(?:dev|proc/self)/fd/([0-9]+)")


def inherited_fd(path: str | os.PathLike[str]) -> int | None:
    """The open file descriptor `path` names ("-" and /dev/stdout: 1, /dev/fd/3: 3), or None."""
    text = os.fspath(path)
    if text in _STANDARD_STREAMS:
        return _STANDARD_STREAMS[text]
    match = _INHERITED_FD.fullmatch(text)
    return int(match.group(1)) if match else None


@contextmanager
def output_writer(path: Path, mode: int = 0o600) -> Iterator[Output]:
    """Write a path a person chose, whatever is there, never replacing what is not a file.

    - nothing, or an ordinary file: a temporary file beside it, renamed over it when the
      block ends (atomic_writer), with `mode`; the folder must exist;
    - a symbolic link: the same for the file it points to (created if missing), so the
      link stays a link;
    - a named pipe (FIFO) or a character device (a terminal, /dev/null): opened and
      written as a stream, never created, truncated or renamed over;
    - "-", /dev/stdout, /dev/stderr, /dev/fd/N: the stream this process already has;
    - a folder, a socket, a disk device: refused.

    Anything that goes wrong, refused or failed (no space left, a closed pipe), raises
    CannotWrite; a failed write leaves no temporary file, and the old file as it was.
    Other errors of the block pass through unchanged.
    """
    fd = inherited_fd(path)
    in_block = False
    try:
        if fd is not None:
            opened: AbstractContextManager[Output] = _stream(path, _flushed_dup(fd))
        else:
            opened = _open_chosen(path, mode)
        with opened as output:
            in_block = True
            yield output
            in_block = False
    except OSError as err:
        if in_block:
            raise
        raise CannotWrite(path, write_error_words(err)) from err


def _open_chosen(path: Path, mode: int) -> AbstractContextManager[Output]:
    try:
        kind = os.stat(path).st_mode
    except FileNotFoundError:
        kind = None  # nothing there, or a link to nothing: made as a file
    if kind is None or stat.S_ISREG(kind):
        # A link is followed to the file it names, which is replaced; the link stays.
        target = Path(os.path.realpath(path)) if os.path.islink(path) else path
        if not target.parent.is_dir():
            raise CannotWrite(path, f"the folder {target.parent} does not exist")
        return _replacing(path, target, mode)
    if stat.S_ISFIFO(kind) or stat.S_ISCHR(kind):
        fd = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)  # no O_CREAT, no O_TRUNC
        try:
            opened = os.fstat(fd).st_mode
            if not (stat.S_ISFIFO(opened) or stat.S_ISCHR(opened)):  # swapped since the look
                raise CannotWrite(path, "it changed while coach opened it; try again")
        except BaseException:
            os.close(fd)
            raise
        return _stream(path, fd)
    raise CannotWrite(path, f"it is {_kind(kind)}, not a file")


@contextmanager
def _replacing(path: Path, target: Path, mode: int) -> Iterator[Output]:
    with atomic_writer(target, mode) as handle:
        yield Output(path, handle, is_file=True)


@contextmanager
def _stream(path: Path, fd: int) -> Iterator[Output]:
    handle = os.fdopen(fd, "wb")
    try:
        yield Output(path, handle, is_file=False)
        handle.close()  # sends what is left: raises what the device says
    except BaseException:
        try:
            handle.close()  # closes the descriptor even when what is left cannot go out
        except OSError:
            pass  # the error that stopped the block is the one to tell
        raise


def _flushed_dup(fd: int) -> int:
    """A copy of `fd`, after what Python holds for it (print's buffer) has gone out first."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and _fileno(stream) == fd:
            stream.flush()
    return os.dup(fd)


def _fileno(stream: IO[str]) -> int | None:
    try:
        return stream.fileno()
    except (OSError, ValueError):  # io.UnsupportedOperation is both
        return None


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
    `missing` is true when nothing at all is at the path (not even a dangling link).
    """

    def __init__(self, path: str | os.PathLike[str], reason: str, *,
                 missing: bool = False) -> None:
        super().__init__(f"{os.fspath(path)}: {reason}")
        self.path = Path(path)
        self.reason = reason
        self.missing = missing


_KINDS = (
    (stat.S_ISREG, "a file"),
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a disk device"),
)


def _kind(mode: int) -> str:
    return next((kind for test, kind in _KINDS if test(mode)), "not an ordinary file")


class NotCoachFile(UnusableFile, OSError):
    """Something other than an ordinary file where coach keeps one of its own files: a named
    pipe, a socket, a device or a folder. `str(err)` names the file, what it is and what to do:
    ".../app-open.lock is a named pipe (FIFO), not a file coach made: move it away".

    An OSError too, so every place that already copes with a file it cannot open copes
    with this one the same way."""

    def __init__(self, path: str | os.PathLike[str], mode: int) -> None:
        self.kind = _kind(mode)
        super().__init__(path, f"it is {self.kind}, not a file coach made: move it away")

    def __str__(self) -> str:
        return f"{os.fspath(self.path)} is {self.kind}, not a file coach made: move it away"


def open_own(path: str | os.PathLike[str], flags: int, mode: int = 0o600, *,
             follow_links: bool = False) -> int:
    """A descriptor on one of coach's own files (a lock, a log, a month of records), opened
    with `flags` (os.O_RDWR | os.O_CREAT, say) and never blocking on what sits in its place.

    A named pipe, socket, device or folder at `path` raises NotCoachFile without waiting:
    the file is looked at first (opening some devices has effects), opened with O_NONBLOCK
    (a pipe with no writer would wait forever), then checked again once open (it may have
    been swapped between the two). O_NONBLOCK is cleared before the descriptor is handed
    back. Links are not followed unless `follow_links` (ELOOP, as os.open says it), so a link
    planted in the file's place never makes coach create or lock a file elsewhere. Any other
    failure is the OSError os.open raised; the caller closes the descriptor.
    """
    look = os.stat if follow_links else os.lstat
    try:
        before = look(path).st_mode
    except FileNotFoundError:
        before = None  # to be made, if `flags` say so
    if before is not None and not stat.S_ISREG(before) and not stat.S_ISLNK(before):
        raise NotCoachFile(path, before)
    flags |= os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags, mode)
    except OSError as err:
        if err.errno in (errno.ENXIO, errno.EISDIR, errno.ENODEV):  # swapped since the look
            now = look(path).st_mode
            if not stat.S_ISREG(now):
                raise NotCoachFile(path, now) from err
        raise
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotCoachFile(path, info.st_mode)
        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    except BaseException:
        os.close(fd)
        raise
    return fd


def read_own(path: str | os.PathLike[str]) -> bytes:
    """The whole of one of coach's own files, as open_own opens it (links followed: the
    file is only read). FileNotFoundError and NotCoachFile are OSErrors like any other."""
    with os.fdopen(open_own(path, os.O_RDONLY, follow_links=True), "rb") as handle:
        return handle.read()


def _refuse_to_replace(path: Path) -> None:
    """A pipe, socket or device at `path` is not coach's to write over (a link is: it is
    replaced, never followed; a folder cannot be renamed over and says so itself)."""
    try:
        mode = os.lstat(path).st_mode
    except OSError:
        return
    if not (stat.S_ISREG(mode) or stat.S_ISLNK(mode) or stat.S_ISDIR(mode)):
        raise NotCoachFile(path, mode)


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
        raise UnusableFile(path, _reason(path, err), missing=_missing(path, err)) from err
    try:
        info = os.fstat(fd)
        _refuse_unless_regular(path, info.st_mode)  # it may have been swapped since the look
        if info.st_size > max_bytes:
            raise UnusableFile(path, too_big(info.st_size, max_bytes, what))
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
        raise UnusableFile(path, too_big(None, max_bytes, what))
    return data


def read_kept_copy(path: Path, max_bytes: int, *, what: str) -> bytes | None:
    """The bytes of a copy coach keeps for itself (of a support plan, of a routine file);
    None when it is missing or odd, or is a link (never followed)."""
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            return None
        return read_regular(path, max_bytes, what=what)
    except (OSError, UnusableFile):
        return None


def list_folder(path: str | os.PathLike[str]) -> list[str]:
    """The names in a folder, or UnusableFile saying in plain words why it cannot be listed
    ("it is a file, not a folder", "permission denied", a dangling link, a symlink loop)."""
    try:
        return os.listdir(path)
    except OSError as err:
        if err.errno == errno.ENOTDIR:
            try:
                reason = f"it is {_kind(os.stat(path).st_mode)}, not a folder"
            except OSError:
                reason = _reason(path, err, "folder")
        else:
            reason = _reason(path, err, "folder")
        raise UnusableFile(path, reason, missing=_missing(path, err)) from err


def _refuse_unless_regular(path: str | os.PathLike[str], mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise UnusableFile(path, f"it is {_kind(mode)}, not a file")


def _missing(path: str | os.PathLike[str], err: OSError) -> bool:
    return err.errno == errno.ENOENT and not os.path.islink(path)


def _reason(path: str | os.PathLike[str], err: OSError, noun: str = "file") -> str:
    if err.errno == errno.ENOENT:
        return ("it is a link to something that does not exist" if os.path.islink(path)
                else f"there is no such {noun}")
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


def too_big(size: int | None, max_bytes: int, what: str) -> str:
    """'it is 3.1 MB; a routine file may be at most 256 KB' (size None: 'more than')."""
    limit = describe_size(max_bytes)
    if size is None:
        return f"it is more than {limit}; {what} may be at most {limit}"
    if describe_size(size) == limit:  # just over: rounding would say the same size twice
        return f"it is {size:,} bytes; {what} may be at most {max_bytes:,} bytes"
    return f"it is {describe_size(size)}; {what} may be at most {limit}"
