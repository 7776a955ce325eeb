"""The summary's Enter key says where it leads: home, or back to the routine a quick reset
was started over."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.tui.screens.run import RunScreen
from coach.tui.screens.summary import SummaryScreen
from tests.fakes import FakeClock
from tests.tui.harness import finish_timed_step, make_app, settle
from tests.tui.support_helpers import plan_loader
from tests.tui.terminal_text import painted_text


def key_bar(app) -> str:  # type: ignore[no-untyped-def]
    return painted_text(app).splitlines()[-1]


async def finish_quick_reset(pilot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+g")
    await settle(pilot)
    await pilot.press("r")
    await settle(pilot)
    assert pilot.app.screen.routine_run.routine.id == "quick-reset"
    await finish_timed_step(pilot, clock)
    await pilot.press("ctrl+n", "ctrl+s")  # the breathing done, grounding skipped
    await settle(pilot)
    assert isinstance(pilot.app.screen, SummaryScreen)


@pytest.mark.parametrize(("start_with", "keys", "said", "size"), [
    ("morning", (), "⏎ Back to Morning routine", (80, 24)),
    (None, (), "⏎ Home", (60, 20)),
    (None, ("h",), "⏎ Back", (80, 24)),  # over your progress
], ids=["in a routine", "from home", "over progress"])
async def test_the_summary_of_a_quick_reset_says_where_enter_goes(
        tmp_path: Path, start_with: str | None, keys: tuple[str, ...], said: str,
        size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, start_with=start_with, clock=clock, support_loader=plan_loader())
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        before = app.screen
        await finish_quick_reset(pilot, clock)
        bar = key_bar(app)
        assert f"{said}  " in bar, bar
        assert said == "⏎ Home" or "Home" not in bar, bar
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is before
        assert start_with is None or isinstance(before, RunScreen)
