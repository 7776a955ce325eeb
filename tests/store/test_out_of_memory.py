"""Running out of memory while reading a month is not damage: it is said plainly, and the
folder is left exactly as it was (no `.damaged` copy of a whole month, no rewrite)."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import orjson
import pytest

from coach.store import Store, StoreError
from coach.store import jsonfile

NOON = datetime(2026, 11, 22, 12, tzinfo=timezone.utc)


def make_store(directory: Path) -> Store:
    return Store(directory, zone=(ZoneInfo("UTC"), "UTC"), now=lambda: NOON)


def with_records(directory: Path) -> None:
    store = make_store(directory)
    for n in range(3):
        store.add({"kind": "session", "routine": "r", "session": "s", "event": "started",
                   "day": "2026-11-22", "utc": f"2026-11-22T12:00:0{n}Z", "tz": "UTC"})


def snapshot(directory: Path) -> dict[str, bytes | None]:
    return {str(path.relative_to(directory)): path.read_bytes() if path.is_file() else None
            for path in sorted(directory.rglob("*"))}


def memory_error(_: bytes) -> Any:
    raise MemoryError


def orjson_out_of_memory(_: bytes) -> Any:
    # What orjson raises when it cannot allocate its buffer (measured with RLIMIT_AS).
    raise orjson.JSONDecodeError("Not enough memory to allocate buffer for parsing", "", 0)


class _Parser:
    def __init__(self, loads: Any) -> None:
        self.loads = loads
        self.JSONDecodeError = orjson.JSONDecodeError


PARSERS = {"MemoryError": memory_error, "orjson's own message": orjson_out_of_memory}


@pytest.mark.parametrize("loads", PARSERS.values(), ids=list(PARSERS))
def test_out_of_memory_is_said_and_changes_nothing(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   loads: Any) -> None:
    directory = tmp_path / "data"
    with_records(directory)
    (directory / "digests").mkdir(exist_ok=True)
    for digest in (directory / "digests").iterdir():
        digest.unlink()  # so the month is parsed, not counted from its digest
    before = snapshot(directory)
    monkeypatch.setattr(jsonfile, "orjson", _Parser(loads))

    store = make_store(directory)
    notices = store.check()
    assert store.well_formed() == []
    assert snapshot(directory) == before
    assert not list(directory.glob("*.damaged*"))
    [notice] = notices
    assert notice.startswith("records-2026-11.json could not be read (there was not enough "
                             "memory to read it; coach changed nothing)")
    assert "damaged" not in notice


def test_out_of_memory_while_saving_is_a_plain_store_error(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "data"
    with_records(directory)
    before = snapshot(directory)
    monkeypatch.setattr(jsonfile, "orjson", _Parser(memory_error))

    with pytest.raises(StoreError, match="not enough memory"):
        make_store(directory).add({"kind": "session", "routine": "r", "session": "s",
                                   "event": "finished", "day": "2026-11-22",
                                   "utc": "2026-11-22T12:00:09Z", "tz": "UTC"})
    assert snapshot(directory) == before


def test_memory_running_out_while_recovering_a_damaged_month_writes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from coach.store import months

    directory = tmp_path / "data"
    with_records(directory)
    path = directory / "records-2026-11.json"
    path.write_bytes(path.read_bytes()[:-5])  # really damaged
    before = snapshot(directory)

    def salvage(*_: Any) -> Any:
        raise MemoryError

    monkeypatch.setattr(months, "salvage_records", salvage)
    store = make_store(directory)
    assert store.well_formed() == []
    assert snapshot(directory) == before
    assert "not enough memory" in store.problems["records-2026-11.json"]
