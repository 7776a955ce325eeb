"""A month file's TinyDB document, parsed: what is wrong with a damaged one, and memory
that ran out, told apart.

orjson parses ten years of history in less than half the time of json. Reading needs
nothing of TinyDB; writing goes through coach.store.atomic_storage.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson


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
