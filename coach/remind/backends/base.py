"""What every reminder backend offers: whether it can deliver here (and why not), and
delivering one message. A backend never raises and never writes to the terminal: any
failure comes back as words for the log and for `coach doctor`."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

#: How long a backend may take to deliver before it is given up on.
SEND_TIMEOUT_SECONDS = 15.0


@dataclass(frozen=True)
class Message:
    """A reminder as shown: a short title and one kind sentence. Never holds what the
    person wrote (journal, gratitude, mood, notes): only the routine's title and length."""

    title: str
    body: str
    routine_id: str = ""


@dataclass(frozen=True)
class Availability:
    """Whether a backend can deliver here; if not, why (plain words) and the fix."""

    ok: bool
    reason: str = ""
    fix: str = ""


@dataclass(frozen=True)
class Delivery:
    """What happened when a message was sent: delivered, or why not."""

    ok: bool
    detail: str = ""


class Backend(Protocol):
    #: The name used in settings.yaml (`reminders_via`) and in messages.
    name: str

    def available(self) -> Availability:
        """A quick check that sends nothing."""
        ...

    def send(self, message: Message) -> Delivery:
        """Deliver one message; blocks for at most SEND_TIMEOUT_SECONDS."""
        ...


@dataclass(frozen=True)
class Finished:
    """How a helper process ended: its exit status (None if it was stopped at the time
    limit) and what it wrote, captured so that nothing reaches the person's terminal."""

    status: int | None
    out: str
    err: str

    def first_error_line(self) -> str:
        """The first non-blank line it wrote to stderr (or stdout), '' if none."""
        for line in (self.err + "\n" + self.out).splitlines():
            if line.strip():
                return line.strip()
        return ""


def run_bounded(argv: Sequence[str], timeout: float, *, stdin_text: str | None = None,
                env: Mapping[str, str] | None = None) -> Finished:
    """Run `argv` (never through a shell) in a session of its own with its output
    captured; at `timeout` its whole process group is killed, so nothing it started
    outlives it. Raises OSError when it cannot be started at all."""
    process = subprocess.Popen(
        list(argv), stdin=subprocess.PIPE if stdin_text is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, errors="replace",
        env=dict(env) if env is not None else None, start_new_session=True)
    try:
        out, err = process.communicate(stdin_text, timeout=timeout)
        return Finished(process.returncode, out, err)
    except subprocess.TimeoutExpired:
        # It may have exited while something it started still holds the pipes open:
        # its own status then still counts.
        status = process.poll()
        _kill_group(process.pid)
        try:
            out, err = process.communicate(timeout=2)
        except subprocess.TimeoutExpired:  # something that left the group keeps a pipe
            for pipe in (process.stdout, process.stderr):
                if pipe is not None:
                    pipe.close()
            out, err = "", ""
            process.wait()
        return Finished(status, out or "", err or "")


def _kill_group(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
