"""A data folder shared by a sync tool: coach's lines in .stignore, conflict copies of month
files merged and moved aside, config copies named, the devices writing listed, and a second
machine using this device's id found."""

from __future__ import annotations

import errno
import os
import stat
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
    assert stat.S_IMODE((tmp_path / ".stignore").stat().st_mode) == 0o600
    assert keep_ignores(tmp_path) == sync_folder.Ignores("kept")  # nothing to write again


def test_coach_brings_its_own_block_up_to_date_and_keeps_the_persons_lines(
        tmp_path: Path) -> None:
    (tmp_path / ".stfolder").write_bytes(b"")
    (tmp_path / ".stignore").write_text(f"/photos\n{BEGIN}\n/digests\n{END}\n// mine\n*.bak\n")
    assert keep_ignores(tmp_path).written
    assert (tmp_path / ".stignore").read_text().splitlines() == \
        ["/photos", BEGIN, *ignore_lines(), END, "// mine", "*.bak"]


def test_coach_s_block_that_lost_its_last_line_is_made_whole(tmp_path: Path) -> None:
    """Everything from coach's first line on is coach's when its last line was deleted."""
    (tmp_path / ".stfolder").mkdir()
    (tmp_path / ".stignore").write_text(f"/photos\n{BEGIN}\n/digests\n")
    assert keep_ignores(tmp_path).written
    assert (tmp_path / ".stignore").read_text().splitlines() == \
        ["/photos", BEGIN, *ignore_lines(), END]


