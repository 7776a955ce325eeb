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
Each run goes through the four folders in turn. `bench/all.py` runs it (fewer runs with
--short) for its rows of five devices against one.
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

from storage import ZONE, history
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


def timed_ms(function: Callable[[], object], before: Callable[[], object] = lambda: None
             ) -> float:
    before()
    start = time.perf_counter()
    function()
    return (time.perf_counter() - start) * 1000


#: What is measured, with how many runs of each in a full run and in a short one.
MEASURES = {"scratch": (3, 1), "month": (7, 3), "series": (7, 3), "fresh": (3, 1)}


def measure(years: float, short: bool = False) -> dict:
    """Each measure's times (ms) and each folder's month files, by devices (0, 1, 2, 5).
    The folders are written first; then each run goes through all four in turn, so that
    a busy moment of the machine falls on all of them alike."""
    records = history(years, TODAY)
    root = Path(tempfile.mkdtemp(prefix="coach-devices-"))
    counts = (0, 1, 2, 5)
    try:
        folders = {devices: root / str(devices) for devices in counts}
        for devices, directory in folders.items():
            directory.mkdir()
            written(directory, records, devices)

        def store(devices: int) -> Store:
            return Store(folders[devices], zone=ZONE, device=DEVICES[0] if devices else "")

        def once(what: str, devices: int) -> float:
            directory = folders[devices]
            digests = directory / DIGEST_DIR
            if what == "scratch":
                return timed_ms(lambda: list(store(devices).digests()),
                                before=lambda: shutil.rmtree(digests, ignore_errors=True))
            if what == "month":
                month = store(devices).months.month_path(TODAY)
                return timed_ms(lambda: store(devices).months.well_formed(month))
            if what == "series":
                store(devices).series()  # saved, so the timed one finds it up to date
                return timed_ms(lambda: store(devices).series())
            return timed_ms(lambda: store(devices).series(),
                            before=lambda: (digests / SERIES_NAME).unlink(missing_ok=True))

        times: dict[str, dict[str, list[float]]] = {str(d): {} for d in counts}
        for what, (full, brief) in MEASURES.items():
            for _ in range(brief if short else full):
                for devices in counts:
                    times[str(devices)].setdefault(what, []).append(once(what, devices))
        files = {str(devices): len(list(folders[devices].glob("records-*.json")))
                 for devices in counts}
        return {"years": years, "files": files, "times": times}
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    years = float(sys.argv[1]) if len(sys.argv) > 1 else 10
    result = measure(years)
    print(f"{years:g} years, the same records split over 1, 2 and 5 devices "
          "(0: without a device, as before); ms, median")
    print("devices  files  digests from scratch  well_formed(month)  series  series anew")
    for devices, times in result["times"].items():
        print(f"{devices:>7}  {result['files'][devices]:5d}  "
              f"{statistics.median(times['scratch']):20.0f}  "
              f"{statistics.median(times['month']):18.1f}  "
              f"{statistics.median(times['series']):6.1f}  "
              f"{statistics.median(times['fresh']):11.0f}")


if __name__ == "__main__":
    main()
