"""Running a helper program (the person's reminder_command, tmux, the desktop sender) so that
it can never hold coach up, fill its memory, or outlive it.

- It runs in a session (and process group) of its own, never through a shell.
- Of what it writes, OUTPUT_KEPT_BYTES of each stream are kept for the message; the rest is
  read and dropped, and past OUTPUT_LIMIT_BYTES in all it is a runaway (`yes`) and stopped.
- It is stopped at its time limit, and at once when coach is closing (end_running_helpers).
- When it ends, or is stopped, whatever it started is ended too: its process group and
  every process still in its session get SIGTERM, then SIGKILL after GRACE_SECONDS.
  A process that left the session (`setsid`) is found and ended while it still holds the
  helper's output pipes, as a backgrounded child does. One that left the session and closed
  or redirected its output as well (a daemon) cannot be told from any other process of the
  person's on Linux without a subreaper or a cgroup, and is left alone.
"""

from __future__ import annotations

import os
import selectors
import signal
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import IO

#: Bytes of each output stream kept for the message (the first line of an error).
OUTPUT_KEPT_BYTES = 4096
#: More output than this (both streams together) is a runaway: the helper is stopped.
OUTPUT_LIMIT_BYTES = 16 * 1024 * 1024
#: How long a helper's processes have to end after SIGTERM before they get SIGKILL.
GRACE_SECONDS = 0.5
#: After the helper itself exited, how long what it left behind may still write its output.
LINGER_SECONDS = 0.3
_READ_SIZE = 65536
_WAKE_SECONDS = 0.1  # how often a wait looks whether coach is closing

#: Why a helper was stopped before it finished.
STOPPED_AT_TIME_LIMIT = "time"
STOPPED_FOR_OUTPUT = "output"
STOPPED_AS_COACH_CLOSES = "closing"


@dataclass(frozen=True)
class Finished:
    """How a helper process ended: its exit status (None if it was stopped before it
    exited), what it wrote (the first OUTPUT_KEPT_BYTES of each stream, so nothing reaches
    the person's terminal), and why it was stopped, if it was (STOPPED_*)."""

    status: int | None
    out: str
    err: str
    stopped: str | None = None

    def first_error_line(self) -> str:
        """The first non-blank line it wrote to stderr (or stdout), '' if none."""
        for line in (self.err + "\n" + self.out).splitlines():
            if line.strip():
                return line.strip()
        return ""


class _Helper:
    def __init__(self, process: subprocess.Popen[bytes]) -> None:
        self.process = process
        self.closing = threading.Event()


_running: set[_Helper] = set()
#: Reentrant: end_running_helpers may run in a signal handler (SIGTERM to `coach remind`)
#: while the same thread holds it.
_running_lock = threading.RLock()
#: How many times coach began closing: a helper started while it did (between its start and
#: its being in _running) is stopped as soon as it is in.
_closings = 0


def end_running_helpers() -> None:
    """Coach is closing: stop every helper running now, in whatever thread waits on it.
    Returns at once; each wait ends within GRACE_SECONDS and a moment."""
    global _closings
    with _running_lock:
        _closings += 1
        helpers = list(_running)
    for helper in helpers:
        helper.closing.set()
        _signal_group(helper.process.pid, signal.SIGTERM)


def run_bounded(argv: Sequence[str], timeout: float, *, stdin_text: str | None = None,
                env: Mapping[str, str] | None = None) -> Finished:
    """Run `argv` bounded in time, memory and lifetime (see the module's docstring).
    Raises OSError when it cannot be started at all."""
    with _running_lock:
        closings = _closings
    process = subprocess.Popen(
        list(argv), stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        env=dict(env) if env is not None else None, start_new_session=True)
    helper = _Helper(process)
    with _running_lock:
        _running.add(helper)
        closed_meanwhile = _closings != closings
    if closed_meanwhile:
        helper.closing.set()
        _signal_group(process.pid, signal.SIGTERM)
    pipes = [pipe for pipe in (process.stdout, process.stderr) if pipe is not None]
    inodes = {os.fstat(pipe.fileno()).st_ino for pipe in pipes}
    try:
        if stdin_text is not None:
            _give(process, stdin_text)
        kept, stopped = _collect(helper, pipes, time.monotonic() + timeout)
        status = process.poll() if stopped is None else None  # its own, before any signal
    finally:
        with _running_lock:
            _running.discard(helper)
        _end_all_it_started(process, inodes)
        for pipe in pipes:
            pipe.close()
    return Finished(status, _text(kept[0]), _text(kept[1]), stopped)


def _give(process: subprocess.Popen[bytes], text: str) -> None:
    """The input, small (a message as JSON): written whole, then closed; a helper that
    stopped reading is its own problem, said by its status."""
    assert process.stdin is not None
    try:
        process.stdin.write(text.encode("utf-8"))
    except BrokenPipeError:
        pass
    finally:
        try:
            process.stdin.close()
        except BrokenPipeError:
            pass


