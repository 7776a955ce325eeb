"""One key (^g) opens the support plan from every screen and every step, even while typing or
during a running pacer, and closing it returns to exactly where the person was."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from coach.tui.screens.resume import ResumeScreen
from coach.tui.screens.run import RunScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.screens.support import SupportScreen
from coach.tui.steps.timed import TimedExerciseWidget
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.rating import Rating
from tests.fakes import FakeClock
from tests.tui.harness import make_app, settle, type_text
from tests.tui.test_snapshots import EVERY_STEP, STEP_NAMES


async def open_and_close(pilot, close: str = "ctrl+g") -> None:  # type: ignore[no-untyped-def]
    below = pilot.app.screen
    await pilot.press("ctrl+g")
    await pilot.pause()
    assert isinstance(pilot.app.screen, SupportScreen)
    await pilot.press(close)
    await pilot.pause()
    assert pilot.app.screen is below


def key_bar_text(app) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(KeyBar).render())


async def test_the_key_opens_the_plan_from_home_and_the_key_bar_names_it(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "^g Support" in key_bar_text(app)
        home = app.screen
        highlighted = home.query_one("#routines").highlighted
        await pilot.press("down")
        await open_and_close(pilot, close="escape")
        await open_and_close(pilot, close="ctrl+g")
        assert home.query_one("#routines").highlighted == (highlighted or 0) + 1


@pytest.mark.parametrize("index", range(len(STEP_NAMES)), ids=STEP_NAMES)
async def test_the_key_works_in_every_step_and_nothing_typed_is_lost(tmp_path: Path,
                                                                     index: int) -> None:
    app = make_app(tmp_path, dirs=[EVERY_STEP], start_with="weekend")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(index):
            await pilot.press("ctrl+s")
            await pilot.pause()
        run = app.screen
        assert isinstance(run, RunScreen)
        focused = app.focused
        if isinstance(focused, (Input, TextArea)):
            await type_text(pilot, "half a [b]thought")
        elif isinstance(focused, Rating):
            await pilot.press("7")
        before = (focused.value if isinstance(focused, (Input, Rating)) else
                  focused.text if isinstance(focused, TextArea) else None)
        assert "^g Support" in key_bar_text(app)
        await open_and_close(pilot)
        assert run.routine_run.index == index
        assert app.focused is focused
        after = (focused.value if isinstance(focused, (Input, Rating)) else
                 focused.text if isinstance(focused, TextArea) else None)
        assert after == before
        if isinstance(focused, (Input, TextArea)):
            assert "half a [b]thought" in str(after)


async def test_a_running_pacer_waits_while_the_plan_is_open(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, dirs=[EVERY_STEP], start_with="weekend", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")  # the 4-7-8 breathing step
        await pilot.pause()
        pacer = app.screen.widget
        assert isinstance(pacer, TimedExerciseWidget)
        clock.advance(3)
        pacer.tick()
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert pacer.is_paused
        clock.advance(120)  # a long read of the plan
        await pilot.press("escape")
        await pilot.pause()
        assert not pacer.is_paused
        assert pacer.stopwatch.elapsed() == pytest.approx(3)
        assert app.screen.stopwatch.elapsed() == pytest.approx(3)
        clock.advance(2)
        pacer.tick()
        assert pacer.stopwatch.elapsed() == pytest.approx(5)  # on from where it was


async def test_a_pacer_the_person_paused_stays_paused(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, dirs=[EVERY_STEP], start_with="weekend", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        pacer = app.screen.widget
        clock.advance(3)
        await pilot.press("space")
        await pilot.pause()
        assert pacer.is_paused
        await open_and_close(pilot)
        assert pacer.is_paused
        assert "space Resume" in key_bar_text(app)


async def test_the_instruction_countdown_waits_too(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, dirs=[EVERY_STEP], start_with="weekend", clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        countdown = app.screen.widget
        clock.advance(10)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert countdown.is_paused
        clock.advance(300)
        await pilot.press("ctrl+g")
        await pilot.pause()
        assert countdown.stopwatch.elapsed() == pytest.approx(10)
        assert not countdown.is_paused


async def test_the_key_works_from_the_summary(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", "ctrl+s", "ctrl+s", "7", "ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "^g Support" in key_bar_text(app)
        await open_and_close(pilot, close="escape")


async def test_the_key_works_over_the_resume_question(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "ctrl+s", "escape")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "^g Support" in key_bar_text(app)  # a modal screen names it too
        await open_and_close(pilot)
        assert app.focused is app.screen.query_one("#resume")
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.screen.routine_run.index == 1


async def test_the_key_bar_keeps_the_key_in_sight_at_60_columns(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[EVERY_STEP], start_with="weekend")
    async with app.run_test(size=(60, 20)) as pilot:
        await pilot.press("ctrl+s")  # breathing: the most keys, with space Pause
        await pilot.pause()
        await pilot.press("space")  # Resume is longer still
        await pilot.pause()
        shown = key_bar_text(app)
        assert shown.rstrip().endswith("^g Support") and len(shown) <= 60, shown
        assert "space Resume" in shown and "esc Leave" in shown
        assert "? Help" in shown  # the keys left out for room are all on the help screen
    async with make_app(tmp_path).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert key_bar_text(pilot.app).startswith(
            " ⏎ Start  q Quit  h History  n Need something now  m Mood  ? Help  ^g Support")
