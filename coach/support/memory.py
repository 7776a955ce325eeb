"""What coach remembers about the support plan between runs: whether the person has seen the
first-run statement, and the routine day the plan was last offered after a low check-in.

One small private JSON file in the data directory, written atomically (0600,
replacing any link put in its place, never following one). A damaged,
missing or odd file reads as "nothing remembered": the worst that happens is
the statement is shown once more, never a crash.
"""

from __future__ import annotations

import json
import os
import stat
from datetime import date
from pathlib import Path
from typing import Any

from coach.foundation.files import UnusableFile, atomic_write, read_regular

MEMORY_FILE_NAME = "support-memory.json"
_MAX_BYTES = 4096


class Memory:
    def __init__(self, data_dir: Path) -> None:
        self.path = Path(data_dir) / MEMORY_FILE_NAME
        self._state = self._read()

    def statement_seen(self) -> bool:
        return self._state.get("statement_seen") is True

    def mark_statement_seen(self) -> bool:
        """Remember it; False if the file could not be written (it is still remembered for
        as long as this Memory lives)."""
        return self._write("statement_seen", True)

    def offered_on(self) -> date | None:
        value = self._state.get("offered_on")
        if not isinstance(value, str):
            return None
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None

    def mark_offered(self, day: date) -> bool:
        """Remember that the plan was offered on routine day `day`; False if not saved."""
        return self._write("offered_on", day.isoformat())

    def _read(self) -> dict[str, Any]:
        try:
            if not stat.S_ISREG(os.lstat(self.path).st_mode):
                return {}
            state = json.loads(read_regular(self.path, _MAX_BYTES))
        except (OSError, UnusableFile, ValueError):
            return {}
        return state if isinstance(state, dict) else {}

    def _write(self, key: str, value: Any) -> bool:
        self._state = {**self._read(), **self._state, key: value}
        try:
            atomic_write(self.path, json.dumps(self._state, sort_keys=True).encode() + b"\n")
        except OSError:
            return False
        return True
