"""This device's id and name: made once outside the synced folders, kept as coach's own file,
never made anew over a file that is damaged, named by the person, shown by `coach doctor`,
and carried by every record written from now on."""

from __future__ import annotations

import os
import socket
import stat
from datetime import date, datetime, timezone
from pathlib import Path

import orjson
import pytest

from coach.foundation.files import atomic_create
from coach.foundation.paths import state_dir
from coach.store import Store
from coach.store.device import (DeviceProblem, device_file, device_id, looked_up, rename,
                                this_device)
from coach.store.records import record_problem
from tests.test_cli_mood import run, stored

UTC = (timezone.utc, "UTC")
NOW = datetime(2026, 11, 22, 20, tzinfo=timezone.utc)


def test_an_id_is_made_once_private_and_in_the_state_folder(
        coach_dirs: dict[str, Path]) -> None:
    assert device_file() == coach_dirs["state"] / "device.json"
    made = this_device()
    assert len(made.id) == 8 and set(made.id) <= set("abcdefghijklmnopqrstuvwxyz234567")
    assert made.name == socket.gethostname()
    assert this_device() == made  # read back, not made again
    info = os.lstat(device_file())
    assert stat.S_IMODE(info.st_mode) == 0o600 and stat.S_ISREG(info.st_mode)
    assert orjson.loads(device_file().read_bytes()) == {"v": 1, "id": made.id}
    assert not list(coach_dirs["state"].glob(".*.tmp"))


def test_ids_differ_between_devices(tmp_path: Path) -> None:
    ids = {this_device(tmp_path / str(n) / "device.json").id for n in range(20)}
    assert len(ids) == 20


