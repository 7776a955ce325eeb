"""What is said about a step (a problem with what was typed) ends with the step."""

from __future__ import annotations

from pathlib import Path

from coach.routine.catalog import RoutineDir
from tests.tui.harness import make_app, screen_text, settle, type_text


async def test_a_fixed_problem_does_not_follow_to_the_next_step(tmp_path: Path) -> None:
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "day.yaml").write_text(
        "title: Day\nsteps:\n  - type: activity_plan\n  - type: mood\n")
    app = make_app(tmp_path, dirs=[RoutineDir(directory, False)], start_with="day")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Walk")
        await pilot.press("tab", "tab")
        await type_text(pilot, "11")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Activity 1: enjoyment is 0 to 10." in screen_text(app)
        await pilot.press("backspace", "backspace", "5", "ctrl+n")
        await settle(pilot)
        assert "Step 2 of 2" in screen_text(app)
        assert "enjoyment" not in screen_text(app)
