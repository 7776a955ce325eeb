"""A routine done today stays done today; a second run of it is shown as such."""

from __future__ import annotations

from pathlib import Path

from coach.tui.screens.home import HomeScreen
from coach.tui.screens.run import RunScreen
from tests.fakes import FakeClock
from tests.tui.harness import finish_timed_step, make_app, screen_text, settle
from tests.tui.test_routines_end_to_end import run_morning


async def test_a_second_run_after_finishing_keeps_done_today(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await run_morning(pilot, clock)
        await pilot.press("enter")  # summary -> home
        await settle(pilot)
        assert "✓ done today" in screen_text(app)
        await pilot.press("enter")  # morning again
        await settle(pilot)
        assert isinstance(app.screen, RunScreen) and "Step 1 of 4" in screen_text(app)
        await finish_timed_step(pilot, clock)
        await pilot.press("enter")
        await settle(pilot)
        assert "Step 2 of 4" in screen_text(app)
        app.clear_notifications()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "✓ done today · again: 1 of 4" in text, text
        assert "in progress" not in text
        [said] = [n.message for n in app._notifications]
        assert "1 of 4 steps" in said and "this run" in said, said
        assert "rest day" not in said
