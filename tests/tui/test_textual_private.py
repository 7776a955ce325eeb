"""Textual's private names that coach relies on (coach/tui/textual_private.py) are still
there and still behave so. A Textual upgrade that changes one fails here, by name."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from textual.app import App
from textual.notifications import Notification
from textual.widgets import Input, TextArea

from coach.tui import textual_private
from tests.tui.harness import make_app

TUI = Path(__file__).resolve().parents[2] / "coach" / "tui"

#: Each private method coach calls or extends, with the parameters it passes or receives.
PRIVATE_METHODS = [
    (App, "_unnotify", ["self", "notification", "refresh"]),
    (App, "_refresh_notifications", ["self"]),
    (App, "_on_notify", ["self", "event"]),
    (App, "_handle_exception", ["self", "error"]),
    (App, "_fatal_error", ["self"]),
    (App, "_close_messages_no_wait", ["self"]),
    (Input, "_on_key", ["self", "event"]),
    (Input, "_on_paste", ["self", "event"]),
    (TextArea, "_replace_via_keyboard", ["self", "insert", "start", "end"]),
]
#: Textual's private attributes: only textual_private.py may use them.
PRIVATE_NAMES = ("_notifications", "_unnotify", "_refresh_notifications", "_on_notify",
                 "_handle_exception", "_fatal_error", "_close_messages_no_wait", "_bindings",
                 "_driver")


def test_each_private_method_is_still_there_with_its_parameters() -> None:
    changed = []
    for owner, name, parameters in PRIVATE_METHODS:
        method = getattr(owner, name, None)
        if method is None or not callable(method):
            changed.append(f"{owner.__name__}.{name} is gone")
        elif list(inspect.signature(method).parameters) != parameters:
            changed.append(f"{owner.__name__}.{name}{inspect.signature(method)}")
    assert changed == [], "Textual changed private API coach uses: " + "; ".join(changed)


async def test_notifications_are_taken_back_shown_or_not(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = app.notify("shown for now", title="One")
        await pilot.pause()
        assert textual_private.is_shown(app, shown)
        app.withdraw([shown])
        await pilot.pause()
        assert not textual_private.is_shown(app, shown)
        never = app.notify("never shown", title="Two")
        app.withdraw([never])  # before its message is handled
        await pilot.pause()
        assert not textual_private.is_shown(app, never)
        assert list(app._notifications) == []
        later = app.notify("still shown", title="Three")
        await pilot.pause()
        assert isinstance(later, Notification) and textual_private.is_shown(app, later)


async def test_the_apps_own_bindings_are_found(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bindings = textual_private.app_bindings(app)
    assert [b.action for b in bindings["ctrl+g"]] == ["support"]


def test_only_the_adapter_uses_textuals_private_names() -> None:
    pattern = re.compile(r"\.(" + "|".join(PRIVATE_NAMES) + r")\b|def (" +
                         "|".join(PRIVATE_NAMES) + r")\b")
    users = [f"{path.relative_to(TUI)}:{number}"
             for path in TUI.rglob("*.py") if path.name != "textual_private.py"
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if pattern.search(line)]
    assert users == []
