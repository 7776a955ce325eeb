"""The harness of two real Syncthing instances keeps its promises: nothing past loopback,
the folder shared both ways, pauses that hold, and a failed wait that says why.
"""

from __future__ import annotations

import pytest

from tests.sync.harness import FOLDER_ID, Pair, SyncthingError


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
