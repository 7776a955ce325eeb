"""The `terminal` way: a notice inside coach while the app is open (the app passes the
function that shows it; any other process has none)."""

from __future__ import annotations

from collections.abc import Callable

from coach.remind.backends.base import Availability, Delivery, Message


class TerminalBackend:
    name = "terminal"

    def __init__(self, show: Callable[[Message], None] | None) -> None:
        self.show = show

    def available(self) -> Availability:
        if self.show is None:
            return Availability(False, "coach is not open", "open coach, or choose another "
                                "way in reminders_via")
        return Availability(True)

    def send(self, message: Message) -> Delivery:
        if self.show is None:
            return Delivery(False, "coach is not open")
        self.show(message)
        return Delivery(True)
