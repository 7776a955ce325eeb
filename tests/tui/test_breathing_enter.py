"""Enter ends a breathing step early: what was done is kept, and the routine goes on."""

from __future__ import annotations

from pathlib import Path

from coach.tui.steps.breathing import BreathingWidget
from tests.fakes import FakeClock
from tests.tui.harness import make_app, screen_text, settle
from tests.tui.test_pacer import breathing_routine

THEN_MOOD = "  - type: mood\n"  # two breaths of 4-2-4 (20 s), then a mood step


async def breathe(pilot, clock: FakeClock, seconds: float) -> None:  # type: ignore[no-untyped-def]
    widget = pilot.app.screen.widget
    assert isinstance(widget, BreathingWidget) and widget.stage == "exercise"
    clock.advance(seconds)
    widget.tick()
    await pilot.pause()


async def test_enter_ends_the_breathing_early_and_goes_on(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, dirs=[breathing_routine(tmp_path, THEN_MOOD)], clock=clock,
                   start_with="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await breathe(pilot, clock, 13.5)  # into the second breath of two
        assert "Step 1 of 2" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Step 2 of 2" in screen_text(app)  # the mood step
    [record] = app.store.records(kind="step", routine="b")
    assert record["step"] == "breathing" and record["status"] == "done"
    assert record["data"] == {"completed": False, "seconds": 13.5, "pattern": "custom",
                              "breaths": 1}


async def test_with_ratings_enter_ends_the_breathing_and_asks_how_you_feel(
        tmp_path: Path) -> None:
    clock = FakeClock()
    rated = breathing_routine(tmp_path, "    rate_distress: true\n" + THEN_MOOD)
    app = make_app(tmp_path, dirs=[rated], clock=clock, start_with="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("6", "enter")  # the rating before, then the exercise begins
        await pilot.pause()
        await breathe(pilot, clock, 5)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.widget.stage == "after"  # type: ignore[attr-defined]
        assert "And now? How distressed or tense do you feel?" in screen_text(app)
        clock.advance(30)  # the clock has stopped with the exercise
        await pilot.press("3", "enter")
        await settle(pilot)
        assert "Step 2 of 2" in screen_text(app)
    [record] = app.store.records(kind="step", routine="b")
    assert record["data"] == {"completed": False, "seconds": 5.0, "pattern": "custom",
                              "breaths": 0, "distress_before": 6, "distress_after": 3}
