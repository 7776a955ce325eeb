"""The home screen shows what another device did once its records arrive in the data folder,
as it shows a routine file edited while coach is open."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.store import Store
from coach.tui.screens import home
from tests.tui.harness import NOON, make_app, screen_text, settle, workers_done

OTHER_DEVICE = "ab23cd45"


async def test_a_routine_finished_on_another_device_shows_done_today(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home, "FILES_CHECK_SECONDS", 0.05)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "✓ done today" not in screen_text(app)
        # What Syncthing brings: the other device's own month file, written by its coach.
        other = Store(tmp_path / "data", now=lambda: NOON, zone=(ZoneInfo("UTC"), "UTC"),
                      device=OTHER_DEVICE)
        other.record_session("morning", "s-other", "finished", steps_total=4)
        assert (tmp_path / "data" / f"records-2026-11.{OTHER_DEVICE}.json").exists()
        for _ in range(40):
            await pilot.pause(0.05)
            await workers_done(app)
            if "✓ done today" in screen_text(app):
                break
        text = screen_text(app)
        assert "✓ done today" in text, text
        assert "strength builds as you go" in text, text
