"""A data folder shared by a sync tool: coach's lines in .stignore, conflict copies of month
files merged and moved aside, config copies named, the devices writing listed, and a second
machine using this device's id found."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest

from coach.foundation.sync_copies import conflict_original
from coach.remind.presence import PRESENCE_FILE_NAME
from coach.store import Store
from coach.store import sync_folder
from coach.store.sync_folder import BEGIN, END, MERGED_DIR, ignore_lines, keep_ignores

NOW = datetime(2026, 12, 7, 12, 0, tzinfo=timezone.utc)
SYNCTHING_COPY = "records-2026-12.sync-conflict-20261207-120000-ABCDEFG.json"


def store_at(data: Path, device: str = "k3v7q2ma") -> Store:
    from zoneinfo import ZoneInfo

    return Store(data, now=lambda: NOW, zone=(ZoneInfo("UTC"), "UTC"), device=device)


def mood(uid: str, rating: int, device: str = "k3v7q2ma", day: str = "2026-12-07",
         utc: str = "2026-12-07T12:00:00.000Z") -> dict[str, Any]:
    return {"v": 1, "uid": uid, "device": device, "kind": "step", "routine": "_mood",
            "session": uid, "step": "mood", "type": "mood", "status": "done", "day": day,
            "utc": utc, "tz": "UTC", "started": utc, "ended": utc,
            "data": {"rating": rating, "feelings": [], "note": "", "tags": []}}


def month_file(path: Path, records: list[dict[str, Any]]) -> bytes:
    data = orjson.dumps({"records": {str(i): r for i, r in enumerate(records, start=1)}})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return data


# -- names ------------------------------------------------------------------------------------

@pytest.mark.parametrize("copy, original", [
    (SYNCTHING_COPY, "records-2026-12.json"),
    ("records-2026-12.ab23cd45.sync-conflict-20261207-120000-ABCDEFG.json",
     "records-2026-12.ab23cd45.json"),
    ("records-2026-12 (conflicted copy).json", "records-2026-12.json"),
    ("records-2026-12 (conflicted copy 2026-12-07 120000).json", "records-2026-12.json"),
    ("records-2026-12 (Sam's conflicted copy 2026-12-07).json", "records-2026-12.json"),
    ("morning.sync-conflict-20261207-120000-ABCDEFG.yaml", "morning.yaml"),
    ("settings.sync-conflict-20261207-120000-ABCDEFG.sync-conflict-20261207-130000-"
     "HIJKLMN.yaml", "settings.yaml"),
    ("records-2026-12.json", None),
    ("records-2026-11 (copy).json", None),
    ("records-2026-12.sync-conflict-2026.json", None),
])
def test_the_copies_sync_tools_make_are_told_by_name(copy: str, original: str | None) -> None:
    assert conflict_original(copy) == original


# -- .stignore --------------------------------------------------------------------------------

def test_no_stignore_is_written_outside_a_syncthing_folder(tmp_path: Path) -> None:
    assert keep_ignores(tmp_path).state == "none"
    assert not (tmp_path / ".stignore").exists()


def test_in_a_syncthing_folder_coach_writes_what_each_device_keeps(tmp_path: Path) -> None:
    (tmp_path / ".stfolder").mkdir()
    kept = keep_ignores(tmp_path)
    assert (kept.state, kept.written) == ("kept", True)
    lines = (tmp_path / ".stignore").read_text().splitlines()
    assert lines == [BEGIN, "/digests", "/.lock", "/.*.tmp", "/typing-*.json",
                     "/typing-*.json.unreadable", "/app-open.lock", "/logs",
                     "/support-last-good.yaml", "/routines-last-good", END]
    assert f"/{PRESENCE_FILE_NAME}" in lines
    assert keep_ignores(tmp_path) == sync_folder.Ignores("kept")  # nothing to write again


def test_coach_brings_its_own_block_up_to_date_and_keeps_the_persons_lines(
        tmp_path: Path) -> None:
    (tmp_path / ".stfolder").write_bytes(b"")
    (tmp_path / ".stignore").write_text(f"/photos\n{BEGIN}\n/digests\n{END}\n// mine\n*.bak\n")
    assert keep_ignores(tmp_path).written
    assert (tmp_path / ".stignore").read_text().splitlines() == \
        ["/photos", BEGIN, *ignore_lines(), END, "// mine", "*.bak"]


def test_a_stignore_coach_did_not_write_is_left_and_its_missing_lines_said(
        tmp_path: Path) -> None:
    (tmp_path / ".stfolder").mkdir()
    (tmp_path / ".stignore").write_text("/digests\n  /.lock\n")
    kept = keep_ignores(tmp_path)
    assert kept.state == "foreign"
    assert kept.missing == tuple(ignore_lines()[2:])
    assert (tmp_path / ".stignore").read_text() == "/digests\n  /.lock\n"
    words = kept.words(tmp_path)
    assert words is not None and words.startswith("✗") and "/.*.tmp" in words


# -- conflict copies of month files -------------------------------------------------------------

def test_a_conflict_copys_new_records_are_merged_once_and_the_copy_moved_aside(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = store_at(data)
    store.import_records([mood("a" * 32, 5)])
    copy = month_file(data / SYNCTHING_COPY, [mood("a" * 32, 5),
                                               mood("b" * 32, 7, device="ab23cd45"),
                                               {"uid": "not a record"}])
    [merged] = sync_folder.merge_copies(store)
    assert merged.words() == (f"Merged 1 record from the conflict copy {SYNCTHING_COPY}; "
                              f"the copy is now in {MERGED_DIR}/")
    assert sorted(r["uid"] for r in store.well_formed()) == ["a" * 32, "b" * 32]
    assert not (data / SYNCTHING_COPY).exists()
    assert (data / MERGED_DIR / SYNCTHING_COPY).read_bytes() == copy
    assert sync_folder.merge_copies(store) == []


def test_a_copy_of_the_same_name_merged_before_is_never_overwritten(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = store_at(data)
    for rating, name in ((4, SYNCTHING_COPY), (6, SYNCTHING_COPY.replace(".json", "-2.json"))):
        (data / MERGED_DIR).mkdir(parents=True, exist_ok=True)
        (data / MERGED_DIR / name).write_text(f"kept {rating}")
    month_file(data / SYNCTHING_COPY, [mood("c" * 32, 3)])
    [merged] = sync_folder.merge_copies(store)
    assert merged.moved_to == f"{MERGED_DIR}/{SYNCTHING_COPY.replace('.json', '-3.json')}"
    assert merged.words().endswith(f"; the copy is now {merged.moved_to}")
    assert (data / MERGED_DIR / SYNCTHING_COPY).read_text() == "kept 4"


@pytest.mark.parametrize("name", ["records-2026-12 (conflicted copy).json",
                                  "records-2026-12 (Sam's conflicted copy 2026-12-07).json",
                                  "records-2026-12.ab23cd45.sync-conflict-20261207-120000-"
                                  "ABCDEFG.json"])
def test_copies_other_tools_make_and_copies_of_a_devices_file_are_merged(
        tmp_path: Path, name: str) -> None:
    data = tmp_path / "data"
    store = store_at(data)
    month_file(data / name, [mood("d" * 32, 8, device="ab23cd45")])
    [merged] = sync_folder.merge_copies(store)
    assert (merged.added, merged.moved_to) == (1, f"{MERGED_DIR}/{name}")
    assert [r["uid"] for r in store.well_formed()] == ["d" * 32]
    assert store.months.strays() == []


def test_a_damaged_copy_gives_what_it_still_holds_and_stays_where_it_is(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = store_at(data)
    whole = orjson.dumps({"records": {"1": mood("e" * 32, 2), "2": mood("f" * 32, 9)}})
    damaged = whole[:-40]
    data.mkdir()
    (data / SYNCTHING_COPY).write_bytes(damaged)
    [merged] = sync_folder.merge_copies(store)
    assert (merged.added, merged.found, merged.moved_to) == (1, 1, None)
    assert merged.words().startswith(f"{SYNCTHING_COPY} is a copy a sync tool made of a month "
                                     "file, and it is damaged (it is not valid JSON")
    assert "took the 1 whole record it still holds (1 new here) and left the copy" in \
        merged.words()
    assert (data / SYNCTHING_COPY).read_bytes() == damaged
    assert store.months.strays() == []  # said once, as a copy, not as a stray besides
    (data / SYNCTHING_COPY).write_bytes(whole[:40])
    [merged] = sync_folder.merge_copies(store)
    assert "coach could read no whole record in it and left the copy" in merged.words()
    assert [r["uid"] for r in store.well_formed()] == ["e" * 32]


# -- config copies ------------------------------------------------------------------------------

def test_config_copies_are_named_with_the_file_they_copy(tmp_path: Path) -> None:
    (tmp_path / "routines").mkdir(parents=True)
    for name in ("settings.sync-conflict-20261207-120000-ABCDEFG.yaml", "settings.yaml",
                 "support (conflicted copy).yaml", "notes (conflicted copy).txt",
                 "routines/morning.sync-conflict-20261207-120000-ABCDEFG.yaml",
                 "routines/evening (Sam's conflicted copy 2026-12-07).yml",
                 "routines/morning.yaml"):
        (tmp_path / name).write_text("")
    assert sync_folder.config_copies(tmp_path) == [
        ("settings.sync-conflict-20261207-120000-ABCDEFG.yaml", "settings.yaml"),
        ("support (conflicted copy).yaml", "support.yaml"),
        ("routines/evening (Sam's conflicted copy 2026-12-07).yml", "routines/evening.yml"),
        ("routines/morning.sync-conflict-20261207-120000-ABCDEFG.yaml", "routines/morning.yaml")]


def test_a_routines_conflict_copy_is_not_loaded_as_a_routine(
        coach_dirs: dict[str, Path]) -> None:
    from coach.routine.catalog import scan_folder

    routines = coach_dirs["routines"]
    routines.mkdir(parents=True)
    (routines / "morning.yaml").write_text("")
    (routines / "morning.sync-conflict-20261207-120000-ABCDEFG.yaml").write_text("")
    assert [path.name for path in scan_folder(routines).paths] == ["morning.yaml"]


# -- devices ------------------------------------------------------------------------------------

def test_devices_are_listed_by_their_files_and_records(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    month_file(data / "records-2026-12.json", [mood("a" * 32, 5),
                                               mood("b" * 32, 6, device="ab23cd45",
                                                    utc="2026-12-06T08:30:00.000Z",
                                                    day="2026-12-06")])
    month_file(data / "records-2026-11.ab23cd45.json",
               [mood("c" * 32, 6, device="ab23cd45", day="2026-11-02",
                     utc="2026-11-02T08:30:00.000Z")])
    sync_folder.keep_device_file(data, "ab23cd45", "server", fingerprint="f" * 16)
    sync_folder.keep_device_file(data, "mmmmmmmm", "phone", fingerprint="e" * 16)
    seen = {found.id: found for found in sync_folder.devices(data)}
    assert set(seen) == {"k3v7q2ma", "ab23cd45", "mmmmmmmm"}
    assert (seen["ab23cd45"].name, seen["ab23cd45"].last_day, seen["ab23cd45"].last_utc) == \
        ("server", "2026-12-06", "2026-12-06T08:30:00.000Z")
    assert seen["ab23cd45"].changed is not None
    assert (seen["k3v7q2ma"].name, seen["k3v7q2ma"].last_day) == (None, "2026-12-07")
    assert (seen["mmmmmmmm"].name, seen["mmmmmmmm"].last_utc) == ("phone", None)


def test_a_second_machine_with_this_devices_id_is_found_and_its_file_kept(
        tmp_path: Path) -> None:
    assert sync_folder.keep_device_file(tmp_path, "k3v7q2ma", "laptop", "a" * 16) is None
    written = (tmp_path / "device-k3v7q2ma.json").read_bytes()
    assert orjson.loads(written) == {"v": 1, "id": "k3v7q2ma", "name": "laptop",
                                     "machine": "a" * 16}
    clash = sync_folder.keep_device_file(tmp_path, "k3v7q2ma", "copy", "b" * 16)
    assert clash is not None and clash.startswith(
        "Another machine uses this device's id k3v7q2ma too: device-k3v7q2ma.json")
    assert "named laptop" in clash
    assert (tmp_path / "device-k3v7q2ma.json").read_bytes() == written
    assert sync_folder.keep_device_file(tmp_path, "k3v7q2ma", "laptop 2", "a" * 16) is None
    assert orjson.loads((tmp_path / "device-k3v7q2ma.json").read_bytes())["name"] == "laptop 2"


def test_the_machine_fingerprint_is_steady_and_not_the_machine_id() -> None:
    first = sync_folder.machine_fingerprint()
    assert first == sync_folder.machine_fingerprint() and len(first) == 16
    try:
        machine = Path("/etc/machine-id").read_text().strip()
    except OSError:
        machine = ""
    assert not machine or first not in machine
