"""Bad places for data: a file instead of a folder, a read-only folder, a missing folder, links."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import cli
from tests.store.test_export_import import seeded_store

REPO = Path(__file__).resolve().parents[2]


def run(*args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_a_data_folder_that_is_a_file_gets_a_clear_message(
        coach_dirs: dict[str, Path]) -> None:
    coach_dirs["data"].parent.mkdir(parents=True, exist_ok=True)
    coach_dirs["data"].write_text("not a folder")
    for args in (["history"], ["export"], ["doctor"]):
        result = run(*args)
        assert result.exit_code == 1, args
        assert "is a file, not a folder" in result.output, args


def test_reading_without_a_lock_file_in_an_unwritable_folder(
        coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only backup: the lock file cannot be opened (simulated, as root may write anyway)."""
    import coach.store.lock as lock

    seeded_store()
    real_open = os.open

    def refuse_lock(path, flags, *args):  # type: ignore[no-untyped-def]
        if str(path).endswith(".lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(lock.os, "open", refuse_lock)
    result = run("history", "--days", "30")
    assert result.exit_code == 0 and "Mood check-in" in result.output


def test_export_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    seeded_store()
    target = tmp_path / "no" / "such" / "x.csv"
    result = run("export", "--format", "csv", "-o", str(target))
    assert result.exit_code == 1 and "does not exist" in result.output
    assert not (tmp_path / "no").exists()


def test_the_crash_log_keeps_the_data_folder_private(coach_dirs: dict[str, Path]) -> None:
    from coach.crash import report_crash

    old = os.umask(0o022)
    try:
        report_crash(RuntimeError("first run"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(coach_dirs["data"].stat().st_mode) == 0o700


def test_doctor_follows_a_linked_data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o755)
    real.chmod(0o755)
    link = tmp_path / "link"
    link.symlink_to(real)
    monkeypatch.setenv("COACH_DATA_DIR", str(link))
    result = run("doctor")
    assert result.exit_code == 1 and "is open to your group and every user" in result.output


def test_two_imports_at_once_add_each_record_once(tmp_path: Path) -> None:
    seeded_store()
    export = tmp_path / "x.json"
    assert run("export", "-o", str(export)).exit_code == 0
    target = tmp_path / "target"
    env = {**os.environ, "COACH_DATA_DIR": str(target), "PYTHONPATH": str(REPO)}
    for _ in range(3):
        procs = [subprocess.Popen([sys.executable, "-m", "coach", "import", str(export)],
                                  env=env, stdout=subprocess.PIPE, text=True)
                 for _ in range(2)]
        for proc in procs:
            proc.communicate(timeout=60)
            assert proc.returncode == 0
    from coach.store import Store

    uids = [r["uid"] for r in Store(target).records()]
    assert len(uids) == len(set(uids)) == len(Store(Path(os.environ["COACH_DATA_DIR"])).records())
