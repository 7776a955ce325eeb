"""Storage as history grows: ten years of daily use, about 20 records a day.

Builds a synthetic history in a temporary data folder (three routines a day:
session events and step records with realistic data: ratings, notes,
gratitude, planned and reviewed activities, journal text), then measures
- storing one step completion (the app's write path: lock, open, insert,
  atomic replace, fsync), median and worst of 50;
- loading the figures for all of history (read every record, compute habit
  strength inputs, mood by day, predicted versus actual enjoyment), median
  and worst of 7.
Usage: python bench/storage.py [YEARS]
"""

from __future__ import annotations

import random
import shutil
import statistics
import sys
import tempfile
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.insight.load import load_figures
from coach.session.run import StepOutcome
from coach.store import Store
from coach.store.store import new_id

ZONE = (ZoneInfo("Europe/Berlin"), "Europe/Berlin")
WORDS = ("calm tired hopeful walk sister tea rain morning work friend music garden quiet "
         "slept anxious better kind small step today cooked read called sun").split()


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def day_records(day: date, rng: random.Random) -> list[dict]:
    records = []

    def at(hour: int, minute: int) -> str:
        return datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.utc) \
            .isoformat().replace("+00:00", "Z")

    def add(kind: str, routine: str, session: str, hour: int, minute: int, **fields) -> None:
        records.append({"v": 1, "uid": new_id(), "kind": kind, "routine": routine,
                        "session": session, "day": day.isoformat(), "utc": at(hour, minute),
                        "tz": "Europe/Berlin", **fields})

    def step(routine, session, hour, minute, step_id, step_type, data):  # type: ignore[no-untyped-def]
        add("step", routine, session, hour, minute, step=step_id, type=step_type,
            status="done", started=at(hour, minute), ended=at(hour, minute + 1), data=data)

    activities = [{"id": new_id(), "name": sentence(rng, 3), "time": "18:00",
                   "predicted": rng.randint(2, 8)} for _ in range(rng.randint(1, 3))]
    s = new_id()
    add("session", "morning", s, 6, 0, event="started", steps_total=4)
    step("morning", s, 6, 1, "breathing", "breathing",
         {"completed": True, "seconds": 180.0, "pattern": "relaxed", "breaths": 18})
    step("morning", s, 6, 5, "gratitude", "gratitude", {"items": [sentence(rng, 5) for _ in range(3)]})
    step("morning", s, 6, 8, "plan", "activity_plan", {"activities": activities})
    step("morning", s, 6, 10, "mood", "mood", {"rating": rng.randint(2, 9), "feelings": ["calm"],
                                              "note": sentence(rng, 6)})
    add("session", "morning", s, 6, 11, event="finished", steps_total=4)
    s = new_id()
    add("session", "midday", s, 12, 0, event="started", steps_total=5)
    step("midday", s, 12, 1, "grounding", "grounding",
         {"see": [sentence(rng, 2) for _ in range(5)], "touch": [sentence(rng, 2)]})
    step("midday", s, 12, 4, "affirmation", "affirmation", {"texts": [sentence(rng, 8)]})
    step("midday", s, 12, 6, "water", "instruction", {"completed": True, "seconds": 60.0})
    step("midday", s, 12, 8, "walk", "instruction", {"completed": True, "seconds": 600.0})
    step("midday", s, 12, 19, "breathing", "breathing",
         {"completed": True, "seconds": 120.0, "pattern": "box", "breaths": 8})
    add("session", "midday", s, 12, 21, event="finished", steps_total=5)
    s = new_id()
    add("session", "evening", s, 19, 0, event="started", steps_total=4)
    step("evening", s, 19, 1, "pmr", "pmr", {"completed": True, "seconds": 235.0, "groups": 7,
                                            "groups_done": 7, "distress_before": 6,
                                            "distress_after": 3})
    step("evening", s, 19, 6, "review", "activity_review", {"activities": [
        {"id": a["id"], "name": a["name"], "predicted": a["predicted"], "done": True,
         "pleasure": rng.randint(3, 10), "mastery": rng.randint(3, 10)} for a in activities]})
    step("evening", s, 19, 9, "journal", "journal", {"prompt": sentence(rng, 7),
                                                    "text": sentence(rng, 60)})
    step("evening", s, 19, 20, "mood", "mood", {"rating": rng.randint(2, 9), "feelings": []})
    add("session", "evening", s, 19, 21, event="finished", steps_total=4)
    return records


def history(years: float, today: date) -> list[dict]:
    """`years` of daily use up to and including `today`: the same records for the same arguments."""
    rng = random.Random(7)
    records = []
    day = today - timedelta(days=int(365.25 * years))
    while day <= today:
        records.extend(day_records(day, rng))
        day += timedelta(days=1)
    return records


def measure(years: float, writes: int = 50, loads: int = 7) -> dict:
    """Seconds of each step completion stored and of each load of all the figures, with
    `years` of history."""
    directory = Path(tempfile.mkdtemp()) / "data"
    today = date(2026, 11, 22)
    store = Store(directory, zone=ZONE, now=lambda: datetime(2026, 11, 22, 20, 0, tzinfo=timezone.utc))
    records = history(years, today)
    built = time.perf_counter()
    store.import_records(records)
    size = sum(p.stat().st_size for p in directory.glob("records-*.json"))
    result: dict = {"records": len(records), "days": int(365.25 * years) + 1,
                    "months": len(store.month_files()), "size": size,
                    "built": time.perf_counter() - built}

    result["writes"] = []
    for n in range(writes):
        start = datetime(2026, 11, 22, 19, 30, tzinfo=timezone.utc)
        outcome = StepOutcome("mood", "mood", "done", start, start + timedelta(seconds=40),
                              {"rating": 6, "feelings": ["calm"], "note": f"bench {n}"})
        t = time.perf_counter()
        store.record_step("evening", "bench", outcome, day=today)
        result["writes"].append(time.perf_counter() - t)
    result["month"] = len(store.load_month(directory / "records-2026-11.json"))

    result["loads"] = []
    for _ in range(loads):
        t = time.perf_counter()
        figures = load_figures(Store(directory, zone=ZONE))
        result["loads"].append(time.perf_counter() - t)
    result["mood_days"], result["enjoyment"] = len(figures.mood_by_day), len(figures.enjoyment)
    shutil.rmtree(directory.parent, ignore_errors=True)
    return result


def main() -> None:
    years = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    result = measure(years)
    records, days = result["records"], result["days"]
    print(f"history: {records} records over {days} days ({records / days:.1f} a day), "
          f"{result['months']} month files, {result['size'] / 1e6:.1f} MB; built in "
          f"{result['built']:.1f} s")
    writes, loads = result["writes"], result["loads"]
    print(f"store a step completion (month file of {result['month']} records): median "
          f"{1000 * statistics.median(writes):.1f} ms, worst {1000 * max(writes):.1f} ms")
    print(f"load the figures for all of history: median {1000 * statistics.median(loads):.0f} ms, "
          f"worst {1000 * max(loads):.0f} ms ({result['mood_days']} days of mood, "
          f"{result['enjoyment']} reviewed activities)")


if __name__ == "__main__":
    main()