def test_the_state_folder_follows_xdg_and_stays_out_of_the_data_folder(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("COACH_STATE_DIR")
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg"))
    assert state_dir() == tmp_path / "xdg" / "coach"
    monkeypatch.delenv("XDG_STATE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "coach"
    monkeypatch.setenv("XDG_STATE_HOME", "relative/path")  # not absolute: ignored, per XDG
    assert state_dir() == tmp_path / "home" / ".local" / "state" / "coach"


@pytest.mark.parametrize("content, why", [
    (b"", "it is empty"),
    (b'{"id": "k3v7', "it is not JSON"),
    (b'{"name": "laptop"}', "it holds no id"),
    (b'{"id": "K3V7Q2MA"}', "its id is not"),
    (b'{"id": "k3v7q2ma", "name": "a\\nb"}', "its name is not a name"),
    (b"[1, 2]", "it holds no id"),
])
def test_a_damaged_file_is_said_and_no_new_id_is_made_over_it(
        coach_dirs: dict[str, Path], content: bytes, why: str) -> None:
    path = device_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(DeviceProblem, match=why) as problem:
        this_device()
    assert "made no new device id" in str(problem.value) and str(path) in str(problem.value)
    assert device_id() == ""
    with pytest.raises(DeviceProblem):
        rename("laptop")
    assert path.read_bytes() == content
    assert sorted(p.name for p in path.parent.iterdir()) == ["device.json"]


def test_a_link_or_a_pipe_in_its_place_is_neither_followed_nor_replaced(
        coach_dirs: dict[str, Path], tmp_path: Path) -> None:
    path = device_file()
    path.parent.mkdir(parents=True)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(b'{"id": "k3v7q2ma"}')
    path.symlink_to(elsewhere)
    device, problem = looked_up()
    assert device is None and "it is a link" in str(problem)
    with pytest.raises(DeviceProblem):
        rename("laptop")
    assert path.is_symlink() and elsewhere.read_bytes() == b'{"id": "k3v7q2ma"}'
    path.unlink()
    os.mkfifo(path)
    assert "named pipe" in str(looked_up()[1])  # said without waiting for a writer
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


def test_making_a_file_never_replaces_what_is_there(tmp_path: Path) -> None:
    path = tmp_path / "made.json"
    atomic_create(path, b"first")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(FileExistsError):
        atomic_create(path, b"second")
    assert path.read_bytes() == b"first"
    link = tmp_path / "link.json"
    link.symlink_to(tmp_path / "nowhere")
    with pytest.raises(FileExistsError):
        atomic_create(link, b"second")
    assert link.is_symlink() and not (tmp_path / "nowhere").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "made.json"]


def test_an_id_made_by_another_coach_meanwhile_is_the_one_kept(
        coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """Two coaches started at once: the second to make the file reads the first's id."""
    import coach.store.device as device_module

    def made_meanwhile(path: Path, data: bytes) -> None:
        atomic_create(path, b'{"v": 1, "id": "k3v7q2ma"}')
        atomic_create(path, data)

    monkeypatch.setattr(device_module, "atomic_create", made_meanwhile)
    assert this_device().id == "k3v7q2ma"


def test_a_name_is_set_and_the_id_stays(coach_dirs: dict[str, Path]) -> None:
    made = this_device()
    named = rename("Kitchen laptop")
    assert (named.id, named.name) == (made.id, "Kitchen laptop")
    assert this_device() == named
    for bad in ("", "   ", "x" * 65, "two\nlines"):
        with pytest.raises(ValueError):
            rename(bad)
    assert this_device() == named


def test_coach_device_shows_and_names_this_device(coach_dirs: dict[str, Path]) -> None:
    code, out, err = run("device")
    made = this_device()
    assert (code, out, err) == (0, f"This device: {socket.gethostname()} ({made.id})\n", "")
    assert run("device", "--name", "Home server") == \
        (0, f"This device is now called Home server ({made.id}).\n", "")
    assert run("device") == (0, f"This device: Home server ({made.id})\n", "")
    code, out, err = run("device", "--name", "")
    assert (code, out) == (1, "") and "a device's name cannot be empty" in err


def test_doctor_says_which_device_this_is_or_what_is_wrong_with_its_file(
        coach_dirs: dict[str, Path]) -> None:
    rename("Home server")
    code, out, _ = run("doctor")
    assert out.splitlines()[0] == f"This device: Home server ({this_device().id})"
    device_file().write_bytes(b"{")
    code, out, _ = run("doctor")
    assert code == 1
    assert out.splitlines()[:2] == [
        "This device: not known",
        f"  ✗ {device_file()} is damaged (it is not JSON); coach made no new device id over "
        "it, and saves records without one. Move it away to have a new id made, or put back "
        "the id it held."]
    assert device_file().read_bytes() == b"{"


# -- records carry the device ------------------------------------------------------------------

def test_every_record_a_store_writes_carries_its_device(tmp_path: Path) -> None:
    from coach.foundation.values import StepOutcome

    store = Store(tmp_path, now=lambda: NOW, zone=UTC, device="k3v7q2ma")
    day = date(2026, 11, 22)
    store.record_session("morning", "s1", "started", steps_total=1)
    journal = store.record_step("morning", "s1", StepOutcome(
        "j", "journal", "done", NOW, NOW, {"text": "Rain"}))
    store.claim_reminder("morning", day, ("first",))
    store.mark_day("morning", date(2026, 11, 21), "done")
    store.set_rest_day("morning", date(2026, 11, 20))
    store.correct_entry(journal["uid"], day, {"text": "Sun"})
    records = store.records()
    assert len(records) == 6
    assert all(record["device"] == "k3v7q2ma" for record in records)
    assert all(record_problem(record) is None for record in records)
    # A store that does not know its device writes records as coach always did.
    Store(tmp_path / "other", now=lambda: NOW, zone=UTC).record_session("morning", "s2",
                                                                        "started")
    assert "device" not in Store(tmp_path / "other").records()[0]


def test_a_record_of_another_device_is_imported_as_it_is(tmp_path: Path) -> None:
    here = Store(tmp_path / "here", now=lambda: NOW, zone=UTC, device="aaaaaaaa")
    there = Store(tmp_path / "there", now=lambda: NOW, zone=UTC, device="bbbbbbbb")
    written = there.record_session("morning", "s1", "started")
    assert here.import_records([written]) == (1, 0)
    assert here.records() == [written] and written["device"] == "bbbbbbbb"


@pytest.mark.parametrize("value", ["K3V7Q2MA", "k3v7q2m", 7, ""])
def test_a_device_that_is_not_one_makes_a_record_malformed(value: object) -> None:
    record = {"v": 1, "uid": "r1", "kind": "mark", "routine": "morning", "day": "2026-11-22",
              "mark": "done", "utc": "2026-11-22T20:00:00.000Z", "tz": "UTC"}
    assert record_problem(record | {"device": "k3v7q2ma"}) is None
    assert record_problem(record | {"device": value}) is not None


def test_records_written_from_the_command_line_carry_this_devices_id(
        coach_dirs: dict[str, Path]) -> None:
    assert run("done", "morning")[0] == 0
    [record] = stored(coach_dirs["data"])
    assert record["device"] == this_device().id


def test_records_are_still_written_when_this_devices_file_is_damaged(
        coach_dirs: dict[str, Path]) -> None:
    device_file().parent.mkdir(parents=True)
    device_file().write_bytes(b"{")
    assert run("done", "morning")[0] == 0
    [record] = stored(coach_dirs["data"])
    assert "device" not in record
    assert device_file().read_bytes() == b"{"
