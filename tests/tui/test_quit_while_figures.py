"""Quitting while home's figures are being worked out closes coach calmly, even when a
newer reading of them (a reminder pass, another device's files) replaces the one under
way: Textual's own wait raised at a worker cancelled that way, and quitting ended in a
traceback."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from coach.store import Store
from coach.tui.screens.home import HomeScreen
from tests.tui.harness import make_app, settle


async def test_quitting_while_the_figures_are_read_again_ends_without_a_traceback(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app(tmp_path)
    reading, go_on = threading.Event(), threading.Event()
    series = Store.series

    def slow_series(store: Store):  # type: ignore[no-untyped-def]
        reading.set()
        go_on.wait(10)
        return series(store)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        monkeypatch.setattr(Store, "series", slow_series)
        home.load_progress()
        for _ in range(200):
            if reading.is_set():
                break
            await asyncio.sleep(0.01)
        assert reading.is_set(), "the figures were never read"
        ending = asyncio.create_task(app.end())
        await pilot.pause()
        home.load_progress()  # the newer reading: the one under way is cancelled
        go_on.set()
        await asyncio.wait_for(ending, 10)  # raised WorkerCancelled before
    assert app.return_code in (0, None)
