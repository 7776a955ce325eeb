"""What the strength of a routine kept three times a week costs at thirty years of history,
against a daily routine's over the same days.

Thirty years (about 11,000 days) of a routine are built in memory as the series keeps
them (store.series.RoutineSeries: a character a day): done on one to four random days
of each week, a rest day now and then, a few days marked done or partly done afterwards
and a few started and left. The series is saved and read back as the store does
(Series.to_bytes / from_bytes), then, in-process:
- the first walk: series_progress without detail and without a checkpoint (what keeps
  the checkpoint, about a year back);
- series_progress without detail, from the checkpoint the series keeps (home's strength
  worker, and the history screen's first visit);
- series_strength_weeks, from the same checkpoint (the history screen's strength chart).
Each is timed `RUNS` times; the table gives the median and the range (min-max).
Usage: python bench/flexible_strength.py [RUNS]
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

from coach.foundation.frequency import Frequency
from coach.insight.overview import series_progress, series_strength_weeks
from coach.store.series import FINISHED, MARKED_DONE, MARKED_PARTLY, REST, RoutineSeries, Series

TODAY = date(2026, 11, 23)
YEARS = 30
STEPS = 3
SCHEDULES: dict[str, Any] = {"3 times a week": Frequency(3, "week"),
                             "daily": [0, 1, 2, 3, 4, 5, 6]}


def thirty_years(seed: int = 1) -> RoutineSeries:
    rng = random.Random(seed)
    days = RoutineSeries()
    first = TODAY - timedelta(days=round(365.25 * YEARS))
    monday = first - timedelta(days=first.weekday())
    while monday <= TODAY:
        week = [monday + timedelta(days=n) for n in range(7)]
        week = [day for day in week if first <= day < TODAY]
        chosen = rng.sample(week, min(len(week), rng.randint(1, 4)))
        for day in chosen:
            days.set(day, rng.choices([FINISHED, MARKED_DONE, MARKED_PARTLY, REST],
                                      [90, 4, 3, 3])[0])
        left = [day for day in week if day not in chosen]
        if left and rng.random() < 0.1:
            days.partly[rng.choice(left)] = rng.randint(1, STEPS - 1)
        monday += timedelta(days=7)
    return days


def series_of(days: RoutineSeries) -> Series:
    """The series as the store reads it back from its file."""
    kept = Series.from_bytes(Series(routines={"r": days}).to_bytes())
    assert kept is not None
    return kept


def timed(work: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return times


def measure(runs: int) -> dict[str, dict[str, list[float]]]:
    days = thirty_years()
    result: dict[str, dict[str, list[float]]] = {}
    for name, weekdays in SCHEDULES.items():
        routine: Any = SimpleNamespace(id="r", steps=[None] * STEPS,
                                       schedule=SimpleNamespace(days=weekdays))

        walked = series_of(days)

        def first_walk() -> None:
            walked.checkpoints.clear()
            series_progress(walked, routine, TODAY, detail=False)

        first_times = timed(first_walk, runs)
        series = Series.from_bytes(walked.to_bytes())  # as saved (Store.keep_series)
        assert series is not None
        result[name] = {
            "first walk (keeps the checkpoint)": first_times,
            "series_progress, detail False": timed(
                lambda: series_progress(series, routine, TODAY, detail=False), runs),
            "series_strength_weeks": timed(
                lambda: series_strength_weeks(series, routine, TODAY), runs)}
    return result


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 30
    result = measure(runs)
    print(f"Thirty years, {runs} runs each: median (min-max)\n")
    print("| Routine | What | Time |\n|---|---|---|")
    for name, figures in result.items():
        for what, times in figures.items():
            ms = [t * 1000 for t in times]
            print(f"| {name} | {what} | {statistics.median(ms):.1f} ms "
                  f"({min(ms):.1f}-{max(ms):.1f}) |")


if __name__ == "__main__":
    main()
