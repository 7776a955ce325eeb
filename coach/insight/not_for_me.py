"""The exercises a person marked "not for me": never suggested until they bring one back.

One small private JSON file in the data directory (`not-for-me.json`: {"keys": [...]}),
written atomically (0600, replacing any link put in its place, never following one),
like the support plan's memory. A damaged, missing or odd file reads as empty: the
worst that happens is an exercise is offered again, never a crash.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

from coach.foundation.files import UnusableFile, atomic_write, read_regular

NOT_FOR_ME_FILE_NAME = "not-for-me.json"
_MAX_BYTES = 64 * 1024
_MAX_KEY = 200


class NotForMe:
    """Read once when made; each change writes the file again."""

    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / NOT_FOR_ME_FILE_NAME
        self._keys = self._read()

    @property
    def keys(self) -> list[str]:
        """The exercises left out, in the order they were marked."""
        return list(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._keys

    def add(self, key: str) -> bool:
        """Leave an exercise out, and write the file; False if it could not be written (it
        stays left out for as long as this lives)."""
        return self.write(self.set(key, aside=True))

    def remove(self, key: str) -> bool:
        """Bring an exercise back, and write the file; False if it could not be written."""
        return self.write(self.set(key, aside=False))

    def set(self, key: str, *, aside: bool) -> list[str]:
        """Leave an exercise out (or bring it back) here, at once; what `write` is to keep.
        The app writes it later, in its writer thread."""
        self._keys = [k for k in self._keys if k != key] + ([key] if aside else [])
        return list(self._keys)

    def _read(self) -> list[str]:
        try:
            if not stat.S_ISREG(os.lstat(self.path).st_mode):
                return []
            state = json.loads(read_regular(self.path, _MAX_BYTES))
        except (OSError, UnusableFile, ValueError):
            return []
        keys = state.get("keys") if isinstance(state, dict) else None
        if not isinstance(keys, list):
            return []
        return list(dict.fromkeys(k for k in keys if isinstance(k, str) and 0 < len(k) <= _MAX_KEY))

    def write(self, keys: list[str]) -> bool:
        """Keep `keys` in the file; False if it could not be written."""
        try:
            atomic_write(self.path, json.dumps({"keys": keys}).encode() + b"\n")
        except OSError:
            return False
        return True
