"""The ways a reminder reaches the person, and delivering by the first that works.

Each backend (desktop, terminal, tmux, command) says whether it can deliver here and why
not, and never raises or prints; `deliver` tries them in the order of `reminders_via`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from coach.remind.backends.base import Backend, Message

BACKEND_NAMES = ("desktop", "terminal", "tmux", "command")


def make_backends(order: Iterable[str], command_argv: tuple[str, ...] | None,
                  show: Callable[[Message], None] | None) -> list[Backend]:
    """The backends named in `order`, in that order (names not in BACKEND_NAMES are
    left out: settings.yaml is checked before it gets here)."""
    from coach.remind.backends.command import CommandBackend
    from coach.remind.backends.desktop import DesktopBackend
    from coach.remind.backends.terminal import TerminalBackend
    from coach.remind.backends.tmux import TmuxBackend

    makers: dict[str, Callable[[], Backend]] = {
        "desktop": DesktopBackend,
        "terminal": lambda: TerminalBackend(show),
        "tmux": TmuxBackend,
        "command": lambda: CommandBackend(command_argv),
    }
    return [makers[name]() for name in order if name in makers]


class OnceLog:
    """Passes a backend's failure on to `write` the first time that (backend, reason)
    is seen, so a way that keeps failing is logged once, not every minute."""

    def __init__(self, write: Callable[[str], None]) -> None:
        self.write = write
        self.seen: set[tuple[str, str]] = set()

    def __call__(self, backend: str, reason: str) -> None:
        if (backend, reason) not in self.seen:
            self.seen.add((backend, reason))
            self.write(f"{backend}: {reason}")


def deliver(message: Message, backends: Sequence[Backend],
            log_once: Callable[[str, str], None] | None = None,
            stopping: Callable[[], bool] = lambda: False,
            ) -> tuple[str | None, list[tuple[str, str]]]:
    """Send by the first backend that is available and delivers. Returns its name (None
    if none did) and (name, reason) for each one that was unavailable or failed first.
    Once `stopping` (the process is closing), no further backend is tried."""
    failures: list[tuple[str, str]] = []
    for backend in backends:
        if stopping():
            break
        try:
            availability = backend.available()
            if not availability.ok:
                reason = f"not available: {availability.reason}"
            else:
                delivery = backend.send(message)
                if delivery.ok:
                    return backend.name, failures
                reason = f"failed: {delivery.detail}"
        except Exception as err:  # a bug in one way must not stop the others, or the loop
            reason = f"failed unexpectedly: {type(err).__name__}: {err}"
        failures.append((backend.name, reason))
        if log_once is not None:
            log_once(backend.name, reason)
    return None, failures
