"""The time of a planned activity: typed as people write it, kept whole, and quoted whole
when it cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from tests.tui.harness import settle
from tests.tui.terminal_text import painted_text
from tests.tui.test_field_problems import note, plan_app, plan_walk_at
from tests.ui_thread import reads_allowed


async def test_a_time_with_dots_for_pm_is_kept_whole_and_read(tmp_path: Path) -> None:
    app = plan_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await plan_walk_at(pilot, "10:30 p.m.")
        assert app.screen.query_one("#time-1", Input).value == "10:30 p.m."
        assert note(app, "time-1") is None
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Step 2 of 2" in painted_text(app)
        with reads_allowed():
            [plan] = app.store.step_records("activity_plan")
        assert plan["data"]["activities"][0]["time"] == "22:30"


@pytest.mark.parametrize(("typed", "said"), [
    ("half nine", "'half nine' is 9:30 to some people and 8:30 to others"),
    ("[b]at six[/b]", "'[b]at six[/b]' is not a time coach can read"),
    ("after lunch, when the rain stops",
     "'after lunch, when the rain stops' is not a time coach can read"),
])
async def test_a_time_that_cannot_be_read_is_quoted_whole_as_typed(
        tmp_path: Path, typed: str, said: str) -> None:
    app = plan_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await plan_walk_at(pilot, typed)
        assert app.screen.query_one("#time-1", Input).value == typed
        assert said in (note(app, "time-1") or "")
        await pilot.press("ctrl+n")
        await settle(pilot)
        screen = painted_text(app)
        assert "Step 1 of 2" in screen
        assert said.split(" is ")[0] in screen, screen
        # One thing is said of the field: a time too long to be one is not also counted.
        assert "over the" not in (note(app, "time-1") or "")


async def test_half_nine_is_answered_with_both_readings(tmp_path: Path) -> None:
    """Its examples are the two readings (9:30 and 8:30), not one reading's morning and
    evening."""
    app = plan_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await plan_walk_at(pilot, "half nine")
        said = note(app, "time-1") or ""
    assert "like 21:30 or 20:30 (in the morning 09:30 or 08:30)" in said, said
