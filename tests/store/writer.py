"""A separate process that stores records and prints each uid once it is acknowledged.

Used by the fault tests: `python -m tests.store.writer DATA_DIR COUNT LABEL [MOMENT WRITE]`.
With MOMENT and WRITE, the process prints `stopped` and waits (to be killed) at that
moment of its WRITE-th write of a month file (counted from 1):

- `before`: the lock is held, nothing is written yet;
- `half`: half the new file is in the temporary file beside the month file;
- `whole`: all of it is there, not yet renamed over the month file;
- `replaced`: the month file is replaced, the uid not yet printed;
- `acknowledged`: the uid is printed, the next write not begun.
"""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from coach.foundation import files
from coach.store import Store

MOMENTS = ("before", "half", "whole", "replaced", "acknowledged")


def stop() -> None:
    print("stopped", flush=True)
    while True:
        signal.pause()


class _StoppingHandle:
    """The temporary file's handle, stopping after half or all of the bytes are in it."""

    def __init__(self, handle: Any, moment: str) -> None:
        self._handle = handle
        self._moment = moment

    def write(self, data: bytes) -> int:
        if self._moment == "half":
            data = data[:len(data) // 2]
        written = self._handle.write(data)
        self._handle.flush()  # in the file, as far as a killed process can take it
        stop()
        return written


def stop_in_writes(moment: str, write: int) -> None:
    """Make coach's atomic writes of month files stop at `moment` of the `write`-th."""
    real_writer = files.atomic_writer
    count = 0

    @contextmanager
    def stopping_writer(path: Path, mode: int = 0o600) -> Iterator[Any]:
        nonlocal count
        if not path.name.startswith("records-"):
            with real_writer(path, mode) as handle:
                yield handle
            return
        count += 1
        here = count == write
        if here and moment == "before":
            stop()
        with real_writer(path, mode) as handle:
            yield _StoppingHandle(handle, moment) if here and moment in ("half", "whole") \
                else handle
        if here and moment == "replaced":
            stop()

    files.atomic_writer = stopping_writer  # type: ignore[assignment]


def main() -> None:
    directory, count, label = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    moment, write = (sys.argv[4], int(sys.argv[5])) if len(sys.argv) > 5 else ("", 0)
    if moment:
        stop_in_writes(moment, write)
    store = Store(directory, zone=(ZoneInfo("UTC"), "UTC"),
                  now=lambda: datetime(2026, 11, 22, 12, tzinfo=timezone.utc),
                  device=os.environ.get("WRITER_DEVICE", ""))  # its own month files
    for n in range(count):
        # Alternate months so several files are written to.
        record = store.add({"kind": "session", "routine": label, "session": label,
                            "event": "started", "day": f"2026-{10 + n % 2:02d}-15",
                            "utc": f"2026-11-22T12:00:{n % 60:02d}Z", "tz": "UTC",
                            "note": "x" * 4000 * (n % 8)})  # long writes, several pages
        print(record["uid"], flush=True)
        if moment == "acknowledged" and n + 1 == write:
            stop()


if __name__ == "__main__":
    main()
