"""Helpers for driving the app with Pilot: a store on tmp_path, a fake clock, screen text."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from textual.app import App
from textual.events import Event
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, Static, TextArea

from coach.routine.catalog import Catalog, RoutineDir, load_catalog
from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.steps.timed import TimedExerciseWidget
from coach.tui.widgets.chips import Chips
from coach.tui.widgets.rating import Rating
from coach.tui.widgets.toggle import Toggle
from coach.tui.workers_ended import workers_ended
from tests.fakes import FakeClock

NOON = datetime(2026, 11, 22, 11, 0, tzinfo=timezone.utc)


def make_app(tmp_path: Path, *, dirs: Iterable[RoutineDir] | None = None,
             clock: FakeClock | None = None, start_with: str | None = None,
             statement: bool = False, **options: Any) -> CoachApp:
    """The app on a store in tmp_path; without the first-run statement unless `statement`."""
    store = Store(tmp_path / "data", now=lambda: NOON, zone=(ZoneInfo("UTC"), "UTC"))

    def loader() -> Catalog:
        return load_catalog(list(dirs) if dirs is not None else None)

    return CoachApp(store=store, catalog_loader=loader, clock=clock or FakeClock(),
                    start_with=start_with, first_run_statement=statement, **options)


def screen_text(app: CoachApp) -> str:
    """Everything the screen says, as plain text (labels, options, fields)."""
    parts = []
    for widget in app.screen.query("*"):
        if not widget.display:
            continue
        if isinstance(widget, Static):
            parts.append(str(widget.render()))
        elif isinstance(widget, OptionList):
            parts.extend(str(widget.get_option_at_index(i).prompt)
                         for i in range(widget.option_count))
        elif isinstance(widget, Input):
            parts.append(widget.value)
        elif isinstance(widget, TextArea):
            parts.append(widget.text)
        elif isinstance(widget, (Chips, Rating, Toggle)):
            parts.append(str(widget.render()))
    return "\n".join(parts)


async def finish_timed_step(pilot: Pilot, clock: FakeClock) -> None:
    """Let a timed exercise run to its end on the fake clock."""
    widget = pilot.app.screen.widget
    assert isinstance(widget, TimedExerciseWidget)
    clock.advance(widget.timeline.duration + 1)
    widget.tick()
    await pilot.pause()


async def type_text(pilot: Pilot, text: str) -> None:
    """Each character of `text` as its key, sent straight after one another as a person
    types, and then until the app is at rest. (`Pilot.press` waits for the app to go idle
    after each key: at least 40 ms a key, which made typing most of some tests' time.)"""
    await press_at_once(pilot, *[{" ": "space"}.get(c, c) for c in text])


async def type_as_terminal(pilot: Pilot, text: str) -> None:
    """Each character as a key with that character, the way the terminal's input is read.
    `Pilot.press` gives a key no character when it cannot name it back (an emoji, a joiner,
    a combining accent), so `type_text` cannot type those."""
    from textual import events
    from textual.keys import KEY_NAME_REPLACEMENTS, _character_to_key

    for character in text:
        name = character if character.isalnum() else _character_to_key(character)
        key = events.Key(KEY_NAME_REPLACEMENTS.get(name, name), character)
        key.set_sender(pilot.app)
        pilot.app._driver.send_message(key)  # type: ignore[union-attr]
        await pilot.pause()


async def press_at_once(pilot: Pilot, *keys: str | Event) -> None:
    """Keys sent one straight after another, none waiting for the one before to be handled:
    a fast typist, or a terminal replaying input. (`Pilot.press` waits after each key.)
    An event among them (a paste) is sent in its place in the same way."""
    import unicodedata

    from textual import events
    from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key

    for key in keys:
        if not isinstance(key, str):
            key.set_sender(pilot.app)
            pilot.app._driver.send_message(key)  # type: ignore[union-attr]
            continue
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            character: str | None = unicodedata.lookup(
                _get_unicode_name_from_key(REPLACED_KEYS.get(key, key)))
        except KeyError:
            character = key if len(key) == 1 else None
        event = events.Key(key, character)
        event.set_sender(pilot.app)
        pilot.app._driver.send_message(event)  # type: ignore[union-attr]
    await settle(pilot)


async def workers_done(app: App) -> None:
    """Until every worker of the app has ended (see coach.tui.workers_ended: one replaced
    by a newer one of its group is no failure); a worker that failed raises, as Textual's
    wait_for_complete does."""
    failures = await workers_ended(lambda: app.workers)
    if failures:
        raise failures[0]


async def settle(pilot: Pilot) -> None:
    """Until the app is at rest: its workers done and its saves written."""
    await pilot.pause()
    await workers_done(pilot.app)
    await pilot.app.saves.written()
    await pilot.pause()
