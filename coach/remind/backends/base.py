"""What every reminder backend offers: whether it can deliver here (and why not), and
delivering one message. A backend never raises and never writes to the terminal: any
failure comes back as words for the log and for `coach doctor`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

# Helpers (tmux, the desktop sender, the person's command) run bounded: see helper.py.
from coach.remind.backends.helper import Finished, run_bounded  # noqa: F401

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
