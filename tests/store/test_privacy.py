"""Data is private to its owner, even under a permissive umask; doctor finds and fixes the rest."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.store import Store
from coach.store.privacy import exposed_paths, tighten


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_everything_coach_writes_is_private_under_umask_000(tmp_path: Path, umask_000: None) -> None:
    directory = tmp_path / "data"
    store = Store(directory, zone=(ZoneInfo("UTC"), "UTC"),
                  now=lambda: datetime(2026, 11, 22, tzinfo=timezone.utc))
    store.add({"kind": "session", "routine": "r", "session": "s", "event": "started",
               "day": "2026-11-22", "utc": "2026-11-22T12:00:00Z", "tz": "UTC"})
    (directory / "records-2026-11.json").write_bytes(b"{broken")  # a repair writes a copy too
    os.chmod(directory / "records-2026-11.json", 0o600)
    store.records()
    assert mode(directory) == 0o700
    for path in directory.iterdir():
        assert mode(path) == 0o600, path
    assert exposed_paths(directory) == []


def test_crash_log_is_private_under_umask_000(coach_dirs: dict[str, Path], umask_000: None) -> None:
    from coach.foundation.crash import report_crash

    assert report_crash(RuntimeError("boom")) == 70
    log = coach_dirs["data"] / "logs" / "errors.log"
    assert mode(log) == 0o600 and mode(log.parent) == 0o700


def test_exposed_files_are_found_and_tightened(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    (directory / "logs").mkdir(parents=True)
    (directory / "records-2026-11.json").write_text("{}")
    os.chmod(directory, 0o755)
    os.chmod(directory / "logs", 0o750)
    os.chmod(directory / "records-2026-11.json", 0o644)
    found = exposed_paths(directory)
    assert sorted(p.path.name for p in found) == ["data", "logs", "records-2026-11.json"]
    assert "is open to your group and every user" in found[0].describe()
    tighten(found)
    assert exposed_paths(directory) == []
    assert mode(directory) == 0o700 and mode(directory / "records-2026-11.json") == 0o600


def test_syncthings_marker_folder_is_left_to_syncthing(tmp_path: Path) -> None:
    """Syncthing makes .stfolder open to others (0755), with at most a note of the folder's
    id in it: none of the person's data, so no reason to warn of it."""
    directory = tmp_path / "data"
    (directory / ".stfolder").mkdir(parents=True)
    (directory / ".stfolder" / "syncthing-folder-1a2b3c.txt").write_text("folderID: coach\n")
    os.chmod(directory, 0o700)
    os.chmod(directory / ".stfolder", 0o755)
    os.chmod(directory / ".stfolder" / "syncthing-folder-1a2b3c.txt", 0o644)
    assert exposed_paths(directory) == []
    (directory / "logs" / ".stfolder").mkdir(parents=True, mode=0o755)
    os.chmod(directory / "logs", 0o700)
    os.chmod(directory / "logs" / ".stfolder", 0o755)
    assert [found.path for found in exposed_paths(directory)] == [directory / "logs" / ".stfolder"]