def _collect(helper: _Helper, pipes: list[IO[bytes]],
             deadline: float) -> tuple[list[bytes], str | None]:
    """Read both pipes until the helper is done with them; the kept bytes of each, and why
    it was stopped (None: it finished)."""
    process = helper.process
    kept = [bytearray() for _ in pipes]
    total = 0
    with selectors.DefaultSelector() as selector:
        for number, pipe in enumerate(pipes):
            os.set_blocking(pipe.fileno(), False)
            selector.register(pipe.fileno(), selectors.EVENT_READ, number)
        exited_at: float | None = None
        while selector.get_map():
            if helper.closing.is_set():
                return [bytes(k) for k in kept], STOPPED_AS_COACH_CLOSES
            now = time.monotonic()
            if exited_at is None and process.poll() is not None:
                exited_at = now
            if exited_at is not None and now - exited_at > LINGER_SECONDS:
                break  # it exited; something it started holds the pipes: ended below
            if now >= deadline:
                return [bytes(k) for k in kept], STOPPED_AT_TIME_LIMIT
            for key, _ in selector.select(min(deadline - now, _WAKE_SECONDS)):
                try:
                    chunk = os.read(key.fd, _READ_SIZE)
                except BlockingIOError:
                    continue
                if not chunk:
                    selector.unregister(key.fd)
                    continue
                total += len(chunk)
                buffer = kept[key.data]
                buffer += chunk[:max(0, OUTPUT_KEPT_BYTES - len(buffer))]
                if total > OUTPUT_LIMIT_BYTES:
                    return [bytes(k) for k in kept], STOPPED_FOR_OUTPUT
    # Its output is closed; it may still be running (it closed its output and went on).
    while process.poll() is None:
        if helper.closing.is_set():
            return [bytes(k) for k in kept], STOPPED_AS_COACH_CLOSES
        now = time.monotonic()
        if now >= deadline:
            return [bytes(k) for k in kept], STOPPED_AT_TIME_LIMIT
        try:
            process.wait(min(deadline - now, _WAKE_SECONDS))
        except subprocess.TimeoutExpired:
            pass
    return [bytes(k) for k in kept], None


def _end_all_it_started(process: subprocess.Popen[bytes], inodes: set[int]) -> None:
    """SIGTERM to the helper's group, its session and whatever holds its output pipes; after
    GRACE_SECONDS, SIGKILL to what is left. Reaps the helper itself."""
    others = _in_session(process.pid) | _holding(inodes)
    others.discard(process.pid)
    if process.poll() is None or others or _group_exists(process.pid):
        _signal_group(process.pid, signal.SIGTERM)
        _signal_each(others, signal.SIGTERM)
        deadline = time.monotonic() + GRACE_SECONDS
        while time.monotonic() < deadline and (process.poll() is None
                                               or any(map(_alive, others))):
            time.sleep(0.02)
        _signal_group(process.pid, signal.SIGKILL)
        _signal_each({pid for pid in others if _alive(pid)}, signal.SIGKILL)
    process.wait()


def _signal_group(group: int, signum: int) -> None:
    try:
        os.killpg(group, signum)
    except (ProcessLookupError, PermissionError):
        pass


def _signal_each(pids: set[int], signum: int) -> None:
    for pid in pids:
        try:
            os.kill(pid, signum)
        except (ProcessLookupError, PermissionError):
            pass


def _group_exists(group: int) -> bool:
    try:
        os.killpg(group, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def _processes() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc") if name.isdigit()]
    except OSError:
        return []


def _stat_fields(pid: int) -> list[str] | None:
    """/proc/PID/stat after the command's name: state, ppid, pgrp, session, ..."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:  # a kernel file, never a pipe
            return handle.read().rsplit(b")", 1)[1].decode().split()
    except (OSError, IndexError, UnicodeDecodeError):
        return None


def _alive(pid: int) -> bool:
    """Running: not gone, and not a zombie waiting for a parent that may never reap it."""
    fields = _stat_fields(pid)
    return fields is not None and fields[0] not in ("Z", "X")


def _in_session(session: int) -> set[int]:
    """Every live process in the helper's session (its children, whatever group they moved
    to, as long as they did not start a session of their own)."""
    found = set()
    for pid in _processes():
        fields = _stat_fields(pid)
        if fields is not None and len(fields) > 3 and fields[3] == str(session) \
                and fields[0] not in ("Z", "X"):
            found.add(pid)
    return found


def _holding(inodes: set[int]) -> set[int]:
    """Every other process that holds one of the helper's output pipes open: what it
    started, even in a session of its own, while it writes where the helper wrote."""
    wanted = {f"pipe:[{inode}]" for inode in inodes}
    me = os.getpid()
    found = set()
    for pid in _processes():
        if pid == me:
            continue
        try:
            fds = os.listdir(f"/proc/{pid}/fd")
        except OSError:  # gone, or another user's
            continue
        for fd in fds:
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") in wanted:
                    found.add(pid)
                    break
            except OSError:
                continue
    return found


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")

