"""One MonthFiles is shared by the app's event loop, its saving thread and its workers:
what it keeps (digests, notices) always describes what the files held, and its notices
stay few however long the app is open."""

from __future__ import annotations

import errno
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

import coach.store.months as months
from coach.store import Store
from coach.store.writer import Writer

NOON = datetime(2026, 11, 22, 12, tzinfo=timezone.utc)


def make_store(directory: Path) -> Store:
    return Store(directory, zone=(ZoneInfo("UTC"), "UTC"), now=lambda: NOON)


def session(n: int) -> dict[str, Any]:
    return {"kind": "session", "routine": "r", "session": f"s{n}", "event": "finished",
            "day": "2026-11-22", "utc": f"2026-11-22T12:{n // 60:02d}:{n % 60:02d}Z",
            "tz": "UTC"}


def test_a_digest_is_of_the_bytes_read_even_when_a_save_lands_just_after(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The saving thread writes between a worker's read of a month and its look at the
    file's stamp: the digest must not take the new stamp for the old records, or every
    figure would miss the new record until the month changed again."""
    store = make_store(tmp_path)
    store.add(session(1))
    path = store.months.path_for(NOON.date())
    writer = Writer()
    real_parse = months.parse_document
    landed = []
    reading = threading.current_thread()

    def parse_then_a_save_lands(path: Path, data: bytes) -> Any:
        document = real_parse(path, data)
        if not landed and threading.current_thread() is reading:
            # The read is done; the writer's save lands before anything else.
            landed.append(writer.put(lambda: store.add(session(2))).result(timeout=5))
        return document

    monkeypatch.setattr(months, "parse_document", parse_then_a_save_lands)
    store.months.digest(path)
    monkeypatch.setattr(months, "parse_document", real_parse)
    assert landed
    assert store.months.digest(path).records == 2
    assert make_store(tmp_path).months.digest(path).records == 2  # as saved, too
    assert [c for _, c, _ in store.counts()] == [2]


def test_readers_in_several_threads_while_the_writer_writes_see_what_was_written(
        tmp_path: Path) -> None:
    """Each reader's count of a month only grows, never past what was written, and at the
    end every kept digest agrees with the file."""
    store = make_store(tmp_path)
    store.add(session(0))
    path = store.months.path_for(NOON.date())
    writer = Writer()
    saves = [writer.put(lambda n=n: store.add(session(n))) for n in range(1, 60)]
    seen: dict[str, list[int]] = {}
    errors: list[BaseException] = []

    def read(name: str) -> None:
        counts = seen.setdefault(name, [])
        try:
            while not writer.idle:
                counts.append(store.months.digest(path).records)
                counts.append(len(store.well_formed()))
                counts.append(next(count for _, count, _ in store.counts()))
        except BaseException as err:  # noqa: BLE001 - said by the test thread
            errors.append(err)

    readers = [threading.Thread(target=read, args=(f"reader {n}",)) for n in range(4)]
    for reader in readers:
        reader.start()
    for save in saves:
        save.result(timeout=30)
    for reader in readers:
        reader.join()
    assert errors == []
    for counts in seen.values():
        assert all(1 <= count <= 60 for count in counts)
    assert store.months.digest(path).records == 60 == len(store.well_formed())
    assert make_store(tmp_path).months.digest(path).records == 60


def damaged_month(tmp_path: Path, month: int = 11) -> Path:
    store = make_store(tmp_path)
    store.add({**session(1), "day": f"2026-{month:02d}-22"})
    path = store.months.path_for(NOON.date().replace(month=month))
    path.write_bytes(path.read_bytes() + b"\x00garbage")
    return path


def in_a_folder_that_cannot_be_written(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on a read-only mount: a damaged month is read as it is, never repaired."""
    def read_only(self: months.MonthFiles, path: Path) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    monkeypatch.setattr(months.MonthFiles, "_repair_locked", read_only)


def test_a_damaged_month_read_again_and_again_is_said_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An app open for weeks on a restored backup reads the damaged month at every
    routine; the person hears of it once, and the list does not grow."""
    path = damaged_month(tmp_path)
    in_a_folder_that_cannot_be_written(monkeypatch)
    store = make_store(tmp_path)
    for _ in range(5):
        assert len(store.load_month(path)) == 1
    [notice] = store.notices
    assert "its folder cannot be written" in notice


def test_notices_keep_the_latest_few(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for month in range(1, 6):
        damaged_month(tmp_path, month)
    in_a_folder_that_cannot_be_written(monkeypatch)
    monkeypatch.setattr(months, "MAX_NOTICES", 3)
    store = make_store(tmp_path)
    store.records()
    assert [notice[:18] for notice in store.notices] == [
        "records-2026-03.js", "records-2026-04.js", "records-2026-05.js"]


def test_notices_said_are_cleared_and_handed_out_as_copies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = damaged_month(tmp_path)
    in_a_folder_that_cannot_be_written(monkeypatch)
    store = make_store(tmp_path)
    store.load_month(path)
    store.notices.clear()  # a copy: what the store keeps is unchanged
    assert len(store.notices) == 1
    store.months.clear_notices()
    assert store.notices == []
