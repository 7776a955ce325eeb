"""The history screen with years of history against none: opening it, switching inside it,
and the screens it and home open (the journal, the support plan).

In-process, with Textual's `App.run_test(size=(80, 24))` and Pilot, as
bench/steps.py: each change is timed from the key press to the first frame in
which the screen shows it (for opening: the calendar, strength, mood and
activities filled in, not just the empty frame). While each key is handled, a
watcher on the app's event loop records the longest time the loop did not
answer: the longest the screen could not paint or take a key.

Opening is measured on a fresh app (the first visit: the routines' series, the
range's month digests, the calendar's weeks) and again on the same app (a second
visit: what the first read is shown from memory while no month file changed).
Inside it: the next routine, each range, the calendar's
day a week back (left) and its first day shown (Home); then the journal (j, the
last 90 days of entries) and back, and from home the support plan (ctrl+g). The
home screen's strength line is worked out in a worker after the first paint; its
time is measured too.

Ten years are bench/storage.py's synthetic daily use (three routines, about
70,000 records), with the month digests built as the app builds them after its
first start (each run's copy of the folder has them made anew first, and that
time is shown too: it is what the first start after restoring a backup costs, in
a worker). The store's clock is pinned to 09:00 UTC on the day after the
history ends. Runs alternate no data and ten years, after a warm-up of each.
Usage: python bench/history.py [RUNS]
"""

from __future__ import annotations

import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path

from steps import NOW, Frames, run_once, ten_years_of_history
from storage import ZONE

from coach.store import Store
from coach.support.memory import Memory
from coach.tui.app import CoachApp
from coach.tui.screens.entries import EntriesScreen
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.support import SupportScreen
from coach.tui.widgets.heatmap import Heatmap
from coach.tui.workers_ended import workers_ended

#: The screen changes other than opening history and switching routine or range, by name:
#: the calendar's moves, the journal and back, the support plan.
OTHER_CHANGES = ("calendar: a week back", "calendar: first day shown", "journal (j)",
                 "back to history from the journal", "support plan (ctrl+g)")


class LoopWatch:
    """The longest the event loop took to answer a 1 ms sleep, while running."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _watch(self) -> None:
        while True:
            began = time.perf_counter()
            await asyncio.sleep(0.001)
            self.longest = max(self.longest, time.perf_counter() - began - 0.001)

    def start(self) -> None:
        self.longest = 0.0
        self._task = asyncio.get_running_loop().create_task(self._watch())

    async def stop(self) -> float:
        assert self._task is not None
        self._task.cancel()
        try:
            await self._task
        except asyncio.CancelledError:
            pass
        return self.longest


def history_shown(app: CoachApp, routine_id: str | None = None,
                  range_days: object = "any") -> Callable[[], bool]:
    def ready() -> bool:
        screen = app.screen
        if not isinstance(screen, HistoryScreen) or screen.today is None or not screen.views:
            return False
        mood_title = str(screen.query_one("#mood-title").render())
        return ("working it out" not in mood_title
                and (routine_id is None or screen.routine_id == routine_id)
                and (range_days == "any" or screen.range_days == range_days))
    return ready


def day_shown(app: CoachApp, day: Callable[[Heatmap], object]) -> Callable[[], bool]:
    """The calendar's chosen day is `day(calendar)`, and the line under it says so."""
    def ready() -> bool:
        screen = app.screen
        if not isinstance(screen, HistoryScreen):
            return False
        heatmap = screen.query_one("#heatmap", Heatmap)
        return heatmap.selected == day(heatmap) and \
            f"{heatmap.selected:%-d %B}" in str(screen.query_one("#day-detail").render())
    return ready


def entries_shown(app: CoachApp) -> bool:
    screen = app.screen
    return isinstance(screen, EntriesScreen) and screen.since is not None


def support_shown(app: CoachApp) -> bool:
    screen = app.screen
    return isinstance(screen, SupportScreen) and hasattr(screen, "result")


def home_progress_shown(app: CoachApp) -> bool:
    screen = app.screen
    return isinstance(screen, HomeScreen) and bool(getattr(screen, "progress", None))


