"""No raw control character from a routine, a record or a paste reaches the terminal.

Each test checks what the app would paint (tests/tui/terminal_text.py): the hostile
text shows up written out (`\\x1b]0;PWNED\\x07`, `U+202E`) and no raw control is left.
The routine loader already refuses most control characters in routine text; these tests
build routines around it, so the screens are safe whatever a routine holds.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from coach.routine.catalog import Catalog, FileFailure
from coach.routine.loader import load_routine_file
from coach.routine.model import Routine
from coach.routine.problems import Problem
from coach.session.run import StepOutcome
from coach.store import Store
from coach.tui.app import CoachApp
from tests.fakes import FakeClock
from tests.tui.harness import NOON, settle
from tests.tui.terminal_text import (HOSTILE, HOSTILE_SHOWN, HOSTILE_VISIBLE, painted_text,
                                     raw_controls)

SHOWN = HOSTILE_SHOWN[0]  # the first piece, right after the label of each place
SIZE = (160, 60)

ROUTINE = """\
id: h
title: "T @"
description: "D @"
steps:
  - {type: instruction, id: instruction, title: "I @", text: "Text @"}
  - type: pmr
    id: pmr
    text: "PM @"
    groups: [{name: "G @", instruction: "Do @"}]
  - {type: journal, id: journal, prompts: ["P @"]}
  - {type: mood, id: mood, feelings: ["F @", calm]}
  - {type: affirmation, id: affirmation, texts: ["A @"]}
  - {type: gratitude, id: gratitude}
  - {type: activity_plan, id: plan, suggestions: ["S @"]}
  - {type: activity_review, id: review}
  - {type: grounding, id: grounding}
  - {type: instruction, id: last, text: Last}
"""


def poisoned(value: Any) -> Any:
    """`value` with every '@' in its text replaced by HOSTILE, through tuples and dataclasses."""
    if isinstance(value, str):
        return value.replace("@", HOSTILE)
    if isinstance(value, tuple):
        return tuple(poisoned(item) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.replace(value, **{f.name: poisoned(getattr(value, f.name))
                                             for f in dataclasses.fields(value) if f.init})
    return value


def hostile_routine(tmp_path: Path) -> Routine:
    path = tmp_path / "h.yaml"
    path.write_text(ROUTINE, encoding="utf-8")
    loaded = load_routine_file(path)
    assert loaded.routine is not None, loaded.problems
    return poisoned(loaded.routine)


def hostile_app(tmp_path: Path, routine: Routine, *, failures: bool = False,
                start_with: str | None = None) -> CoachApp:
    catalog = Catalog(routines={routine.id: routine})
    settings_problems: tuple[Problem, ...] = ()
    if failures:
        broken = tmp_path / f"x{HOSTILE}.yaml"
        catalog.failures.append(FileFailure(broken, (Problem(broken, 1, 1, "broken"),)))
        settings_problems = (Problem(tmp_path / "settings.yaml", 1, 1, f"found {HOSTILE}"),)
    store = Store(tmp_path / "data", now=lambda: NOON, zone=(ZoneInfo("UTC"), "UTC"))
    return CoachApp(store=store, catalog_loader=lambda: catalog, clock=FakeClock(),
                    settings_problems=settings_problems, start_with=start_with)


def assert_shown_safely(app: CoachApp, *labels: str) -> str:
    """The painted screen has no raw control, and shows HOSTILE written out after each label."""
    painted = painted_text(app)
    assert raw_controls(painted) == [], painted
    for label in labels:
        assert f"{label}{SHOWN}" in painted, (label, painted)
    return painted


async def go(pilot: Pilot, *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_routine_text_and_file_names_are_shown_written_out(tmp_path: Path) -> None:
    app = hostile_app(tmp_path, hostile_routine(tmp_path), failures=True)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        painted = assert_shown_safely(app, "T ", "D ", "I ", "/x", "found ")
        assert all(piece in painted for piece in HOSTILE_SHOWN)
        assert painted.count(f"x{SHOWN}") == 3  # the file's name, its `coach edit`, its path
        await go(pilot, "enter")
        assert_shown_safely(app, "T ", "I ", "Text ")
        await go(pilot, "ctrl+s")
        assert_shown_safely(app, "PM ", ": G ", "Do ")  # the muscle group and what to do
        await go(pilot, "ctrl+s")
        assert_shown_safely(app, "P ")
        await go(pilot, "ctrl+s")
        assert_shown_safely(app, "F ")
        await go(pilot, "ctrl+s")
        assert_shown_safely(app, "A ")
        await go(pilot, "ctrl+n", "ctrl+s")
        assert_shown_safely(app, "S ")
        await go(pilot, "ctrl+s", "ctrl+s", "ctrl+s", "ctrl+n")
        await settle(pilot)
        assert_shown_safely(app, "T ", "I ")  # the summary
    assert app.crash is None


async def test_a_notification_shows_its_text_written_out(tmp_path: Path) -> None:
    app = hostile_app(tmp_path, hostile_routine(tmp_path))
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        app.notify(f"N {HOSTILE}", title=f"H {HOSTILE}", markup=True)
        await pilot.pause()
        painted = assert_shown_safely(app, "N ", "H ")
        assert "[@click" not in HOSTILE and "PWNED" in painted


PLAN = {"activities": [{"id": "a1", "name": f"Walk {HOSTILE}", "time": "18:00",
                        "predicted": 4}]}
RECORDED = {
    "journal": ("journal", {"prompt": f"P {HOSTILE}", "text": f"Dear {HOSTILE}\n\tsecond line"}),
    "mood": ("mood", {"rating": 5, "feelings": ["calm"], "note": f"Note {HOSTILE}"}),
    "gratitude": ("gratitude", {"items": [f"Tea {HOSTILE}", "Sun"]}),
    "plan": ("activity_plan", PLAN),
    "review": ("activity_review", {"activities": [
        {"id": "a1", "name": f"Walk {HOSTILE}", "predicted": 4, "done": True, "pleasure": 7,
         "mastery": 6}]}),
    "grounding": ("grounding", {"see": [f"Sky {HOSTILE}"]}),
}


def seed_unfinished_session(store: Store) -> None:
    """Today's session of routine h, with every step that restores what it saved done."""
    at = NOON - timedelta(hours=1)
    store.record_session("h", "s1", "started", steps_total=10)
    for step_id, (step_type, data) in RECORDED.items():
        store.record_step("h", "s1", StepOutcome(step_id, step_type, "done", at,
                                                 at + timedelta(minutes=1), data))


