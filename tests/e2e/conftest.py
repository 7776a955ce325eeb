"""The real `coach` shows a first-run statement once; these tests start past it, as a person
does from the second day on, unless they remove the memory to see it (test_support_key)."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.support.memory import Memory


@pytest.fixture(autouse=True)
def statement_seen(coach_dirs: dict[str, Path]) -> Memory:
    memory = Memory(coach_dirs["data"])
    memory.mark_statement_seen()
    return memory
