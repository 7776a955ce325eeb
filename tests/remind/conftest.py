"""Helpers for the reminder backends' tests."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

#: A command (python -c) that writes the arguments it was given, as JSON, to the file
#: named first: what a reminder_command would receive.
RECORD_ARGV = "import json, sys; open(sys.argv[1], 'w').write(json.dumps(sys.argv[2:]))"


def wait_for(condition: Callable[[], object], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a parent (a container's init may never reap)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
