"""Help is one key away (? or F1): the keys of the screen below, and in a routine what the
step asks and why it helps; `?` typed into a field stays text. The command palette (^k)
holds coach's own commands."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette
from textual.widgets import Input, TextArea

from coach.practice.why import STEP_WHY
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.run import RunScreen
from coach.tui.widgets.key_bar import KeyBar
from tests.tui.harness import make_app, screen_text, settle, type_text
from tests.tui.test_snapshots import EVERY_STEP, STEP_NAMES


def key_bar_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(KeyBar).render())


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_on_home_lists_its_keys_and_where_files_are(
        tmp_path: Path, coach_dirs: dict[str, Path], key: str) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "? Help" in key_bar_text(app)
        home = app.screen
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for line in ["⏎  Start", "q  Quit", "h  History", "? or F1  Help", "^g  Support"]:
            assert " ".join(line.split()) in " ".join(text.split()), line
        assert str(coach_dirs["routines"]) in text
        assert str(coach_dirs["config"] / "settings.yaml") in text
        assert str(coach_dirs["data"]) in text
        assert "coach edit settings" in text
        assert "This step" not in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is home


@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_in_a_step_says_what_it_asks_and_why(tmp_path: Path, key: str) -> None:
    app = make_app(tmp_path, start_with="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen)
        await pilot.press(key)
        await pilot.pause()
        text = " ".join(screen_text(app).split())
        asks, why = STEP_WHY["breathing"]
        assert f"This step: {run.routine_run.current.title}" in text  # type: ignore[union-attr]
        assert asks in text and f"Why it helps: {why}" in text
        assert "long out-breath" in text
        for key_line in ["^n Next", "^s Skip", "esc Leave", "^g Support"]:
            assert key_line in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is run


# The self-check has a test of its own (tests/tui/test_self_check.py): in the routine of
# every step, its nine questions would stand between each step and the next.
@pytest.mark.parametrize("step", sorted(set(STEP_WHY) - {"check"}))
async def test_every_step_type_has_its_why(tmp_path: Path, step: str) -> None:
    index = next(i for i, name in enumerate(STEP_NAMES) if name.split("-")[0] == step)
    app = make_app(tmp_path, dirs=[EVERY_STEP], start_with="weekend")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(index):
            await pilot.press("ctrl+s")
            await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert STEP_WHY[step][1] in " ".join(screen_text(app).split())


@pytest.mark.parametrize("step", ["gratitude", "journal"])
async def test_a_question_mark_typed_into_a_field_stays_text(tmp_path: Path, step: str) -> None:
    app = make_app(tmp_path, dirs=[EVERY_STEP], start_with="weekend")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(STEP_NAMES.index(step)):
            await pilot.press("ctrl+s")
            await pilot.pause()
        await type_text(pilot, "why?")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        field = app.focused
        assert isinstance(field, (Input, TextArea))
        assert (field.value if isinstance(field, Input) else field.text) == "why?"
        await pilot.press("f1")  # F1 types nothing: help opens from the field
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def choose_in_palette(pilot, words: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+k")
    await pilot.pause()
    assert isinstance(pilot.app.screen, CommandPalette)
    await type_text(pilot, words)
    await pilot.pause(0.5)  # the palette searches a moment after typing stops
    await pilot.press("down", "enter")
    await settle(pilot)


async def test_the_palette_lists_coachs_commands_and_runs_history(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    # From 90 columns home names ^k; at 80 the mood key takes its place (see key_bar).
    async with app.run_test(size=(90, 24)) as pilot:
        await settle(pilot)
        assert "^k Commands" in key_bar_text(app)
        await pilot.press("ctrl+k")
        await pilot.pause(0.5)
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        listed = " ".join(screen_text(app).split())
        for name in ["Start Morning routine", "Start Evening wind-down", "Start Quick reset",
                     "History", "Support plan", "Settings", "Help"]:
            assert name in listed, name
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await choose_in_palette(pilot, "History")
        assert isinstance(app.screen, HistoryScreen)


async def test_the_palette_starts_a_routine(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await choose_in_palette(pilot, "Start Evening")
        assert isinstance(app.screen, RunScreen)
        assert app.screen.routine_run.routine.id == "evening"


def test_help_snapshot(snap_compare, tmp_path: Path,  # type: ignore[no-untyped-def]
                       monkeypatch: pytest.MonkeyPatch) -> None:
    """At 80x24, in the first step of the morning routine; the folders are fixed so the
    picture does not depend on where the test runs."""
    monkeypatch.setenv("COACH_CONFIG_DIR", "/home/you/.config/coach")
    monkeypatch.setenv("COACH_DATA_DIR", "/home/you/.local/share/coach")
    app = make_app(tmp_path, start_with="morning")

    async def open_help(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_help)
