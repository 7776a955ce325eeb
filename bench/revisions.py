"""What folding revisions costs a reader: one month of daily use read with and without them.

Builds one month of synthetic history (bench/storage.py's days, about 20 records a
day), then measures, median of 21 runs each:
- reading the month as every reader does (MonthFiles.well_formed, from a fresh
  MonthFiles so nothing is held in memory; its digest saved, as after first use),
  with no revision, and after 20 corrections and 10 deletions with 5 undone;
- the fold alone (store.revisions.fold) over the month's records, both ways;
- making the month's digest (which folds too), both ways.
Usage: python bench/revisions.py
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.storage import ZONE, day_records  # noqa: E402
from coach.store import Store  # noqa: E402
from coach.store.digest import summarise  # noqa: E402
from coach.store.months import TABLE, MonthFiles  # noqa: E402
from coach.store.revisions import fold  # noqa: E402

MONTH = date(2026, 11, 1)
RUNS = 21


def median_ms(function: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(directory: Path) -> dict[str, float]:
    path = MonthFiles(directory).path_for(MONTH)
    MonthFiles(directory).well_formed(path)  # the digest saved, as after first use
    raw = MonthFiles(directory).well_formed(path, raw=True)[0]
    entries = list(MonthFiles(directory)._document(path)[TABLE].values())  # type: ignore[index]
    return {"read": median_ms(lambda: MonthFiles(directory).well_formed(path)),
            "fold": median_ms(lambda: fold(raw)),
            "digest": median_ms(lambda: summarise(entries, None, "2026-11")),
            "records": len(raw)}


def main() -> None:
    rng = random.Random(7)
    directory = Path(tempfile.mkdtemp(prefix="coach-bench-revisions-"))
    try:
        now = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)
        store = Store(directory, zone=ZONE, now=lambda: now)
        store.import_records([record for n in range(30)
                              for record in day_records(MONTH + timedelta(days=n), rng)])
        without = measure(directory)
        journals = [r for r in store.well_formed() if r.get("type") == "journal"]
        for n, record in enumerate(journals[:30]):
            day = date.fromisoformat(record["day"])
            if n < 20:
                store.correct_entry(record["uid"], day, {"text": f"corrected {n}"})
            else:
                store.delete_entry(record["uid"], day)
        for change in store.last_changes(limit=5):
            change.undo(store)
        with_them = measure(directory)
        print(f"one month, {without['records']:.0f} records; then "
              f"{with_them['records'] - without['records']:.0f} revisions added")
        for key, what in (("read", "read the month (well_formed)"), ("fold", "fold alone"),
                          ("digest", "make its digest")):
            print(f"{what:32} without revisions {without[key]:7.2f} ms, "
                  f"with {with_them[key]:7.2f} ms")
    finally:
        shutil.rmtree(directory)


if __name__ == "__main__":
    main()
