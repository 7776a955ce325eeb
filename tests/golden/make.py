"""Write the golden samples: one file of each format coach keeps on disk, as coach writes it.

Each sample is made by coach's own code (the store, the digest, the export, the typing
draft, ...) on a pinned clock, with pinned uids and file stamps, so the same code always
writes the same bytes. tests/golden/test_golden.py checks that it still does, and that
each reader reads its sample back and writes it again unchanged.

Run it only after changing a format on purpose, once its version in coach/foundation/formats.py is
bumped and older files are migrated or rebuilt:

    .venv/bin/python tests/golden/make.py
"""

from __future__ import annotations

import itertools
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

GOLDEN = Path(__file__).resolve().parent
#: The golden samples, by format: the file each is kept in under tests/golden/.
SAMPLES = {
    "month file": "month.json",
    "digest": "digest.json",
    "digest index": "index.json",
    "routine series": "series.json",
    "ledger": "ledger.json",
    "figures over all history": "all-figures.json",
    "better days over all history": "all-better-days.json",
    "export": "export.json",
    "typing draft": "typing.json",
    "support memory": "support-memory.json",
}
#: The pinned clock: every record is made at this instant or a few minutes after it.
NOW = datetime(2026, 11, 23, 7, 30, tzinfo=timezone.utc)
#: The file stamp (mtime_ns, ctime_ns; inode) digests and the index record for a month file.
STAMP_NS = 1_795_000_000_000_000_000
STAMP_INODE = 4242
SESSION = "0f6c7d1e2a3b4c5d"
#: The device that writes every record (see coach.store.device).
DEVICE = "g2ldenx7"

@contextmanager
def _pinned(module: Any, name: str, value: Any) -> Iterator[None]:
    real = getattr(module, name)
    setattr(module, name, value)
    try:
        yield
    finally:
        setattr(module, name, real)


@contextmanager
def pinned_ids_and_stamps() -> Iterator[None]:
    """uids counted from 1, and every month file stamped alike (by its size)."""
    import coach.store.months as months
    import coach.store.store as store

    counter = itertools.count(1)
    with _pinned(store, "new_id", lambda: f"{next(counter):032x}"), \
            _pinned(months, "stamp_of",
                    lambda info: (info.st_size, STAMP_NS, STAMP_NS, STAMP_INODE)):
        yield


def samples(folder: Path) -> dict[str, bytes]:
    """Each format's sample, written by coach into `folder` (empty) and read from there."""
    with pinned_ids_and_stamps():
        data = folder / "data"
        written = _history(data)
    return {name: written[fmt] for fmt, name in SAMPLES.items()}


def _history(data: Path) -> dict[str, bytes]:
    from coach.insight.all_better_days import all_history_better_days
    from coach.insight.all_history import all_history_figures
    from coach.foundation.values import StepOutcome
    from coach.store import Store
    from coach.store.export import json_chunks
    from coach.store.days import iso_utc
    from coach.support.memory import Memory
    from coach.store import typing

    clock = [NOW - timedelta(days=40)]
    store = Store(data, zone=(timezone.utc, "Europe/London"), now=lambda: clock[0],
                  device=DEVICE)

    def step(step_id: str, step_type: str, data: dict[str, Any], minute: int,
             status: str = "done") -> dict[str, Any]:
        at = clock[0] + timedelta(minutes=minute)
        return store.record_step("golden", SESSION, StepOutcome(
            step_id, step_type, status, at, at + timedelta(seconds=90), data))

    # October: one short session, so the index holds two months.
    store.record_session("golden", "october", "started", steps_total=3, weekdays=[0, 2, 4])
    step("golden-mood", "mood", {"rating": 4, "feelings": ["tired"], "note": ""}, 1)
    # November: a session with each kind of step the digest reads, a rest day, a reminder.
    clock[0] = NOW
    store.claim_reminder("golden", NOW.date(), ("first",))
    store.record_session("golden", SESSION, "started", steps_total=6, weekdays=[0, 2, 4])
    step("golden-breathing", "breathing", {"distress_before": 6, "distress_after": 3}, 0)
    step("golden-mood", "mood", {"rating": 7, "feelings": ["calm"], "note": "Slept well"}, 2)
    step("golden-plan", "activity_plan", {"activities": [
        {"id": "walk-1", "name": "Walk by the river", "time": "17:00", "predicted": 6}]}, 3)
    step("golden-review", "activity_review", {"activities": [
        {"id": "walk-1", "name": "Walk by the river", "predicted": 6, "done": True,
         "pleasure": 8, "mastery": 5}]}, 4)
    step("golden-gratitude", "gratitude", {"items": ["Tea", "A call with Sam", ""]}, 5)
    step("golden-journal", "journal", {"text": ""}, 6, status="skipped")
    step("golden-check", "check", {"form": "gad7", "answers": [1, 1, 0, 2, 0, 1, 0],
                                   "difficulty": None, "total": 5}, 7)
    clock[0] = NOW + timedelta(minutes=8)
    store.record_session("golden", SESSION, "finished")
    store.set_rest_day("golden", NOW.date() + timedelta(days=1))

    month = data / "records-2026-11.json"
    months = [data / "records-2026-10.json", month]
    store.months.summaries(months)  # digests both months, and writes the index
    store.series()  # October's day started, November's finished and its rest day
    store.ledger()  # the moods, ratings and the activity of both months
    # The golden routine due in the evening: its 07:30 check-in counts for the evening.
    all_history_figures(store, store.series(), NOW.date() + timedelta(days=1),
                        (("golden", "e"),))
    all_history_better_days(store, store.series(), NOW.date() + timedelta(days=1), ["golden"])

    draft = store.step_record("golden", SESSION, StepOutcome(
        "golden-journal", "journal", "draft", clock[0], clock[0] + timedelta(minutes=2),
        {"text": "Half a thought, still being typed"}))
    store.keep_typing(draft)

    memory = Memory(data)
    memory.mark_statement_seen()
    memory.mark_offered(date(2026, 11, 20))

    export = "".join(json_chunks((good for good, _ in store.by_month()),
                                 iso_utc(clock[0]))).encode()
    return {
        "month file": store.months.path_for(NOW.date()).read_bytes(),  # this device's
        "digest": (data / "digests" / month.name).read_bytes(),
        "digest index": (data / "digests" / "index.json").read_bytes(),
        "routine series": (data / "digests" / "series.json").read_bytes(),
        "ledger": (data / "digests" / "ledger.json").read_bytes(),
        "figures over all history": (data / "digests" / "all-figures.json").read_bytes(),
        "better days over all history": (data / "digests" / "all-better-days.json").read_bytes(),
        "export": export,
        "typing draft": typing.path_for(data, SESSION).read_bytes(),
        "support memory": (data / "support-memory.json").read_bytes(),
    }


def main() -> None:
    with tempfile.TemporaryDirectory() as scratch:
        for name, data in samples(Path(scratch)).items():
            (GOLDEN / name).write_bytes(data)
            print(f"wrote tests/golden/{name} ({len(data)} bytes)")


if __name__ == "__main__":
    sys.path.insert(0, str(GOLDEN.parent.parent))
    main()
