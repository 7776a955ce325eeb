"""What pausing the garbage collector (coach.foundation.gcpause) buys the store's bulk reads.

Each measurement runs in a fresh process on a copy of a data folder (made with
`python bench/tenyears.py --build DIR 10`), with coach's Textual app imported so the
heap is the app's, once with the store's pauses and once with them made to do
nothing, alternating so both see the same machine load. It prints the process CPU
time of each read, median of RUNS.
Usage: python bench/gcpause.py DIR [RUNS]
"""

from __future__ import annotations

import contextlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

READS = ("records", "well_formed", "by_month", "search", "digests")


def measure_once(data: Path, read: str, paused: bool) -> float:
    """In this process: CPU milliseconds of one read of all history."""
    import coach.store.store as store_module
    import coach.tui.app  # noqa: F401 - the heap the app has
    from coach.store import Store

    if not paused:
        store_module.gc_paused = contextlib.nullcontext  # type: ignore[assignment]
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work) / "data"
        shutil.copytree(data, folder)
        if read == "digests":
            shutil.rmtree(folder / "digests", ignore_errors=True)
        store = Store(folder, zone=(ZoneInfo("UTC"), "UTC"),
                      now=lambda: datetime(2026, 11, 22, 20, tzinfo=timezone.utc))
        reads = {
            "records": lambda: store.records(),
            "well_formed": lambda: store.well_formed(),
            "by_month": lambda: [good for good, _ in store.by_month()],
            "search": lambda: store.search_entries("never written anywhere"),
            "digests": lambda: list(store.digests()),
        }
        started = time.process_time()
        reads[read]()
        return (time.process_time() - started) * 1000


def main() -> None:
    if sys.argv[1:2] == ["--child"]:
        print(measure_once(Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "paused"))
        return
    data, runs = Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 7

    def child(read: str, how: str) -> float:
        out = subprocess.run([sys.executable, __file__, "--child", str(data), read, how],
                             capture_output=True, text=True, check=True).stdout
        return float(out)

    print(f"{'read':<12} {'paused':>9} {'not':>9}   (CPU ms, median of {runs})")
    for read in READS:
        times: dict[str, list[float]] = {"paused": [], "not": []}
        for _ in range(runs):
            for how in times:
                times[how].append(child(read, how))
        print(f"{read:<12} {statistics.median(times['paused']):9.0f} "
              f"{statistics.median(times['not']):9.0f}")


if __name__ == "__main__":
    main()
