"""coach's data folder synced by two real Syncthing instances: what one device records, the
other shows, including what both recorded while they were apart.

Until coach writes per-device files, each side here records in a month of its own, so that
no month's records are written on both sides; the digests that both sides' exports write
for every month still meet as conflict copies, after the checks. The tests prove the
engine, the harness and the installed coach together.
"""

from __future__ import annotations

import json
import stat

import pytest

from coach.store.privacy import exposed_paths
from tests.sync.conftest import coach_on
from tests.sync.harness import FOLDER_ID, Pair, SyncthingError

NOW = "2026-11-22 20:00"


def exported(side_output: str) -> list[dict]:
    """The records of a `coach export --format json`, in uid order."""
    return sorted(json.loads(side_output)["records"], key=lambda record: record["uid"])


def test_a_check_in_on_one_device_shows_in_the_others_history(pair: Pair) -> None:
    """And arrives private: Syncthing carries each file's permissions (the folder's
    ignorePerms is off), so b's copy of a's month file is 0600, as a wrote it."""
    for side in pair.sides():
        side.folder.chmod(0o700)  # as coach makes its data folder
    said = coach_on(pair.a, "mood", "6", "words", "--tag", "walk", when=NOW)
    assert said.stdout.strip() == "Saved your check-in: 6 (words), tagged walk"

    pair.wait_in_sync()

    history = coach_on(pair.b, "history", when=NOW).stdout
    assert "Sunday 22 November 2026" in history
    assert '20:00  ✓ Mood check-in: 6/10 · "words" · tagged walk' in history
    [delivered] = pair.b.folder.glob("records-2026-11.*.json")
    assert stat.S_IMODE(delivered.stat().st_mode) == 0o600
    assert exposed_paths(pair.b.folder) == []


def test_check_ins_made_apart_are_on_both_devices_once_they_meet(pair: Pair) -> None:
    coach_on(pair.a, "mood", "6", "words", "--tag", "walk", when=NOW)
    pair.wait_in_sync()

    pair.pause()
    coach_on(pair.a, "mood", "4", "a slow day", when="2026-10-05 09:30")
    coach_on(pair.b, "mood", "8", "sunny", "--tag", "friends", when="2026-09-14 18:15")
    pair.rescan()  # each side has its own check-in in its index before they meet
    assert not (pair.b.folder / "records-2026-10.json").exists()
    assert not (pair.a.folder / "records-2026-09.json").exists()
    pair.resume()
    pair.wait_in_sync()

    on_a = exported(coach_on(pair.a, "export", "--format", "json", when=NOW).stdout)
    on_b = exported(coach_on(pair.b, "export", "--format", "json", when=NOW).stdout)
    assert on_a == on_b
    assert sorted((record["day"], record["data"]["rating"], record["data"]["note"])
                  for record in on_a) == [("2026-09-14", 8, "sunny"),
                                          ("2026-10-05", 4, "a slow day"),
                                          ("2026-11-22", 6, "words")]


def test_the_engines_keep_to_loopback_and_a_wait_that_fails_says_why(pair: Pair) -> None:
    for side in pair.sides():
        options = side.get("/rest/config/options")
        assert options["listenAddresses"] == [side.listen]
        assert not any(options[key] for key in (
            "globalAnnounceEnabled", "localAnnounceEnabled", "relaysEnabled", "natEnabled",
            "crashReportingEnabled", "autoUpgradeIntervalH"))
        assert options["urAccepted"] == -1
        assert list(side.get("/rest/system/status")["connectionServiceStatus"]) == [side.listen]
        assert side.get("/rest/system/discovery") == {}
        folder = side.get(f"/rest/config/folders/{FOLDER_ID}")
        assert folder["path"] == str(side.folder)
        assert {device["deviceID"] for device in folder["devices"]} == {pair.a.device_id,
                                                                       pair.b.device_id}

    pair.pause_folder(pair.b)
    assert pair.b.get(f"/rest/config/folders/{FOLDER_ID}")["paused"] is True
    assert pair.b.status()["state"] != "idle"  # 1.19 says "" of a paused folder
    (pair.a.folder / "after-the-pause.txt").write_text("waits for b")
    pair.rescan(pair.a)
    pair.resume_folder(pair.b)
    pair.wait_in_sync()
    assert (pair.b.folder / "after-the-pause.txt").read_text() == "waits for b"

    pair.pause()
    (pair.a.folder / "only-on-a.txt").write_text("kept apart")
    with pytest.raises(SyncthingError) as failed:
        pair.wait_in_sync(timeout=2)
    message = str(failed.value)
    assert "timed out after 2 s waiting for the folder to be in sync on both sides" in message
    assert '"connected": false' in message
    assert "--- a's Syncthing log, last lines ---" in message
    assert "--- b's Syncthing log, last lines ---" in message
    assert f"Pausing {pair.b.device_id}" in message  # from a's log
    assert not (pair.b.folder / "only-on-a.txt").exists()
