"""Helpers for routine tests: load text as a routine file and read its problems."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from coach.routine.loader import LoadResult, load_routine_bytes

PATH = Path("routine.yaml")
REPO = Path(__file__).resolve().parents[2]


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


def run_coach(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the coach command in its own process, as a person would, with a time limit.

    A segfault or a hang fails the test instead of taking pytest down with it, and
    no traceback may reach the person. COACH_CONFIG_DIR/COACH_DATA_DIR are per test.
    """
    done = subprocess.run([sys.executable, "-m", "coach", *args], cwd=REPO, timeout=timeout,
                          capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"},
                          check=False)
    assert done.returncode in (0, 1), (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stdout + done.stderr
    assert "unexpected problem" not in done.stderr
    return done