async def measure(data: Path) -> dict[str, float]:
    store = Store(data, now=lambda: NOW, zone=ZONE)
    # A copied folder has new inodes, so its month digests are made anew, as after a restore;
    # a person's own folder keeps them. Made here, each run starts as a person's would.
    began = time.perf_counter()
    store.check()
    made_anew = time.perf_counter() - began
    Memory(data).mark_statement_seen()
    app = CoachApp(store=store)
    times: dict[str, float] = {}
    watch = LoopWatch()
    began = time.perf_counter()
    async with app.run_test(size=(80, 24)) as pilot:
        frames = Frames(app)
        while not home_progress_shown(app):
            if time.perf_counter() - began > 60:
                raise RuntimeError("the home screen's strength did not come")
            await asyncio.sleep(0.0005)
        times["home: strength lines, from the app's start"] = time.perf_counter() - began
        times["(once after a restore: month digests made anew)"] = made_anew
        await workers_ended(lambda: app.workers)

        async def timed(name: str, key: str, ready: Callable[[], bool]) -> None:
            watch.start()
            times[name] = await frames.press(pilot, key, ready, name)
            await workers_ended(lambda: app.workers)
            times[f"{name} (longest stall)"] = await watch.stop()

        await timed("open history (first visit)", "h", history_shown(app))
        screen = app.screen
        assert isinstance(screen, HistoryScreen)
        ids = list(screen.routines)  # home's order, as n follows it
        following = ids[(ids.index(screen.routine_id) + 1) % len(ids)]
        await timed("next routine", "n", history_shown(app, following))
        await timed("next range (90 days)", "t", history_shown(app, None, 90))
        await timed("next range (a year)", "t", history_shown(app, None, 365))
        await timed("next range (all history)", "t", history_shown(app, None, None))
        week_back = screen.query_one("#heatmap", Heatmap).selected - timedelta(days=7)
        await timed("calendar: a week back", "left", day_shown(app, lambda _: week_back))
        await timed("calendar: first day shown", "home",
                    day_shown(app, lambda heatmap: heatmap.first_shown()))
        await timed("journal (j)", "j", lambda: entries_shown(app))
        await timed("back to history from the journal", "escape", history_shown(app))
        await pilot.press("escape")
        await pilot.pause()
        await timed("support plan (ctrl+g)", "ctrl+g", lambda: support_shown(app))
        await pilot.press("escape")
        await pilot.pause()
        await timed("open history (second visit)", "h", history_shown(app))
    return times


def measure_runs(runs: int, years: float = 10, warm_up: bool = True,
                 measure: Callable[[Path], Awaitable[dict[str, float]]] = measure
                 ) -> dict[str, list[dict[str, float]]]:
    """Each run's seconds by name, by kind ("no data", "ten years"), after a warm-up of each;
    `measure` times one run (bench/now.py gives its own)."""
    temp = Path(tempfile.mkdtemp(prefix="coach-history-"))
    os.environ["COACH_CONFIG_DIR"] = str(temp / "config")
    os.environ["COACH_DATA_DIR"] = str(temp / "app")
    ten_years = temp / "ten-years"
    try:
        print(f"ten years of history: {ten_years_of_history(ten_years, years)}")
        results: dict[str, list[dict[str, float]]] = {"no data": [], "ten years": []}
        for n in range(0 if warm_up else 1, runs + 1):
            for kind in results:
                times = run_once(kind, ten_years, n, measure)
                if n:  # the first of each warms imports and caches
                    results[kind].append(times)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return results


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    results = measure_runs(runs)
    print(f"\nmedian of {runs} runs each, in ms (80x24, in-process)\n")
    print(f"| {'What':<50} | {'no data':>8} | {'ten years':>9} | {'ratio':>6} |")
    print(f"|{'-' * 52}|{'-' * 10}:|{'-' * 11}:|{'-' * 8}:|")
    for name in results["no data"][0]:
        empty = statistics.median(r[name] for r in results["no data"]) * 1000
        ten = statistics.median(r[name] for r in results["ten years"]) * 1000
        worst = max(r[name] for r in results["ten years"]) * 1000
        print(f"| {name:<50} | {empty:8.1f} | {ten:9.1f} | {ten / empty:5.2f}x |"
              f"  (ten years worst {worst:.1f})")


if __name__ == "__main__":
    main()
