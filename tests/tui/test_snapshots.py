"""SVG snapshots at 80x24 of the screens people look at: home, every step, summary, resume.

Update after an intended change with: pytest tests/tui/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from coach.routine.catalog import RoutineDir
from tests.tui.harness import make_app, settle, type_text

EVERY_STEP = RoutineDir(Path(__file__).parent / "routines", False)
STEP_NAMES = ["instruction", "breathing-named", "breathing-custom-rating", "pmr", "grounding",
              "gratitude", "affirmation", "activity_plan", "activity_review-empty", "journal",
              "mood"]


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make each snapshot depend on the moment it is taken."""
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


@pytest.fixture(params=[False, True], ids=["colour", "NO_COLOR"])
def no_colour(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Each screen with colour and without: focus and choices must show either way."""
    if request.param:
        monkeypatch.setenv("NO_COLOR", "1")
    return bool(request.param)


def test_home(snap_compare, tmp_path: Path, no_colour: bool) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24))


@pytest.mark.parametrize("index", range(len(STEP_NAMES)), ids=STEP_NAMES)
def test_step(snap_compare, tmp_path: Path, index: int, no_colour: bool) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path, dirs=[EVERY_STEP], start_with="weekend")

    async def skip_to_step(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        for _ in range(index):
            await pilot.press("ctrl+s")
            await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=skip_to_step)


def test_activity_review_with_todays_plan(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path)

    async def plan_then_review(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("enter", "ctrl+s", "ctrl+s")  # morning: skip to the plan
        await pilot.pause()
        await type_text(pilot, "Walk")
        await pilot.press("tab")
        await type_text(pilot, "18:00")
        await pilot.press("tab", "6", "ctrl+n", "escape")
        await settle(pilot)
        await pilot.press("down", "enter", "ctrl+s")  # evening: skip PMR to the review
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=plan_then_review)


def test_summary(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path, start_with="morning")

    async def finish(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+s", "ctrl+s", "ctrl+s", "7", "ctrl+n")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=finish)


def test_resume_question(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path)

    async def leave_and_return(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("enter", "ctrl+s", "escape")
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=leave_and_return)