def test_a_stignore_that_cannot_be_written_is_said(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def disk_full(path: Path, data: bytes, mode: int = 0o600) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    (tmp_path / ".stfolder").mkdir()
    monkeypatch.setattr(sync_folder, "atomic_write", disk_full)
    failed = keep_ignores(tmp_path)
    assert failed == sync_folder.Ignores("failed", problem="No space left on device")
    assert failed.words(tmp_path) == \
        f"✗ {tmp_path / '.stignore'} could not be kept (No space left on device)"
    assert not (tmp_path / ".stignore").exists()


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


def test_doctor_s_words_for_each_state_of_the_stignore(tmp_path: Path) -> None:
    where = tmp_path / ".stignore"
    assert keep_ignores(tmp_path).words(tmp_path) is None  # not a Syncthing folder
    (tmp_path / ".stfolder").mkdir()
    assert keep_ignores(tmp_path).words(tmp_path) == \
        f"✓ {where} keeps digests, locks and drafts on this device"
    where.write_text("\n".join(["// the person's own", *ignore_lines()]) + "\n")
    assert keep_ignores(tmp_path).words(tmp_path) == \
        f"✓ {where} (yours) keeps digests, locks and drafts on this device"
    where.unlink()
    where.mkdir()
    failed = keep_ignores(tmp_path)
    assert failed.state == "failed"
    assert failed.words(tmp_path) == f"✗ {where} could not be kept ({failed.problem})"
    assert "folder" in failed.problem


def test_a_stignore_too_big_to_be_coach_s_is_said_and_left(tmp_path: Path) -> None:
    (tmp_path / ".stfolder").mkdir()
    big = b"/photos\n" * 12_800  # 100 KB
    (tmp_path / ".stignore").write_bytes(big)
    kept = keep_ignores(tmp_path)
    assert (kept.state, kept.problem) == ("failed", "it is 100 KB; a .stignore may be at most "
                                                    "64 KB")
    assert (tmp_path / ".stignore").read_bytes() == big


def test_a_stignore_that_is_not_utf_8_is_read_as_the_person_s(tmp_path: Path) -> None:
    (tmp_path / ".stfolder").mkdir()
    theirs = "/Fotos von Jürgen\n/digests\n".encode("latin-1")
    (tmp_path / ".stignore").write_bytes(theirs)
    kept = keep_ignores(tmp_path)
    assert (kept.state, kept.missing) == ("foreign", tuple(ignore_lines()[1:]))
    assert (tmp_path / ".stignore").read_bytes() == theirs


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
    assert (merged.added, merged.found) == (1, 2)
    assert stat.S_IMODE((data / MERGED_DIR).stat().st_mode) == 0o700  # private, as data is
    assert sorted(r["uid"] for r in store.well_formed()) == ["a" * 32, "b" * 32]
    assert not (data / SYNCTHING_COPY).exists()
    assert (data / MERGED_DIR / SYNCTHING_COPY).read_bytes() == copy
    assert sync_folder.merge_copies(store) == []


def test_a_copy_of_the_same_name_merged_before_is_never_overwritten(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = store_at(data)
    (data / MERGED_DIR).mkdir(parents=True)
    (data / MERGED_DIR / SYNCTHING_COPY).write_text("kept 4")
    second = month_file(data / SYNCTHING_COPY, [mood("b" * 32, 3)])
    [merged] = sync_folder.merge_copies(store)
    assert merged.moved_to == f"{MERGED_DIR}/{SYNCTHING_COPY.replace('.json', '-2.json')}"
    month_file(data / SYNCTHING_COPY, [mood("c" * 32, 3)])  # the same copy, made again
    [merged] = sync_folder.merge_copies(store)
    assert merged.moved_to == f"{MERGED_DIR}/{SYNCTHING_COPY.replace('.json', '-3.json')}"
    assert merged.words().endswith(f"; the copy is now {merged.moved_to}")
    assert (data / MERGED_DIR / SYNCTHING_COPY).read_text() == "kept 4"
    assert (data / MERGED_DIR / SYNCTHING_COPY.replace(".json", "-2.json")).read_bytes() == second


@pytest.mark.parametrize("name", ["records-2026-12 (conflicted copy).json",
                                  "records-2026-12 (Sam's conflicted copy 2026-12-07).json",
                                  "records-2026-12 (conflicted copy).sync-conflict-20261207-"
                                  "120000-ABCDEFG.json",
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


def without_hard_links(monkeypatch: pytest.MonkeyPatch, error: int) -> None:
    """As on a FAT stick (EPERM), or a folder where linking fails for another reason."""
    def cannot_link(source: Any, target: Any, **_: Any) -> None:
        raise OSError(error, os.strerror(error), str(source))

    monkeypatch.setattr(os, "link", cannot_link)


def test_without_hard_links_the_copy_is_renamed_aside_never_over_another(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    store = store_at(data)
    (data / MERGED_DIR).mkdir(parents=True)
    (data / MERGED_DIR / SYNCTHING_COPY).write_text("kept")
    copy = month_file(data / SYNCTHING_COPY, [mood("a" * 32, 5)])
    without_hard_links(monkeypatch, errno.EPERM)
    [merged] = sync_folder.merge_copies(store)
    second = SYNCTHING_COPY.replace(".json", "-2.json")
    assert merged.words() == (f"Merged 1 record from the conflict copy {SYNCTHING_COPY}; "
                              f"the copy is now {MERGED_DIR}/{second}")
    assert not (data / SYNCTHING_COPY).exists()
    assert (data / MERGED_DIR / second).read_bytes() == copy
    assert (data / MERGED_DIR / SYNCTHING_COPY).read_text() == "kept"


def test_a_copy_that_cannot_be_linked_aside_for_another_reason_stays(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    store = store_at(data)
    copy = month_file(data / SYNCTHING_COPY, [mood("a" * 32, 5), mood("b" * 32, 6)])
    without_hard_links(monkeypatch, errno.EIO)
    [merged] = sync_folder.merge_copies(store)
    assert merged.words() == (f"Merged 2 records from the conflict copy {SYNCTHING_COPY}; "
                              "it could not be moved aside, so it is left where it is")
    assert (data / SYNCTHING_COPY).read_bytes() == copy
    assert list((data / MERGED_DIR).iterdir()) == []


def test_a_copy_moved_aside_by_another_coach_at_the_same_time_is_no_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app and coach doctor may merge one copy at once: each links it aside, and
    the other's link has gone when this one removes the copy."""
    data = tmp_path / "data"
    store = store_at(data)
    month_file(data / SYNCTHING_COPY, [mood("a" * 32, 5)])
    link = os.link

    def linked_while_another_removes_it(source: Any, target: Any, **kwargs: Any) -> None:
        link(source, target, **kwargs)
        os.unlink(source)  # the other coach, done first

    monkeypatch.setattr(os, "link", linked_while_another_removes_it)
    [merged] = sync_folder.merge_copies(store)
    assert merged.moved_to == f"{MERGED_DIR}/{SYNCTHING_COPY}"
    assert not (data / SYNCTHING_COPY).exists()


def test_a_copy_that_is_not_a_file_is_said_and_left_where_it_is(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = store_at(data)
    (data / SYNCTHING_COPY).mkdir(parents=True)
    [merged] = sync_folder.merge_copies(store)
    assert (merged.name, merged.added, merged.found, merged.moved_to) == (SYNCTHING_COPY, 0, 0,
                                                                          None)
    assert merged.words() == (f"{SYNCTHING_COPY} is a copy a sync tool made of a month file, "
                              "and could not be read (it is a folder, not a file coach made: "
                              "move it away); coach left it where it is.")
    assert (data / SYNCTHING_COPY).is_dir()


def test_a_copy_too_big_for_the_memory_left_is_said_and_left_as_it_is(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.store import jsonfile
    from tests.store.test_out_of_memory import _Parser, memory_error

    data = tmp_path / "data"
    store = store_at(data)
    copy = month_file(data / SYNCTHING_COPY, [mood("a" * 32, 5)])
    monkeypatch.setattr(jsonfile, "orjson", _Parser(memory_error))
    [merged] = sync_folder.merge_copies(store)
    assert (merged.name, merged.added, merged.found, merged.moved_to) == (SYNCTHING_COPY, 0, 0,
                                                                          None)
    assert merged.words() == (f"{SYNCTHING_COPY} is a copy a sync tool made of a month file, "
                              "and could not be read (there was not enough memory to read it; "
                              "coach changed nothing); coach left it where it is.")
    assert (data / SYNCTHING_COPY).read_bytes() == copy
    assert not (data / MERGED_DIR).exists()


def test_a_copy_with_no_table_of_records_holds_nothing_new(tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = store_at(data)
    data.mkdir()
    (data / SYNCTHING_COPY).write_bytes(b'{"_default": {}}')
    [merged] = sync_folder.merge_copies(store)
    assert merged.words() == (f"Nothing new in the conflict copy {SYNCTHING_COPY}: every "
                              f"record was here already; the copy is now in {MERGED_DIR}/")


def test_a_copy_that_brings_nothing_new_changes_no_month_file(tmp_path: Path) -> None:
    """Written by a coach that did not know its device yet: the months' files stay as they
    are (not even taken over as this device's), so a folder that cannot be written is
    only read."""
    data = tmp_path / "data"
    older = store_at(data, device="")
    held = [mood("a" * 32, 5, day="2026-11-30", utc="2026-11-30T23:00:00.000Z"),
            mood("b" * 32, 6, day="2026-12-31", utc="2026-12-31T12:00:00.000Z"),
            mood("c" * 32, 7, day="2026-12-01", utc="2026-12-01T12:00:00.000Z")]
    older.import_records(held)
    before = {path.name: path.read_bytes() for path in data.glob("records-*.json")}
    assert sorted(before) == ["records-2026-11.json", "records-2026-12.json"]
    month_file(data / SYNCTHING_COPY, held)
    [merged] = sync_folder.merge_copies(store_at(data))
    assert (merged.added, merged.found) == (0, 3)
    assert {path.name: path.read_bytes() for path in data.glob("records-*.json")} == before


def test_a_damaged_copy_with_bytes_that_are_not_text_still_gives_its_whole_records(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    store = store_at(data)
    whole = orjson.dumps({"records": {"1": mood("e" * 32, 2), "2": mood("f" * 32, 9),
                                      "3": mood("g" * 32, 4)}})
    data.mkdir()
    (data / SYNCTHING_COPY).write_bytes(whole[:-60] + b"\xff\xfe\x00")
    [merged] = sync_folder.merge_copies(store)
    assert (merged.added, merged.found, merged.moved_to) == (2, 2, None)
    assert merged.words() == (
        f"{SYNCTHING_COPY} is a copy a sync tool made of a month file, and it is damaged "
        f"({merged.damage}). coach took the 2 whole records it still holds (2 new here) and "
        "left the copy where it is: look at what else it holds, and delete it when you are "
        "done.")
    assert sorted(r["uid"] for r in store.well_formed()) == ["e" * 32, "f" * 32]


# -- config copies ------------------------------------------------------------------------------

def test_config_copies_are_named_with_the_file_they_copy(tmp_path: Path) -> None:
    (tmp_path / "routines").mkdir(parents=True)
    for name in ("settings.sync-conflict-20261207-120000-ABCDEFG.yaml", "settings.yaml",
                 "support (conflicted copy).yaml", "notes (conflicted copy).txt",
                 "notes (conflicted copy).yaml",  # not coach's: never named
                 "support (conflicted copy).sync-conflict-20261207-120000-ABCDEFG.yaml",
                 "routines/morning.sync-conflict-20261207-120000-ABCDEFG.yaml",
                 "routines/evening (Sam's conflicted copy 2026-12-07).yml",
                 "routines/evening (conflicted copy).sync-conflict-20261207-120000-ABCDEFG.yml",
                 "routines/notes (conflicted copy).txt", "routines/morning.yaml"):
        (tmp_path / name).write_text("")
    assert sync_folder.config_copies(tmp_path) == [
        ("settings.sync-conflict-20261207-120000-ABCDEFG.yaml", "settings.yaml"),
        ("support (conflicted copy).sync-conflict-20261207-120000-ABCDEFG.yaml",
         "support.yaml"),
        ("support (conflicted copy).yaml", "support.yaml"),
        ("routines/evening (Sam's conflicted copy 2026-12-07).yml", "routines/evening.yml"),
        ("routines/evening (conflicted copy).sync-conflict-20261207-120000-ABCDEFG.yml",
         "routines/evening.yml"),
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


def without_device(record: dict[str, Any]) -> dict[str, Any]:
    return {field: value for field, value in record.items() if field != "device"}


def test_each_devices_last_record_is_looked_for_in_older_months_until_found(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    sync_folder.keep_device_file(data, "qqqqqqqq", "server", fingerprint="f" * 16)
    month_file(data / "records-2026-12.json", [without_device(mood("a" * 32, 5))])
    month_file(data / "records-2026-11.json", [
        without_device(mood("b" * 32, 5, day="2026-11-19", utc="2026-11-19T08:00:00.000Z")),
        mood("c" * 32, 6, device="qqqqqqqq", day="2026-11-20", utc="2026-11-20T08:00:00.000Z"),
        mood("d" * 32, 7, day="2026-11-21", utc="2026-11-21T08:00:00.000Z")])
    month_file(data / "records-2026-10.json", [
        mood("e" * 32, 6, device="qqqqqqqq", day="2026-10-20", utc="2026-12-24T08:00:00.000Z")])
    times = {"device-qqqqqqqq.json": 1_790_000_000, "records-2026-11.json": 1_795_000_000,
             "records-2026-12.json": 1_796_000_000}
    for name, when in times.items():
        os.utime(data / name, (when, when))
    seen = sync_folder.devices(data)
    assert [(found.id, found.name, found.last_day, found.last_utc, found.changed)
            for found in seen] == [
        # Seen by its records only: its files changed when the month holding them did.
        ("k3v7q2ma", None, "2026-11-21", "2026-11-21T08:00:00.000Z", 1_795_000_000),
        # Its own file says when it last wrote here; once every device has a record, no
        # older month is read.
        ("qqqqqqqq", "server", "2026-11-20", "2026-11-20T08:00:00.000Z", 1_790_000_000)]


def test_devices_are_looked_for_two_years_back_newest_month_first(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    sync_folder.keep_device_file(data, "qqqqqqqq", "old laptop", fingerprint="f" * 16)
    months = [f"{2024 + (9 + n) // 12}-{(9 + n) % 12 + 1:02d}" for n in range(26)]
    assert (months[0], months[-1]) == ("2024-10", "2026-11")
    for n, month in enumerate(months):
        records = [mood(f"{n:032x}", 5, day=f"{month}-15", utc=f"{month}-15T08:00:00.000Z")]
        if month == "2024-11":  # 25 months back: older than coach looks
            records.append(mood("f" * 32, 5, device="qqqqqqqq", day=f"{month}-16",
                                utc=f"{month}-16T08:00:00.000Z"))
        month_file(data / f"records-{month}.json", records)
    seen = {found.id: found for found in sync_folder.devices(data)}
    assert (seen["k3v7q2ma"].last_day, seen["qqqqqqqq"].last_day) == ("2026-11-15", None)


def test_files_that_are_not_device_files_name_no_device(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "device-aaaaaaaa.json").write_bytes(b"{")
    (data / "device-bbbbbbbb.json").write_bytes(b'{"id": "BBBBBBBB", "name": "not its"}')
    (data / "device-cccccccc.json").write_bytes(b"[1, 2]")
    (data / "device-dddddddd.json").write_bytes(b'{"id": "dddddddd", "name": 7}')
    month_file(data / "records-2026-12.json", [
        {"uid": "a" * 32, "device": "eeeeeeee", "day": "2026-12-07",
         "utc": "2026-12-07T12:00:00.000Z"}])  # not a record: no device seen in it
    (data / "records-2026-11.json").write_bytes(b'{"_default": {}}')
    seen = sync_folder.devices(data)
    assert [(found.id, found.name, found.last_utc) for found in seen] == [
        (device, None, None) for device in ("aaaaaaaa", "bbbbbbbb", "cccccccc", "dddddddd")]
    assert all(sync_folder.read_device_file(data / f"device-{device * 8}.json") is None
               for device in "abc")


def test_a_second_machine_with_this_devices_id_is_found_and_its_file_kept(
        tmp_path: Path) -> None:
    assert sync_folder.keep_device_file(tmp_path, "k3v7q2ma", "laptop", "a" * 16) is None
    written = (tmp_path / "device-k3v7q2ma.json").read_bytes()
    assert orjson.loads(written) == {"v": 1, "id": "k3v7q2ma", "name": "laptop",
                                     "machine": "a" * 16}
    assert written == (b'{\n  "v": 1,\n  "id": "k3v7q2ma",\n  "name": "laptop",\n  "machine": "'
                       + b"a" * 16 + b'"\n}\n')  # for the person to read
    assert stat.S_IMODE((tmp_path / "device-k3v7q2ma.json").stat().st_mode) == 0o600
    clash = sync_folder.keep_device_file(tmp_path, "k3v7q2ma", "copy", "b" * 16)
    assert clash == (
        "Another machine uses this device's id k3v7q2ma too: device-k3v7q2ma.json in the data "
        "folder was written by a machine that is not this one (named laptop). Its state "
        "folder was probably copied from this one. Records of both would be taken for one "
        "device's: on one of them, move coach's device.json (see coach doctor) away so that "
        "it gets an id of its own.")
    assert (tmp_path / "device-k3v7q2ma.json").read_bytes() == written
    assert sync_folder.keep_device_file(tmp_path, "k3v7q2ma", "laptop 2", "a" * 16) is None
    assert orjson.loads((tmp_path / "device-k3v7q2ma.json").read_bytes())["name"] == "laptop 2"


def test_a_device_file_that_says_the_same_is_not_written_again(tmp_path: Path) -> None:
    """Its time is when the device last changed something here (coach doctor shows it)."""
    assert sync_folder.keep_device_file(tmp_path, "k3v7q2ma", "laptop", "a" * 16) is None
    path = tmp_path / "device-k3v7q2ma.json"
    os.utime(path, (1_790_000_000, 1_790_000_000))
    before = os.stat(path)
    assert sync_folder.keep_device_file(tmp_path, "k3v7q2ma", "laptop", "a" * 16) is None
    after = os.stat(path)
    assert (after.st_ino, after.st_mtime) == (before.st_ino, before.st_mtime)


def machine_ids(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *held: bytes | None) -> None:
    """The machine-id files, holding these bytes (None: missing); the host is "laptop"."""
    import socket

    folder = tmp_path / str(len(list(tmp_path.iterdir())))
    folder.mkdir()
    paths = []
    for n, data in enumerate(held):
        paths.append(str(folder / f"machine-id-{n}"))
        if data is not None:
            (folder / f"machine-id-{n}").write_bytes(data)
    monkeypatch.setattr(sync_folder, "MACHINE_ID_FILES", tuple(paths))
    monkeypatch.setattr(socket, "gethostname", lambda: "laptop")


#: The fingerprint of machine 0123456789abcdef0123456789abcdef named "laptop", as every
#: version of coach writes it: another would take this machine's own device file,
#: written before, for another machine's.
LAPTOP = "d2f93aa815f5db87"


def test_the_fingerprint_of_a_machine_stays_the_same_from_one_version_to_the_next(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert sync_folder.MACHINE_ID_FILES == ("/etc/machine-id", "/var/lib/dbus/machine-id")
    machine = b"0123456789abcdef0123456789abcdef\n"
    machine_ids(monkeypatch, tmp_path, machine, b"fedcba9876543210fedcba9876543210\n")
    assert sync_folder.machine_fingerprint() == LAPTOP
    machine_ids(monkeypatch, tmp_path, None, machine)  # no systemd: D-Bus's
    assert sync_folder.machine_fingerprint() == LAPTOP
    machine_ids(monkeypatch, tmp_path, b"\n", machine)  # empty: the next one
    assert sync_folder.machine_fingerprint() == LAPTOP
    machine_ids(monkeypatch, tmp_path, None, None)  # none: the host name alone
    assert sync_folder.machine_fingerprint() == "58e293cdd70dfa99"
    machine_ids(monkeypatch, tmp_path, b"0123\xff\xfe\n")  # not text: still one
    assert sync_folder.machine_fingerprint() == "2e354d6e7fb3e48c"


def test_the_machine_fingerprint_is_steady_and_not_the_machine_id() -> None:
    first = sync_folder.machine_fingerprint()
    assert first == sync_folder.machine_fingerprint() and len(first) == 16
    try:
        machine = Path("/etc/machine-id").read_text().strip()
    except OSError:
        machine = ""
    assert not machine or first not in machine
