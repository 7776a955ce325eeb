"""A timed step done again after going back: the longer practice is what stays saved."""

from __future__ import annotations

from pathlib import Path

from coach.routine.catalog import RoutineDir
from tests.fakes import FakeClock
from tests.tui.harness import make_app, screen_text, settle
from tests.tui.test_breathing_enter import breathe


def long_breathing(tmp_path: Path) -> RoutineDir:
    """Ten breaths of 4-2-4 (100 s), then a mood step."""
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "b.yaml").write_text(
        "title: B\nsteps:\n  - type: breathing\n    pattern: {inhale: 4, hold_in: 2, exhale: 4}\n"
        "    cycles: 10\n  - type: mood\n")
    return RoutineDir(directory, False)


async def breathing_seconds_saved(tmp_path: Path, first: float, again: float) -> list[float]:
    """Breathe `first` seconds and go on, come back, breathe `again` seconds and go on."""
    clock = FakeClock()
    app = make_app(tmp_path, dirs=[long_breathing(tmp_path)], clock=clock, start_with="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await breathe(pilot, clock, first)
        await pilot.press("enter")  # ends the breathing early
        await settle(pilot)
        assert "Step 2 of 2" in screen_text(app)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await breathe(pilot, clock, again)
        await pilot.press("enter")
        await settle(pilot)
        assert "Step 2 of 2" in screen_text(app)
    return [record["data"]["seconds"]
            for record in app.store.records(kind="step", routine="b")]


async def test_breathing_redone_for_less_keeps_the_longer_practice(tmp_path: Path) -> None:
    assert await breathing_seconds_saved(tmp_path, 60, 30) == [60.0]


async def test_breathing_redone_for_longer_saves_the_longer_practice(tmp_path: Path) -> None:
    assert await breathing_seconds_saved(tmp_path, 30, 60) == [30.0, 60.0]
