"""Several devices' month files cost about what one device's history costs.

Ten years of synthetic history (bench/storage.py), the same records each time, split
over 1, 2 and 5 devices by day (and, to compare, in one file a month without a device,
as before coach knew its device) (day n is written by device n mod devices), so each
month is held in that many files, as a folder synced between devices holds it. Then
measured, each from a store opened anew:
- the digests of every month built from scratch (no digests saved), median of 3;
- `Store.well_formed` of the current month (its digest saved), median of 7;
- the home screen's figures, `Store.series()` brought up to date (saved), median of 7,
  and made from the saved digests (no series saved), median of 3.
Usage: python bench/devices.py [YEARS]
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from bench.storage import ZONE, history
from coach.store import Store
from coach.store.months import DIGEST_DIR
from coach.store.series import SERIES_NAME

TODAY = date(2026, 11, 22)
DEVICES = ["aaaaaaaa", "bbbbbbbb", "cccccccc", "dddddddd", "eeeeeeee"]


def written(directory: Path, records: list[dict], devices: int) -> None:
    """The records written as `devices` devices would, each to its own month files (0:
    as coach wrote them before it knew its device, one file a month)."""
    if devices == 0:
        Store(directory, zone=ZONE).import_records(records)
    for n, device in enumerate(DEVICES[:devices]):
        Store(directory, zone=ZONE, device=device).import_records(
            [r for r in records if date.fromisoformat(r["day"]).toordinal() % devices == n])


def median_ms(function: Callable[[], object], runs: int,
              before: Callable[[], object] = lambda: None) -> float:
    times = []
    for _ in range(runs):
        before()
        start = time.perf_counter()
        function()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure(years: float) -> list[tuple[int, int, float, float, float, float]]:
    records = history(years, TODAY)
    rows = []
    for devices in (0, 1, 2, 5):
        directory = Path(tempfile.mkdtemp(prefix="coach-devices-"))
        try:
            written(directory, records, devices)
            files = len(list(directory.glob("records-*.json")))

            def store() -> Store:
                return Store(directory, zone=ZONE, device=DEVICES[0] if devices else "")

            digests = directory / DIGEST_DIR
            scratch = median_ms(lambda: list(store().digests()), 3,
                                before=lambda: shutil.rmtree(digests, ignore_errors=True))
            month = store().months.month_path(TODAY)
            one_month = median_ms(lambda: store().months.well_formed(month), 7)
            store().series()
            series = median_ms(lambda: store().series(), 7)
            fresh = median_ms(lambda: store().series(), 3,
                              before=lambda: (digests / SERIES_NAME).unlink(missing_ok=True))
            rows.append((devices, files, scratch, one_month, series, fresh))
        finally:
            shutil.rmtree(directory, ignore_errors=True)
    return rows


def main() -> None:
    years = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    print(f"{years:g} years, the same records split over 1, 2 and 5 devices "
          "(0: without a device, as before); ms, median")
    print("devices  files  digests from scratch  well_formed(month)  series  series anew")
    for devices, files, scratch, one_month, series, fresh in measure(years):
        print(f"{devices:7d}  {files:5d}  {scratch:20.0f}  {one_month:18.1f}  {series:6.1f}"
              f"  {fresh:11.0f}")


if __name__ == "__main__":
    main()
