"""The first-run statement: once, the first time coach opens; readable again from the plan."""

from __future__ import annotations

import os
from pathlib import Path

from coach.support.memory import Memory
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.statement import StatementScreen
from coach.tui.screens.support import SupportScreen
from tests.tui.harness import make_app, screen_text, settle
from tests.tui.support_helpers import plan_loader
from tests.tui.test_support_plan import open_plan


async def test_the_statement_comes_the_first_time_only(tmp_path: Path) -> None:
    app = make_app(tmp_path, statement=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StatementScreen)
        text = screen_text(app)
        assert "does not replace help from a doctor" in text
        assert "call your local emergency number" in text
        assert "Ctrl+G" in text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert Memory(tmp_path / "data").statement_seen()
    again = make_app(tmp_path, statement=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, HomeScreen)
        assert not again.screen_stack[:-1]


async def test_the_key_it_names_opens_the_plan_and_counts_as_read(tmp_path: Path) -> None:
    app = make_app(tmp_path, statement=True, support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StatementScreen)
        await open_plan(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert Memory(tmp_path / "data").statement_seen()


async def test_the_statement_can_be_read_again_from_the_plan(tmp_path: Path) -> None:
    app = make_app(tmp_path, support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, StatementScreen)
        assert "does not replace help" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+g")  # the key it names leads back to the one plan
        await pilot.pause()
        assert isinstance(app.screen, SupportScreen)
        assert [type(s).__name__ for s in app.screen_stack] == ["HomeScreen", "SupportScreen"]




async def test_the_first_run_places_the_example_plan_privately_and_never_over_one(
        tmp_path: Path, coach_dirs: dict[str, Path]) -> None:
    from coach.foundation.paths import shipped_support_example, support_file

    os.umask(0o000)
    try:
        app = make_app(tmp_path, statement=True)
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
    finally:
        os.umask(0o022)
    placed = support_file()
    assert placed.read_bytes() == shipped_support_example().read_bytes()
    assert placed.stat().st_mode & 0o777 == 0o600
    assert placed.parent.stat().st_mode & 0o777 == 0o700
    placed.write_text("coping: [Walk the dog]\n")
    assert not Memory(tmp_path / "data").statement_seen()  # still the first run, next time
    again = make_app(tmp_path, statement=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    assert placed.read_text() == "coping: [Walk the dog]\n"
