"""The quiet line on home when a self-check is due: only with self_check_reminder on, read
by the worker that reads habit strength, never a notification."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from textual.widgets import Static

from coach.config.settings import Settings
from tests.tui.harness import make_app, screen_text, settle
from tests.tui.self_check_data import write_checks
from tests.tui.terminal_text import painted_text

DUE = "A PHQ-9 self-check is due (the last was 16 days ago). ^k Self-check"


async def test_a_due_self_check_is_a_quiet_line_on_home_when_turned_on(tmp_path: Path) -> None:
    write_checks(tmp_path / "data", [(date(2026, 11, 6), "phq9", 9),
                                     (date(2026, 11, 15), "gad7", 4)])
    app = make_app(tmp_path, settings=Settings(self_check_reminder=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert DUE in painted_text(app)
        assert app.screen.query_one("#self-check-due", Static).display
        assert not app._notifications  # never a notification


async def test_nothing_is_said_when_turned_off_or_nothing_is_due(tmp_path: Path) -> None:
    write_checks(tmp_path / "data", [(date(2026, 11, 6), "phq9", 9),
                                     (date(2026, 11, 15), "gad7", 4)])
    app = make_app(tmp_path)  # off by default
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "self-check" not in screen_text(app).lower()
    write_checks(tmp_path / "data", [(date(2026, 11, 20), "phq9", 7)])
    app = make_app(tmp_path, settings=Settings(self_check_reminder=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "self-check" not in screen_text(app).lower()
        assert not app.screen.query_one("#self-check-due", Static).display


async def test_taking_the_due_self_check_takes_the_line_away_on_the_way_home(
        tmp_path: Path) -> None:
    write_checks(tmp_path / "data", [(date(2026, 11, 6), "phq9", 9),
                                     (date(2026, 11, 15), "gad7", 4)])
    app = make_app(tmp_path, settings=Settings(self_check_reminder=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert DUE in painted_text(app)
        store_add = app.store.add

        def slow_add(record: dict) -> dict:  # type: ignore[type-arg]
            time.sleep(0.5)  # a slow disk: home reads again while the check is on its way
            return store_add(record)

        app.store.add = slow_add  # type: ignore[method-assign]
        app.routines.start_check("phq9")
        await settle(pilot)
        await pilot.press(*"0" * 9, "0")  # nine items, then the difficulty question
        await settle(pilot)
        assert "Your total: 0 of 27" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "self-check" not in painted_text(app).lower()
