"""Only files named exactly for a month are months: a copy, a wrongly named file and a month
holding another month's records are named for what they are, and no record counts twice."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson
import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.store import Store
from tests.e2e.tmux import coach_executable

NOON = datetime(2026, 11, 22, 12, tzinfo=timezone.utc)


def make_store(directory: Path) -> Store:
    return Store(directory, zone=(ZoneInfo("UTC"), "UTC"), now=lambda: NOON)


def finished(store: Store, day: str) -> dict:
    return store.add({"kind": "session", "routine": "morning", "session": f"s{day}",
                      "event": "finished", "day": day, "utc": f"{day}T08:00:00Z", "tz": "UTC"})


def two_days(directory: Path) -> Store:
    store = make_store(directory)
    finished(store, "2026-11-20")
    finished(store, "2026-11-21")
    return store


def doctor(directory: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([coach_executable(), "doctor"],
                          capture_output=True, text=True, timeout=60, check=False,
                          env={**os.environ, "NO_COLOR": "1", "COACH_DATA_DIR": str(directory)})


def uids(store: Store) -> list[str]:
    return sorted(record["uid"] for record in store.well_formed())


# A sync tool's conflict copy is merged instead: tests/store/test_sync_folder.py.
@pytest.mark.parametrize("name", ["records-2026-11 (copy).json", "records-2026-11 2.json"])
def test_a_copy_of_a_month_is_not_read_and_is_named(coach_dirs: dict[str, Path],
                                                    name: str) -> None:
    directory = coach_dirs["data"]
    store = two_days(directory)
    shutil.copy(directory / "records-2026-11.json", directory / name)
    (directory / name).chmod(0o600)

    fresh = make_store(directory)
    assert len(fresh.well_formed()) == 2  # not four
    assert sum(records for _, records, _ in fresh.counts()) == 2
    said = (f"{name} looks like a copy of a month file; coach does not read it. If it holds "
            "records you want, use coach import: records already here are not added twice.")
    assert said in fresh.check()
    done = doctor(directory)
    assert done.returncode == 1
    assert "✓ 1 month file readable, 2 records" in done.stdout
    assert f"  ✗ {said}\n" in done.stdout
    assert uids(store) == uids(fresh)


@pytest.mark.parametrize("name", ["records-2026-13.json", "records-2026-00.json",
                                  "records-0000-05.json", "records-2026-1.json"])
def test_a_file_named_for_no_month_is_not_read_and_is_named(coach_dirs: dict[str, Path],
                                                            name: str) -> None:
    directory = coach_dirs["data"]
    two_days(directory)
    (directory / name).write_bytes((directory / "records-2026-11.json").read_bytes())
    (directory / name).chmod(0o600)

    fresh = make_store(directory)
    assert len(fresh.well_formed()) == 2
    assert [path.name for path in fresh.month_files()] == ["records-2026-11.json"]
    said = (f"{name} is named like a month file but names no month (records-YYYY-MM.json, "
            "months 01 to 12); coach does not read it. If it holds records you want, use "
            "coach import: records already here are not added twice.")
    assert said in fresh.check()
    assert f"  ✗ {said}\n" in doctor(directory).stdout


def _move_into(directory: Path, record: dict, month_file: str) -> None:
    """A hand edit: the record put in another month's file as well (or instead)."""
    path = directory / month_file
    document = orjson.loads(path.read_bytes()) if path.exists() else {"records": {}}
    document["records"][str(len(document["records"]) + 1)] = record
    path.write_bytes(orjson.dumps(document))
    path.chmod(0o600)


def test_a_record_copied_into_another_month_counts_once(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    store = two_days(directory)
    october = finished(store, "2026-10-05")
    [november] = store.well_formed(since=date(2026, 11, 20), until=date(2026, 11, 20))
    _move_into(directory, november, "records-2026-10.json")

    fresh = make_store(directory)
    assert len(fresh.well_formed()) == 3  # not four
    assert len(fresh.well_formed(since=date(2026, 10, 1), until=date(2026, 10, 31))) == 1
    assert sum(records for _, records, _ in fresh.counts()) == 3
    assert fresh.check() == []  # it is in its own month too: nothing to do
    assert october in fresh.well_formed()


def test_a_record_only_in_another_month_is_named_and_import_counts_it_once(
        coach_dirs: dict[str, Path]) -> None:
    directory = coach_dirs["data"]
    store = two_days(directory)
    finished(store, "2026-10-05")
    stray = dict(store.well_formed()[0], uid="f" * 32, day="2026-11-23",
                 utc="2026-11-23T08:00:00Z")
    _move_into(directory, stray, "records-2026-10.json")
    october = directory / "records-2026-10.json"
    before = october.read_bytes()

    fresh = make_store(directory)
    assert len(fresh.well_formed()) == 3
    said = ("records-2026-10.json holds 1 record of another month (2026-11-23); coach leaves "
            "it there and does not count it. To count it in its own month, use coach import "
            f"{october}: records already here are not added twice.")
    assert fresh.check() == [said]
    done = doctor(directory)
    # doctor made the month this device's (a rename), and names the file as it is now.
    [october] = directory.glob("records-2026-10*.json")
    said = said.replace("records-2026-10.json", october.name)
    assert f"  ✗ {said}\n" in done.stdout and done.returncode == 1

    result = CliRunner().invoke(cli, ["import", str(october)])
    assert result.exit_code == 0, result.output
    assert "Imported 1 record; 1 was already here." in result.output
    after = make_store(directory)
    assert sorted(r["day"] for r in after.well_formed()) == [
        "2026-10-05", "2026-11-20", "2026-11-21", "2026-11-23"]
    # Left as it was: this device's now (a rename: see MonthFiles.take_over_legacy).
    assert [path.read_bytes() for path in directory.glob("records-2026-10*.json")] == [before]
    assert after.check() == []
    assert "of another month" not in doctor(directory).stdout


def test_importing_a_copy_of_a_month_adds_only_what_is_missing(
        coach_dirs: dict[str, Path]) -> None:
    directory = coach_dirs["data"]
    store = two_days(directory)
    copy = directory / "records-2026-11 (copy).json"
    shutil.copy(directory / "records-2026-11.json", copy)
    finished(store, "2026-11-22")  # in the month, not in the copy
    result = CliRunner().invoke(cli, ["import", str(copy)])
    assert result.exit_code == 0, result.output
    assert "Imported 0 records; 2 were already here." in result.output
    assert len(make_store(directory).well_formed()) == 3
