"""A TinyDB storage that replaces its file atomically and keeps it private.

TinyDB's own JSONStorage rewrites the file in place; a crash between write
and truncate can leave it unreadable. This one writes a synced temporary file
and renames it over the old one, so a reader sees the old or the new file.
orjson parses ten years of history in less than half the time of json.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from coach.foundation.files import atomic_write, read_own


class DamagedFile(Exception):
    """A data file that cannot be read as a TinyDB document: invalid, cut short, or wrong shape."""

    def __init__(self, path: Path, data: bytes, reason: str) -> None:
        super().__init__(f"{path} is damaged: {reason}")
        self.path = path
        self.data = data
        self.reason = reason


class NotEnoughMemory(Exception):
    """A data file could not be parsed for want of memory: nothing is wrong with the file,
    so it must never be treated as damaged (copied aside, rewritten)."""


#: orjson reports a failed allocation as a decode error with this message.
_ORJSON_OUT_OF_MEMORY = "Not enough memory"


def parse_document(path: Path, data: bytes) -> dict[str, dict[str, Any]]:
    """The TinyDB document in `data`, or DamagedFile saying what is wrong with it;
    NotEnoughMemory when it could not be parsed at all here and now."""
    if not data.strip():
        raise DamagedFile(path, data, "the file is empty")
    try:
        document = orjson.loads(data)
    except MemoryError:
        raise NotEnoughMemory(path) from None
    except orjson.JSONDecodeError as err:
        if err.msg.startswith(_ORJSON_OUT_OF_MEMORY):
            raise NotEnoughMemory(path) from None
        raise DamagedFile(path, data, f"it is not valid JSON ({err.msg} at byte {err.pos})") from None
    if not isinstance(document, dict) or not all(isinstance(t, dict) for t in document.values()):
        raise DamagedFile(path, data, "it does not hold tables of records")
    return document


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = read_own(self.path)
        except FileNotFoundError:
            return None
        return parse_document(self.path, data)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        atomic_write(self.path, orjson.dumps(data), mode=0o600)

    def close(self) -> None:
        pass
