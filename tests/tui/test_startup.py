"""Start-up: the garbage collector paused by coach.main runs again once home is painted."""

from __future__ import annotations

import gc
from pathlib import Path

from coach.tui.screens.home import HomeScreen
from tests.tui.harness import make_app


async def test_the_collector_runs_again_once_home_is_painted(tmp_path: Path) -> None:
    gc.disable()
    try:
        app = make_app(tmp_path)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            assert gc.isenabled()
    finally:
        gc.enable()
