"""`deliver` tries the ways in the order of reminders_via, skips those unavailable here,
moves on when one fails, and says why for each; OnceLog logs each failure once."""

from __future__ import annotations

from coach.remind.backends import BACKEND_NAMES, OnceLog, deliver, make_backends
from coach.remind.backends.base import Availability, Delivery, Message
from coach.config.settings import REMINDER_WAYS

MESSAGE = Message("coach", "Evening wind-down is ready when you are (about 15 min)")


class Way:
    """A way to remind that works, is unavailable, fails or breaks, as told."""

    def __init__(self, name: str, *, available: str = "", fails: str = "",
                 breaks: bool = False) -> None:
        self.name = name
        self.unavailable = available
        self.fails = fails
        self.breaks = breaks
        self.sent: list[Message] = []

    def available(self) -> Availability:
        if self.breaks:
            raise RuntimeError("a bug")
        return Availability(not self.unavailable, self.unavailable)

    def send(self, message: Message) -> Delivery:
        self.sent.append(message)
        return Delivery(not self.fails, self.fails)


def test_the_first_way_that_works_delivers_and_the_rest_are_not_tried() -> None:
    first, second = Way("one"), Way("two")
    assert deliver(MESSAGE, [first, second]) == ("one", [])
    assert (first.sent, second.sent) == ([MESSAGE], [])


def test_unavailable_and_failing_ways_are_passed_over_with_their_reasons() -> None:
    off = Way("desktop", available="no session bus")
    failing = Way("tmux", fails="tmux said: no")
    works = Way("command")
    via, failures = deliver(MESSAGE, [off, failing, works])
    assert via == "command"
    assert failures == [("desktop", "not available: no session bus"),
                        ("tmux", "failed: tmux said: no")]
    assert (off.sent, failing.sent, works.sent) == ([], [MESSAGE], [MESSAGE])


def test_when_no_way_works_every_reason_is_given() -> None:
    via, failures = deliver(MESSAGE, [Way("a", available="x"), Way("b", fails="y")])
    assert via is None
    assert failures == [("a", "not available: x"), ("b", "failed: y")]
    assert deliver(MESSAGE, []) == (None, [])


def test_a_way_that_raises_does_not_stop_the_others() -> None:
    via, failures = deliver(MESSAGE, [Way("broken", breaks=True), Way("fine")])
    assert via == "fine"
    assert failures == [("broken", "failed unexpectedly: RuntimeError: a bug")]


def test_each_failure_is_logged_once_not_every_minute() -> None:
    lines: list[str] = []
    log = OnceLog(lines.append)
    off = Way("desktop", available="no session bus")
    for _ in range(3):
        deliver(MESSAGE, [off, Way("terminal")], log)
    assert lines == ["desktop: not available: no session bus"]

    off.unavailable = "a session bus but no notification service"
    deliver(MESSAGE, [off, Way("terminal")], log)
    assert lines[1:] == ["desktop: not available: a session bus but no notification service"]


def test_make_backends_follows_the_order_given() -> None:
    assert BACKEND_NAMES == REMINDER_WAYS
    order = ("command", "tmux", "terminal", "desktop")
    backends = make_backends(order, ("notify-send", "{title}", "{body}"), None)
    assert [backend.name for backend in backends] == list(order)
    assert [b.name for b in make_backends(("tmux", "nonsense"), None, None)] == ["tmux"]


def test_the_terminal_way_works_only_with_a_screen_to_show_on() -> None:
    shown: list[Message] = []
    [with_screen] = make_backends(("terminal",), None, shown.append)
    [without] = make_backends(("terminal",), None, None)
    assert (without.available().ok, without.available().reason) == (False, "coach is not open")
    assert not without.send(MESSAGE).ok
    assert with_screen.available().ok and with_screen.send(MESSAGE).ok
    assert shown == [MESSAGE]


def test_once_the_process_is_closing_no_further_way_is_tried() -> None:
    """A way stopped because coach is closing is not followed by the next, which would
    start another helper after the running ones were stopped."""
    closing: list[bool] = []

    class StoppedByClosing(Way):
        def send(self, message: Message) -> Delivery:
            closing.append(True)
            return super().send(message)

    first, second = StoppedByClosing("command", fails="stopped because coach is closing"), \
        Way("desktop")
    assert deliver(MESSAGE, [first, second], stopping=lambda: bool(closing)) == (
        None, [("command", "failed: stopped because coach is closing")])
    assert second.sent == []
