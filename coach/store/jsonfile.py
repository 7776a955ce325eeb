"""A TinyDB storage that replaces its file atomically and keeps it private.

TinyDB's own JSONStorage rewrites the file in place; a crash between write
and truncate can leave it unreadable. This one writes a synced temporary file
and renames it over the old one, so a reader sees the old or the new file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from coach.files import atomic_write


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path, **_: Any) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not data.strip():
            return None
        return json.loads(data)

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        atomic_write(self.path, text.encode("utf-8"), mode=0o600)

    def close(self) -> None:
        pass
