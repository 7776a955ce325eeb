"""The home screen shows what another device did once its records arrive in the data folder,
as it shows a routine file edited while coach is open; a conflict copy of a month file that
arrives meanwhile is merged then, not only at the next start."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.pilot import Pilot

from coach.store import Store
from coach.tui.screens import home
from tests.tui.harness import NOON, make_app, screen_text, settle, workers_done
from tests.tui.test_data_notices import messages

OTHER_DEVICE = "ab23cd45"


async def shown_done_today(pilot: Pilot) -> None:
    """Until home says a routine is done today, or two seconds of its checks have passed."""
    for _ in range(40):
        await pilot.pause(0.05)
        await workers_done(pilot.app)
        if "✓ done today" in screen_text(pilot.app):
            return


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
        await shown_done_today(pilot)
        text = screen_text(app)
        assert "✓ done today" in text, text
        assert "strength builds as you go" in text, text


#: A conflict copy of the other device's month file, named as Syncthing names it.
COPY = f"records-2026-11.{OTHER_DEVICE}.sync-conflict-20261122-200000-ABCDEFG.json"


def finished_elsewhere(tmp_path: Path) -> bytes:
    """The month file of a device that finished the morning routine today."""
    other = Store(tmp_path / "elsewhere", now=lambda: NOON, zone=(ZoneInfo("UTC"), "UTC"),
                  device=OTHER_DEVICE)
    other.record_session("morning", "s-other", "finished", steps_total=4)
    return (tmp_path / "elsewhere" / f"records-2026-11.{OTHER_DEVICE}.json").read_bytes()


async def test_a_conflict_copy_arriving_while_home_is_open_is_merged_then(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(home, "FILES_CHECK_SECONDS", 0.05)
    held = finished_elsewhere(tmp_path)
    data = tmp_path / "data"
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "✓ done today" not in screen_text(app)
        data.mkdir(exist_ok=True)
        (data / COPY).write_bytes(held)
        (data / COPY).chmod(0o600)  # Syncthing's copy keeps the file's mode
        await shown_done_today(pilot)
        text = screen_text(app)
        assert "✓ done today" in text, text
        assert messages(app) == [f"Merged 1 record from the conflict copy {COPY}; the "
                                 "copy is now in conflicts-merged/"]
    assert (data / "conflicts-merged" / COPY).read_bytes() == held
    assert not (data / COPY).exists()


async def test_a_damaged_copy_arriving_while_home_is_open_is_said_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It stays where it is for the person to look at: the next checks leave it alone."""
    monkeypatch.setattr(home, "FILES_CHECK_SECONDS", 0.05)
    damaged = b'{"records": {"1": {"uid": "a'
    data = tmp_path / "data"
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        data.mkdir(exist_ok=True)
        (data / COPY).write_bytes(damaged)
        (data / COPY).chmod(0o600)
        for _ in range(40):
            await pilot.pause(0.05)
            await workers_done(app)
            if messages(app):
                break
        for _ in range(10):  # ten more checks
            await pilot.pause(0.05)
            await workers_done(app)
        [said] = messages(app)
        assert said.startswith(f"{COPY} is a copy a sync tool made of a month file, and it is "
                               "damaged"), said
    assert (data / COPY).read_bytes() == damaged


async def test_a_month_file_arriving_open_to_others_is_said_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As Syncthing delivers files with its Ignore Permissions option on: 0644. One open
    before the app started is said by the check at start only."""
    monkeypatch.setattr(home, "FILES_CHECK_SECONDS", 0.05)
    held = finished_elsewhere(tmp_path)
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    (data / "records-2026-11.json").write_text('{"records": {}}')
    (data / "records-2026-11.json").chmod(0o644)
    arrived = data / f"records-2026-11.{OTHER_DEVICE}.json"
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        at_start = "1 of your data files or folders can be read by other users of this " \
            "computer. Run 'coach doctor --fix' to make them private."
        assert messages(app) == [at_start]
        arrived.write_bytes(held)
        arrived.chmod(0o644)
        for _ in range(40):
            await pilot.pause(0.05)
            await workers_done(app)
            if len(messages(app)) > 1:
                break
        for _ in range(10):  # ten more checks
            await pilot.pause(0.05)
            await workers_done(app)
        assert messages(app) == [
            at_start,
            f"{arrived.name} in your data folder can be read by other users of this computer "
            "(a sync tool may have brought it so: in Syncthing, the folder's Ignore "
            "Permissions option does this). Run 'coach doctor --fix' to make it private."]
        assert "✓ done today" in screen_text(app)
