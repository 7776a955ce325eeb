"""Resuming goes on from where the routine was: its clock, and home's highlight."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.widgets import OptionList

from coach.routine.catalog import RoutineDir
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.resume import ResumeScreen
from tests.fakes import FakeClock
from tests.tui.harness import NOON, make_app, screen_text, settle, type_text


def routines(tmp_path: Path) -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "a-first.yaml").write_text(
        "title: First\nsteps:\n  - type: mood\n")
    (directory / "b-second.yaml").write_text(
        "title: Second\nsteps:\n  - type: gratitude\n    count: 1\n"
        "  - type: journal\n    prompts: [What went well?]\n  - type: mood\n")
    return RoutineDir(directory, False)


def clocked(tmp_path: Path, dirs: list[RoutineDir], clock: FakeClock) -> CoachApp:
    """The app with its store's time moving with the fake clock."""
    app = make_app(tmp_path, dirs=dirs, clock=clock)
    start = clock()
    app.store.now = lambda: NOON + timedelta(seconds=clock() - start)  # type: ignore[method-assign]
    return app


async def test_resume_goes_on_with_the_time_spent_and_home_highlights_it(tmp_path: Path) -> None:
    dirs = [routines(tmp_path)]
    clock = FakeClock()
    app = clocked(tmp_path, dirs, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("down", "enter")  # Second
        await settle(pilot)
        clock.advance(95)
        await type_text(pilot, "Sunlight")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Step 2 of 3 · 1:35" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)

    # coach opened again: home goes to the routine left part way, which goes on at 1:35.
    app = clocked(tmp_path, dirs, FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        options = app.screen.query_one("#routines", OptionList)
        assert options.highlighted_option is not None
        assert options.highlighted_option.id == "b-second"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("r")
        await settle(pilot)
        text = screen_text(app)
        assert "Step 2 of 3 · 1:35" in text, text
