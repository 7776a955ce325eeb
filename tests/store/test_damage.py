"""A damaged data file is never silently replaced: a copy is kept, the person is told, the rest carries on."""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.store import Store

NOON = datetime(2026, 11, 22, 12, tzinfo=timezone.utc)


def make_store(directory: Path) -> Store:
    return Store(directory, zone=(ZoneInfo("UTC"), "UTC"), now=lambda: NOON)


def three_records(directory: Path) -> Path:
    store = make_store(directory)
    for n in range(3):
        store.add({"kind": "session", "routine": "r", "session": "s", "event": "started",
                   "day": "2026-11-22", "utc": f"2026-11-22T12:00:0{n}Z", "tz": "UTC"})
    return directory / "records-2026-11.json"


def good_bytes(directory: Path) -> bytes:
    return three_records(directory).read_bytes()


DAMAGE = {
    "cut short in the third record": (lambda b: b[: b.rfind(b'"3"') + 30], 2),
    "cut short in the first record": (lambda b: b[:30], 0),
    "garbage appended": (lambda b: b + b"\x00\x01garbage", 3),
    "not JSON at all": (lambda b: b"\x89PNG\r\n\x1a\n" + b[:10], 0),
    "empty": (lambda b: b"", 0),
    "a list instead of tables": (lambda b: b"[1, 2, 3]", 0),
    "records is not a table": (lambda b: b'{"records": [1, 2]}', 0),
}


@pytest.mark.parametrize("case", DAMAGE.values(), ids=list(DAMAGE))
def test_damaged_file_is_copied_reported_and_recovered(tmp_path: Path, case) -> None:  # type: ignore[no-untyped-def]
    damage, recoverable = case
    directory = tmp_path / "data"
    path = three_records(directory)
    broken = damage(path.read_bytes())
    path.write_bytes(broken)

    store = make_store(directory)
    records = store.records()
    assert len(records) == recoverable
    [copy] = directory.glob("records-2026-11.json.damaged-*")
    assert copy.read_bytes() == broken  # the original, byte for byte
    assert copy.stat().st_mode & 0o777 == 0o600
    [notice] = store.notices
    assert notice.startswith("records-2026-11.json was damaged (")
    assert f"kept the damaged file as {copy.name}" in notice
    assert f"recovered {recoverable} record" in notice
    # Carrying on: the next write works and keeps what was recovered.
    store.add({"kind": "session", "routine": "r", "session": "s", "event": "finished",
               "day": "2026-11-22", "utc": "2026-11-22T13:00:00Z", "tz": "UTC"})
    assert len(make_store(directory).records()) == recoverable + 1
    assert len(list(directory.glob("*.damaged-*"))) == 1  # repaired once, not at every read


def test_damage_found_by_a_write_is_handled_the_same_way(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    path = three_records(directory)
    path.write_bytes(path.read_bytes()[:-5])
    store = make_store(directory)
    store.add({"kind": "session", "routine": "r", "session": "s", "event": "finished",
               "day": "2026-11-22", "utc": "2026-11-22T13:00:00Z", "tz": "UTC"})
    assert "was damaged" in store.notices[0]
    assert len(store.records()) == 3  # two whole records recovered, plus the new one
    data = json.loads(path.read_bytes())
    assert len(data["records"]) == 3


def test_other_months_are_untouched_by_one_damaged_month(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    store = make_store(directory)
    store.add({"kind": "session", "routine": "r", "session": "s", "event": "started",
               "day": "2026-10-01", "utc": "2026-10-01T12:00:00Z", "tz": "UTC"})
    (directory / "records-2026-11.json").write_bytes(b"{not json")
    assert len(store.records()) == 1
    assert len(store.notices) == 1
