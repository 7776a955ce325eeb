"""A click on a key in the bottom bar presses that key."""

from __future__ import annotations

from pathlib import Path

from coach.tui.screens.help import HelpScreen
from coach.tui.widgets.key_bar import KeyBar
from tests.tui.harness import make_app, settle


async def test_a_click_on_help_in_the_key_bar_opens_help(
        tmp_path: Path, coach_dirs: dict[str, Path]) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(KeyBar)
        column = str(bar.render()).index("? Help")
        await pilot.click(KeyBar, offset=(column, 0))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
