"""A TinyDB storage that replaces its file atomically and keeps it private.

TinyDB's own JSONStorage rewrites the file in place; a crash between write
and truncate can leave it unreadable. This one writes a synced temporary file
and renames it over the old one, so a reader sees the old or the new file.
Only writing uses TinyDB, so it is a module of its own: reading (the home screen's
first paint included) does not import TinyDB.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from coach.foundation.files import atomic_write, read_own
from coach.store.jsonfile import parse_document


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
