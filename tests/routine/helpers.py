"""Helpers for routine tests: load text as a routine file and read its problems."""

from __future__ import annotations

import textwrap
from pathlib import Path

from coach.routine.loader import LoadResult, load_routine_bytes

PATH = Path("routine.yaml")


def load(text: str | bytes, path: Path = PATH) -> LoadResult:
    data = textwrap.dedent(text).encode() if isinstance(text, str) else text
    return load_routine_bytes(data, path)


def only_error(text: str | bytes) -> tuple[int, int, str]:
    """The single error a file produces, as (line, column, message)."""
    result = load(text)
    assert result.routine is None, "an invalid file must not load"
    assert len(result.errors) == 1, [str(p) for p in result.errors]
    problem = result.errors[0]
    return problem.line, problem.column, problem.message
