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
from tests.e2e.tmux import coach_executable
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
    from coach.foundation.crash import report_crash

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


# -- a data folder that is a link to nothing (a drive not mounted) ----------------------------

def _linked_to_nothing(coach_dirs: dict[str, Path]) -> Path:
    """The data folder as a link to a folder on a drive that is not mounted."""
    target = coach_dirs["data"].parent / "drive" / "coach"
    coach_dirs["data"].parent.mkdir(parents=True, exist_ok=True)
    (coach_dirs["data"].parent / "drive").mkdir()  # the empty mount point
    coach_dirs["data"].symlink_to(target)
    return target


def _described(target: Path, data: Path) -> str:
    return (f"your data folder {data} points to {target}, which does not exist: is a drive "
            "unmounted?")


def _untouched(coach_dirs: dict[str, Path], target: Path) -> None:
    assert coach_dirs["data"].is_symlink() and os.readlink(coach_dirs["data"]) == str(target)
    assert not os.path.lexists(target)


def test_a_data_folder_linking_to_nothing_is_described_by_the_commands(
        coach_dirs: dict[str, Path]) -> None:
    target = _linked_to_nothing(coach_dirs)
    for args in (["history", "--days", "2"], ["remind", "--once"], ["export"]):
        result = run(*args)
        assert result.exit_code == 1, args
        assert _described(target, coach_dirs["data"]) in result.output, (args, result.output)
    _untouched(coach_dirs, target)


def test_doctor_describes_a_data_folder_linking_to_nothing(coach_dirs: dict[str, Path]) -> None:
    target = _linked_to_nothing(coach_dirs)
    done = subprocess.run([coach_executable(), "doctor"], capture_output=True,
                          text=True, timeout=60, check=False,
                          env={**os.environ, "NO_COLOR": "1"})
    assert done.returncode == 1, done.stdout + done.stderr
    assert f"  ✗ {_described(target, coach_dirs['data'])}\n" in done.stdout
    assert "data, not created yet" not in done.stdout and "nothing recorded yet" not in done.stdout
    _untouched(coach_dirs, target)


def test_the_store_describes_a_link_to_nothing_and_creates_nothing_there(
        coach_dirs: dict[str, Path]) -> None:
    from coach.store import Store, StoreError

    target = _linked_to_nothing(coach_dirs)
    store = Store(coach_dirs["data"])
    assert store.check() == [_described(target, coach_dirs["data"])]  # the app's start
    with pytest.raises(StoreError, match="is a drive unmounted"):
        store.well_formed()
    with pytest.raises(StoreError, match="is a drive unmounted"):
        store.set_rest_day("morning", store.today())
    _untouched(coach_dirs, target)


def test_a_folder_above_the_data_folder_linking_to_nothing(tmp_path: Path) -> None:
    from coach.store import Store

    (tmp_path / "mnt").mkdir()
    (tmp_path / "share").symlink_to(tmp_path / "mnt" / "drive")
    data = tmp_path / "share" / "coach"
    assert Store(data).check() == [
        f"your data folder {data} is inside {tmp_path / 'share'}, which points to "
        f"{tmp_path / 'mnt' / 'drive'}, which does not exist: is a drive unmounted?"]
    assert list((tmp_path / "mnt").iterdir()) == []

