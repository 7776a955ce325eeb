"""Keys sent quickly are handled in the order they came: a Tab or an Enter moves the
keyboard before the next key goes anywhere, and Next reads a field after everything typed
before it, so no field is read part way through an edit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.widgets import Input

from coach.routine.catalog import RoutineDir
from tests.tui.harness import make_app, press_at_once, settle, type_text
from tests.ui_thread import reads_allowed


def plan_app(tmp_path: Path, then: str = ""):  # type: ignore[no-untyped-def]
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "day.yaml").write_text(
        "title: Day\nsteps:\n  - type: activity_plan\n" + then)
    return make_app(tmp_path, dirs=[RoutineDir(directory, False)], start_with="day")


def field(app, field_id: str) -> str:  # type: ignore[no-untyped-def]
    return app.screen.query_one(f"#{field_id}", Input).value


def planned(app) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    with reads_allowed():
        plans = app.store.step_records("activity_plan")
    return plans[-1]["data"]["activities"] if plans else []


async def test_keys_after_a_tab_go_to_the_field_it_moved_to(tmp_path: Path) -> None:
    app = plan_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_at_once(pilot, "a", "b", "tab", "c", "d", "tab", "5", "shift+tab")
        assert (field(app, "name-1"), field(app, "time-1"), field(app, "predicted-1")) == (
            "ab", "cd", "5")
        assert app.focused is app.screen.query_one("#time-1")


async def test_keys_after_an_enter_go_to_the_next_field(tmp_path: Path) -> None:
    app = plan_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_at_once(pilot, "w", "a", "l", "k", "enter", "1", "8", "enter", "7")
        assert (field(app, "name-1"), field(app, "time-1"), field(app, "predicted-1")) == (
            "walk", "18", "7")


async def test_next_reads_a_rating_after_the_keys_typed_before_it(tmp_path: Path) -> None:
    """Correcting 11 to 10 and pressing Next at once stores 10, not the 1 seen between."""
    app = plan_app(tmp_path, then="  - type: affirmation\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "walk")
        app.screen.query_one("#predicted-1", Input).focus()
        await settle(pilot)
        await type_text(pilot, "11")
        await press_at_once(pilot, "backspace", "0", "ctrl+n")
        assert [a["predicted"] for a in planned(app)] == [10]
        assert "Step 2 of 2" in str(app.screen.query_one("#run-position").render())


async def test_keys_after_enter_in_the_last_field_go_to_the_next_step(tmp_path: Path) -> None:
    app = plan_app(tmp_path, then="    max_activities: 1\n  - type: gratitude\n")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_at_once(pilot, "w", "a", "l", "k", "enter", "1", "8", "3", "0", "enter",
                            "5", "enter", "t", "e", "a")
        assert [(a["name"], a["time"], a["predicted"]) for a in planned(app)] == [
            ("walk", "18:30", 5)]
        assert field(app, "thing-1") == "tea"



async def test_a_paste_after_a_tab_goes_to_the_field_it_moved_to(tmp_path: Path) -> None:
    app = plan_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_at_once(pilot, "w", "a", "l", "k", "tab", events.Paste("18:30"))
        assert (field(app, "name-1"), field(app, "time-1")) == ("walk", "18:30")
