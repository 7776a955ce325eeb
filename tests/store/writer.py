"""A separate process that stores records and prints each uid once it is acknowledged.

Used by the fault tests: `python -m tests.store.writer DATA_DIR COUNT LABEL`.
"""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.store import Store


def main() -> None:
    directory, count, label = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    store = Store(directory, zone=(ZoneInfo("UTC"), "UTC"),
                  now=lambda: datetime(2026, 11, 22, 12, tzinfo=timezone.utc))
    for n in range(count):
        # Alternate months so several files are written to.
        record = store.add({"kind": "session", "routine": label, "session": label,
                            "event": "started", "day": f"2026-{10 + n % 2:02d}-15",
                            "utc": f"2026-11-22T12:00:{n % 60:02d}Z", "tz": "UTC",
                            "note": "x" * 4000 * (n % 8)})  # long writes: kills land mid-write
        print(record["uid"], flush=True)


if __name__ == "__main__":
    main()
