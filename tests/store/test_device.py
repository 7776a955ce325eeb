"""This device's id and name: made once outside the synced folders, kept as coach's own file,
never made anew over a file that is damaged, named by the person, shown by `coach doctor`,
and carried by every record written from now on."""

from __future__ import annotations

import errno
import os
import socket
import stat
from dataclasses import replace
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from coach.foundation.files import atomic_create
from coach.foundation.paths import state_dir
from coach.store import Store
from coach.store.device import (Device, DeviceProblem, device_file, device_id, looked_up, rename,
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
    assert device_file().read_text() == f'{{\n  "v": 1,\n  "id": "{made.id}"\n}}\n'
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
    (b"  \n", "it is empty"),
    (b'{"id": "k3v7', "it is not JSON"),
    (b'{"name": "laptop"}', "it holds no id"),
    (b'{"id": "K3V7Q2MA"}', "its id is not 8 letters and digits such as k3v7q2ma"),
    (b'{"id": "k3v7q2ma", "name": "a\\nb"}', "its name is not a name"),
    (b'{"id": "k3v7q2ma", "name": 7}', "its name is not a name"),
    (b"[1, 2]", "it holds no id"),
    (b'{"id": "k3v7q2ma", "pad": "' + b"x" * 4096 + b'"}', "it is bigger than 4,096 bytes"),
])
def test_a_damaged_file_is_said_and_no_new_id_is_made_over_it(
        coach_dirs: dict[str, Path], content: bytes, why: str) -> None:
    path = device_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    with pytest.raises(DeviceProblem) as problem:
        this_device()
    assert str(problem.value) == (
        f"{path} is damaged ({why}); coach made no new device id over it, and saves records "
        "without one. Move it away to have a new id made, or put back the id it held.")
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
    assert device is None
    assert problem == (f"{path} cannot be read (it is a link; coach keeps this file itself: "
                       "move the link away); coach made no new device id over it, and saves "
                       "records without one until it can be read")
    with pytest.raises(DeviceProblem):
        rename("laptop")
    assert path.is_symlink() and elsewhere.read_bytes() == b'{"id": "k3v7q2ma"}'
    path.unlink()
    os.mkfifo(path)
    assert "named pipe" in str(looked_up()[1])  # said without waiting for a writer
    assert stat.S_ISFIFO(os.lstat(path).st_mode)


def test_a_file_of_the_largest_size_coach_reads_is_read_to_its_last_byte(
        coach_dirs: dict[str, Path]) -> None:
    path = device_file()
    path.parent.mkdir(parents=True)
    document = b'{"v": 1, "id": "k3v7q2ma", "name": "laptop"' + b" " * 4096
    path.write_bytes(document[:4095] + b"}")
    assert len(path.read_bytes()) == 4096
    assert this_device() == Device("k3v7q2ma", "laptop")


def test_reading_this_devices_id_writes_nothing(coach_dirs: dict[str, Path]) -> None:
    made = this_device()
    os.utime(state_dir(), (1_790_000_000, 1_790_000_000))
    assert this_device() == made and device_id() == made.id
    assert os.stat(state_dir()).st_mtime == 1_790_000_000  # not even a file made and removed


def test_a_file_that_is_not_text_is_damaged(coach_dirs: dict[str, Path]) -> None:
    device_file().parent.mkdir(parents=True)
    device_file().write_bytes(b'{"id": "k3v7q2ma", "name": "\xff\xfe"}')
    assert "is damaged (it is not JSON)" in str(looked_up()[1])