def latest_data(store: Store, step_id: str) -> dict[str, Any]:
    records = [r for r in store.well_formed(kind="step") if r["step"] == step_id]
    return records[-1]["data"]


def field_values(app: CoachApp) -> list[str]:
    return [w.value for w in app.screen.query(Input)] + [
        w.text for w in app.screen.query(TextArea)]


async def test_saved_text_is_shown_written_out_and_kept_as_saved(tmp_path: Path) -> None:
    app = hostile_app(tmp_path, hostile_routine(tmp_path), start_with="h")
    seed_unfinished_session(app.store)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        assert_shown_safely(app, "You started T ")  # the resume question
        await go(pilot, "r")
        await go(pilot, "ctrl+s", "ctrl+s")  # instruction, pmr: nothing saved there
        painted = assert_shown_safely(app, "P ")  # the journal, with its saved prompt
        assert f"Dear {SHOWN}" in painted and "Shown as codes" in painted
        assert field_values(app) == [f"Dear {HOSTILE_VISIBLE}\n\tsecond line"]
        await go(pilot, "ctrl+n")
        assert_shown_safely(app)
        assert f"Note {HOSTILE_VISIBLE}" in field_values(app)
        await go(pilot, "ctrl+n", "ctrl+n")  # mood kept, affirmation
        assert_shown_safely(app)
        assert field_values(app)[:2] == [f"Tea {HOSTILE_VISIBLE}", "Sun"]
        await go(pilot, "end", "!")  # a change: what was seen is saved
        await go(pilot, "ctrl+n")
        assert_shown_safely(app)
        assert field_values(app)[0] == f"Walk {HOSTILE_VISIBLE}"
        await go(pilot, "ctrl+n")
        assert_shown_safely(app, "Walk ")  # the review lists the plan's name
        await go(pilot, "ctrl+n")
        assert_shown_safely(app, "see: Sky ")
        await go(pilot, *["ctrl+n"] * 5)
        await go(pilot, "ctrl+n")
        await settle(pilot)
        assert_shown_safely(app, "T ")  # the summary
    store = app.store
    for step_id in ("journal", "mood", "plan", "review", "grounding"):
        assert latest_data(store, step_id) == RECORDED[step_id][1], step_id
    assert latest_data(store, "gratitude") == {
        "items": [f"Tea {HOSTILE_VISIBLE}!", "Sun"]}


PASTED_ONE_LINE = "]0;PWNED [2J ]52;c;SGk= RLO 6n"


async def paste(pilot: Pilot, text: str) -> None:
    """As the terminal delivers a bracketed paste: to the app, which hands it to the focus."""
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()


async def test_pasted_control_characters_are_never_stored(tmp_path: Path) -> None:
    app = hostile_app(tmp_path, hostile_routine(tmp_path), start_with="h")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await go(pilot, "ctrl+s", "ctrl+s")
        await paste(pilot, f"a{HOSTILE}\r\n\tb")  # into the journal
        assert_shown_safely(app)
        await go(pilot, "ctrl+n", "6", "tab", "tab")  # mood: a number, past the feelings
        await paste(pilot, HOSTILE)  # into the note
        await go(pilot, "ctrl+n", "ctrl+n")
        await paste(pilot, f" {HOSTILE}")  # the first thing to be grateful for
        assert_shown_safely(app)
        await go(pilot, "ctrl+n")
        await settle(pilot)
    store = app.store
    assert latest_data(store, "journal")["text"] == f"a{PASTED_ONE_LINE} \nend\n\tb"
    # HOSTILE ends in a line separator and "end": a one-line field keeps that line too, beside
    # the first in the note, in the next empty line of the gratitude list.
    assert latest_data(store, "mood")["note"] == f"{PASTED_ONE_LINE} end"
    assert latest_data(store, "gratitude") == {"items": [PASTED_ONE_LINE, "end"]}
