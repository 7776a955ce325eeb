"""A data folder that is odd or hostile: planted links, bad months, read-only mounts, odd zones."""

from __future__ import annotations

import errno
import os
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.foundation.paths import data_dir
from coach.store import Store, StoreError
from coach.store.device import device_id
from coach.store.days import local_zone as real_local_zone
from coach.store.days import zone_named
from tests.store.test_export_import import seeded_store


def run(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_a_planted_lock_link_is_never_written_through(tmp_path: Path) -> None:
    store = seeded_store()
    target = tmp_path / "elsewhere" / "victim"
    target.parent.mkdir()
    (data_dir() / ".lock").unlink()
    (data_dir() / ".lock").symlink_to(target)
    with pytest.raises(StoreError, match="symbolic link"):
        store.record_session("morning", "s", "started")
    assert not target.exists()
    result = run("history", "--days", "7")  # reading still works, without the lock
    assert result.exit_code == 0 and "Mood check-in" in result.stdout
    assert not target.exists()


def test_a_planted_log_link_is_never_written_through(tmp_path: Path) -> None:
    from coach.foundation.crash import report_crash

    target = tmp_path / "victim"
    target.write_text("mine\n")
    logs = data_dir() / "logs"
    logs.mkdir(parents=True)
    (logs / "errors.log").symlink_to(target)
    assert report_crash(RuntimeError("boom")) == 70
    assert target.read_text() == "mine\n"


def test_folders_coach_creates_are_private_with_their_parents(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        deep = tmp_path / "a" / "b" / "data"
        Store(deep).record_session("morning", "s", "started")
    finally:
        os.umask(old)
    for folder in (tmp_path / "a", tmp_path / "a" / "b", deep):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    for path in deep.rglob("*"):
        assert path.stat().st_mode & 0o077 == 0, path


def test_a_month_that_is_a_folder_is_named_and_the_rest_still_reads() -> None:
    seeded_store()
    (data_dir() / "records-2026-10.json").mkdir()
    result = run("history", "--days", "7")
    assert result.exit_code == 0 and "Mood check-in" in result.stdout
    result = run("history", "--days", "60")
    assert result.exit_code == 0 and "Mood check-in" in result.stdout
    assert ("records-2026-10.json could not be read (it is a folder, not a file coach made: "
            "move it away)") in result.stderr
    result = run("export", "--format", "csv")
    assert "Mood check-in" not in result.stdout and ",mood," in result.stdout
    assert result.exit_code == 1 and "its records are not in this export" in result.stderr
    result = run("doctor")
    assert result.exit_code == 1 and "records-2026-10.json" in result.stdout


def test_an_unreadable_month_is_named_and_the_rest_still_reads(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Simulated: the tests may run as root, whom permissions do not stop."""
    seeded_store()
    october = data_dir() / "records-2026-10.json"
    october.write_bytes(b'{"records": {}}')
    real = os.open

    def refuse(path, flags, *args):  # type: ignore[no-untyped-def]
        if Path(path).name.startswith("records-2026-10."):  # this device's once it runs
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr(os, "open", refuse)
    result = run("history", "--days", "60")
    assert result.exit_code == 0 and "Mood check-in" in result.stdout
    assert f"records-2026-10.{device_id()}.json could not be read (Permission denied)" \
        in result.stderr


def test_a_read_only_data_folder_can_be_read_and_exported(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A restored backup on a read-only mount: nothing can be created there (EROFS)."""
    seeded_store()
    (data_dir() / ".lock").unlink()
    (data_dir() / ".records-2026-11.json.x.tmp").write_text("left by a crash")
    real_open, real_mkstemp = os.open, __import__("tempfile").mkstemp

    def read_only(path, flags, *args):  # type: ignore[no-untyped-def]
        if str(path).startswith(str(data_dir())) and flags & (os.O_WRONLY | os.O_RDWR):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args)

    def no_temp(*args, dir=None, **kwargs):  # type: ignore[no-untyped-def]
        if dir is not None and str(dir).startswith(str(data_dir())):
            raise OSError(errno.EROFS, "Read-only file system", str(dir))
        return real_mkstemp(*args, dir=dir, **kwargs)

    def no_folder(path, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setattr(os, "mkdir", no_folder)
    monkeypatch.setattr("tempfile.mkstemp", no_temp)
    result = run("history", "--days", "7")
    assert result.exit_code == 0 and "Mood check-in" in result.stdout, result.output
    result = run("export", "--format", "json", "-o", str(tmp_path / "backup.json"))
    assert result.exit_code == 0 and "Wrote 49 records" in result.stderr, result.output
    assert not (data_dir() / "digests").exists()  # nothing could be cached, nothing broke


def test_a_posix_tz_is_stored_as_the_offset_it_means(monkeypatch: pytest.MonkeyPatch,
                                                      tmp_path: Path) -> None:
    for tz, name in (("JST-9", "UTC+09:00"), ("<+0530>-5:30", "UTC+05:30")):
        monkeypatch.setenv("TZ", tz)
        time.tzset()
        try:
            zone, stored = real_local_zone()
        finally:
            monkeypatch.setenv("TZ", "UTC")
            time.tzset()
        assert stored == name
        instant = datetime(2026, 11, 20, 7, 0, tzinfo=timezone.utc)
        assert instant.astimezone(zone).utcoffset() == \
            instant.astimezone(zone_named(stored)).utcoffset()


def test_history_shows_posix_zones_of_older_records_as_their_offset() -> None:
    store = Store(data_dir(), zone=(timezone.utc, "JST-9"),
                  now=lambda: datetime(2026, 11, 20, 7, 0, tzinfo=timezone.utc))
    store.record_session("morning", "s", "started")
    store = Store(data_dir(), zone=(timezone.utc, "<+0530>-5:30"),
                  now=lambda: datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc))
    store.record_session("morning", "s", "finished")
    result = run("history", "--days", "30")
    assert "16:00" in result.stdout and "13:30" in result.stdout, result.stdout