def test_a_file_that_fails_as_it_is_read_is_said(coach_dirs: dict[str, Path],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """A disk failing under the file: an error reading it once open."""
    import coach.store.device as device_module

    this_device()
    kept = device_file().read_bytes()
    fdopen = os.fdopen

    class Failing:
        def __init__(self, fd: int, *args: object) -> None:
            self.handle = fdopen(fd, *args)

        def __enter__(self) -> Failing:
            return self

        def __exit__(self, *_: object) -> None:
            self.handle.close()

        def read(self, size: int) -> bytes:
            raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(device_module.os, "fdopen", Failing)
    assert looked_up() == (None, f"{device_file()} cannot be read (input/output error); coach "
                                 "made no new device id over it")
    assert device_file().read_bytes() == kept


def test_an_id_that_cannot_be_kept_is_said(coach_dirs: dict[str, Path],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    import coach.store.device as device_module

    def disk_full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(device_module, "atomic_create", disk_full)
    assert looked_up() == (None, f"coach could not keep this device's id in {device_file()} "
                                 "(no space left on device); records are saved without it")

    def made_and_gone(path: Path, data: bytes) -> None:
        raise FileExistsError(errno.EEXIST, "made by another coach, and moved away since")

    monkeypatch.setattr(device_module, "atomic_create", made_and_gone)
    assert looked_up() == (None, f"coach could not keep this device's id in {device_file()} "
                                 "(it came and went as coach made it); records are saved "
                                 "without it")
    assert device_id() == ""


def test_a_state_folder_that_is_a_file_is_said_in_plain_words(
        coach_dirs: dict[str, Path]) -> None:
    state_dir().parent.mkdir(parents=True, exist_ok=True)
    state_dir().write_bytes(b"")
    assert looked_up() == (None, f"{device_file()} cannot be read (not a directory); coach "
                                 "made no new device id over it, and saves records without "
                                 "one until it can be read")


@pytest.mark.parametrize("error, words", [
    (errno.EPERM, "permission denied"), (errno.EACCES, "permission denied"),
    (errno.ENOSPC, "no space left on device")])
def test_a_name_that_cannot_be_saved_is_said_and_the_file_kept(
        coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, error: int,
        words: str) -> None:
    """As on a full disk, or a file made unwritable (chattr +i): said in plain words."""
    import coach.store.device as device_module

    made = this_device()
    kept = device_file().read_bytes()

    def cannot_write(path: Path, data: bytes) -> None:
        raise OSError(error, os.strerror(error), str(path))

    monkeypatch.setattr(device_module, "atomic_write", cannot_write)
    with pytest.raises(DeviceProblem) as problem:
        rename("Kitchen laptop")
    assert str(problem.value) == f"coach could not save the name in {device_file()} ({words})"
    assert device_file().read_bytes() == kept and this_device() == made


def test_a_device_file_given_by_path_is_the_one_named(
        coach_dirs: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "elsewhere" / "device.json"
    made = this_device(path)
    assert looked_up(path) == (made, None) and device_id(path) == made.id
    assert rename("Garden shed", path) == this_device(path) == replace(made,
                                                                       chosen_name="Garden shed")
    assert not device_file().exists()


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
    for bad, why in (("", "a device's name cannot be empty"),
                     ("   ", "a device's name cannot be empty"),
                     ("x" * 65, "a device's name can be at most 64 characters"),
                     ("two\nlines", "a device's name cannot hold a tab, a new line or another "
                                    "control character")):
        with pytest.raises(ValueError) as problem:
            rename(bad)
        assert str(problem.value) == why
    assert this_device() == named
    assert rename("x" * 64).name == "x" * 64


@pytest.mark.parametrize("host", ["", "  ", "x" * 65, "bad\x07host"])
def test_a_host_name_that_cannot_name_a_device_is_not_used(
        monkeypatch: pytest.MonkeyPatch, host: str) -> None:
    monkeypatch.setattr(socket, "gethostname", lambda: host)
    assert Device("k3v7q2ma").name == "this device"
    assert Device("k3v7q2ma").describe() == "this device (k3v7q2ma)"
    monkeypatch.setattr(socket, "gethostname", lambda: " laptop\n")
    assert Device("k3v7q2ma").name == "laptop"


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
