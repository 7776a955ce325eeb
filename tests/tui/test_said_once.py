"""What keeps a step from going on is said once, under the field it is about, and not
again in a notification over the screen."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from tests.tui.harness import settle, type_text
from tests.tui.terminal_text import painted_text
from tests.tui.test_field_problems import note, plan_app, plan_walk_at


async def test_a_problem_is_said_once_where_the_field_is(tmp_path: Path) -> None:
    app = plan_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await plan_walk_at(pilot, "soon", leave=False)
        await pilot.press("ctrl+n")
        await settle(pilot)
        screen = painted_text(app)
        assert screen.count("is not a time coach") == 1, screen
        assert "Not yet" not in screen, screen
        assert not list(app._notifications)
        assert note(app, "time-1") is not None
        assert "Step 1 of 2" in screen


async def test_next_takes_the_keyboard_to_the_first_field_to_put_right(tmp_path: Path) -> None:
    app = plan_app(tmp_path)
    async with app.run_test(size=(60, 20), notifications=True) as pilot:
        await plan_walk_at(pilot, "soon", leave=False)
        app.screen.query_one("#name-3", Input).focus()
        await pilot.pause()
        await type_text(pilot, "Read")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert app.screen.focused is app.screen.query_one("#time-1", Input)
        assert "'soon' is not a time" in painted_text(app)


async def test_a_field_over_its_length_is_said_under_it(tmp_path: Path) -> None:
    app = plan_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        await type_text(pilot, "Walk " * 17)  # 85 characters, 5 over the 80 of a name
        await pilot.press("ctrl+n")
        await settle(pilot)
        said = note(app, "name-1")
        assert said is not None and "The name of activity 1 is 5 characters over" in said, said
        assert painted_text(app).count("characters over") == 1
        assert not list(app._notifications)
