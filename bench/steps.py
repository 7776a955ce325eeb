"""Each step and screen change of the shipped routines, with ten years of history against none.

In-process, with Textual's `App.run_test(size=(80, 24))` and Pilot: home, the
morning routine step by step, its summary, home again, then the evening routine
the same way (what the end-to-end tests type). Each change is timed from the key
press to the first frame the screen renders with the new step's widget (or the
summary, or the refreshed home screen) mounted. Headless, a frame is the
compositor's update; only its conversion to terminal bytes is left out.

The store is a real Store on a data folder, its clock pinned to 09:00 UTC on the
day after the history ends; timed exercises run on a clock the benchmark moves.
Ten years are bench/storage.py's synthetic daily use, with the month digests built
as the app builds them after its first start; every run gets a fresh copy, so each
starts from the same data. Before each timed key, the saves still being written
finish, as they would while a person reads and types. Runs alternate no data and
ten years, after a warm-up run of each.
Usage: python bench/steps.py [RUNS]
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
from datetime import datetime, timedelta, timezone
from pathlib import Path

from storage import ZONE, history
from textual.pilot import Pilot

from coach.store import Store
from coach.support.memory import Memory
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.run import RunScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.workers_ended import workers_ended

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)
TIMEOUT = 60.0


class ManualClock:
    """The app's clock for timers: moves only when a timed exercise is to end."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Frames:
    """Times a key press until the screen renders a frame in which `ready()` holds."""

    def __init__(self, app: CoachApp) -> None:
        self.ready: Callable[[], bool] | None = None
        self.painted_at: float | None = None
        display = app._display

        def displayed(screen, renderable):  # type: ignore[no-untyped-def]
            display(screen, renderable)
            if renderable is not None and self.ready is not None and \
                    self.painted_at is None and self.ready():
                self.painted_at = time.perf_counter()

        app._display = displayed  # type: ignore[method-assign]

    async def press(self, pilot: Pilot, key: str, ready: Callable[[], bool], what: str) -> float:
        await workers_ended(lambda: pilot.app.workers)
        await pilot.app.saves.written()  # each step change starts with the last one's saves on disk
        self.ready, self.painted_at = ready, None
        began = time.perf_counter()
        pressing = asyncio.create_task(pilot.press(key))
        while self.painted_at is None:
            if time.perf_counter() - began > TIMEOUT:
                raise RuntimeError(f"{what}: no frame with it after {TIMEOUT:.0f} s")
            await asyncio.sleep(0.0005)
        await pressing
        self.ready = None
        return self.painted_at - began


def step_shown(app: CoachApp, index: int) -> Callable[[], bool]:
    def ready() -> bool:
        screen = app.screen
        return (isinstance(screen, RunScreen) and screen.routine_run.index == index and
                screen.widget is not None and screen.widget.is_mounted and
                screen.widget.step is screen.routine_run.steps[index])
    return ready


def summary_shown(app: CoachApp) -> Callable[[], bool]:
    def ready() -> bool:
        screen = app.screen
        return isinstance(screen, SummaryScreen) and \
            all(widget.is_mounted for widget in screen.walk_children(with_self=True))
    return ready


def home_shown(app: CoachApp, finished: str) -> Callable[[], bool]:
    def ready() -> bool:
        screen = app.screen
        state = getattr(screen, "states", {}).get(finished)
        return isinstance(screen, HomeScreen) and state is not None and state.done_today
    return ready


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*[{" ": "space"}.get(c, c) for c in text])


async def finish_timed_step(pilot: Pilot, clock: ManualClock) -> None:
    widget = pilot.app.screen.widget  # type: ignore[attr-defined]
    clock.now += widget.timeline.duration + 1
    widget.tick()
    await pilot.pause()


async def run_routines(data: Path) -> dict[str, float]:
    """Both shipped routines, key by key; the time of each change, by name."""
    clock = ManualClock()
    store = Store(data, now=lambda: NOW, zone=ZONE)
    Memory(data).mark_statement_seen()  # someone who has used coach before has read it
    app = CoachApp(store=store, clock=clock)
    times: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        frames = Frames(app)
        await pilot.pause()

        async def timed(name: str, key: str, ready: Callable[[], bool]) -> None:
            times[name] = await frames.press(pilot, key, ready, name)

        await timed("morning: start, breathing", "enter", step_shown(app, 0))
        await finish_timed_step(pilot, clock)
        await timed("morning: gratitude", "enter", step_shown(app, 1))
        for thing in ("the call with my sister", "sunlight"):
            await type_text(pilot, thing)
            await pilot.press("enter")
        await type_text(pilot, "tea")
        await timed("morning: activity plan", "enter", step_shown(app, 2))
        await type_text(pilot, "Walk in the park")
        await pilot.press("tab")
        await type_text(pilot, "7:30 pm")
        await pilot.press("tab", "6")
        await timed("morning: mood", "ctrl+n", step_shown(app, 3))
        await pilot.press("7", "tab", "right", "space", "tab")
        await type_text(pilot, "slept ok")
        await timed("morning: summary", "ctrl+n", summary_shown(app))
        await timed("morning: back home", "enter", home_shown(app, "morning"))

        await pilot.press("down")
        await timed("evening: start, muscle relaxation", "enter", step_shown(app, 0))
        await pilot.press("8", "enter")  # the distress rating, then the exercise
        await finish_timed_step(pilot, clock)
        await pilot.press("enter", "3")  # to the rating after
        await timed("evening: activity review", "enter", step_shown(app, 1))
        await pilot.press("space", "tab", "8", "tab", "5")
        await timed("evening: journal", "ctrl+n", step_shown(app, 2))
        await type_text(pilot, "A calm day.")
        await timed("evening: mood", "ctrl+n", step_shown(app, 3))
        await pilot.press("1", "0")
        await timed("evening: summary", "ctrl+n", summary_shown(app))
        await timed("evening: back home", "enter", home_shown(app, "evening"))
        await workers_ended(lambda: app.workers)
        await app.saves.written()
    return times


def ten_years_of_history(directory: Path, years: float = 10) -> str:
    store = Store(directory, now=lambda: NOW, zone=ZONE)
    began = time.perf_counter()
    records = history(years, NOW.date() - timedelta(days=1))
    store.import_records(records)
    store.check()  # the month digests, as the app builds them after its first paint
    return (f"{len(records)} records, {len(store.month_files())} month files, built in "
            f"{time.perf_counter() - began:.0f} s")


def run_once(kind: str, ten_years: Path, n: int,
             measure: Callable[[Path], Awaitable[dict[str, float]]] | None = None
             ) -> dict[str, float]:
    """One run of `measure` (default: both routines) on a fresh copy of the data."""
    data = ten_years.parent / f"run-{n}-{kind}"
    if kind == "ten years":
        shutil.copytree(ten_years, data)
    try:
        return asyncio.run((measure or run_routines)(data))
    finally:
        shutil.rmtree(data, ignore_errors=True)


def measure(runs: int, years: float = 10, warm_up: bool = True
            ) -> dict[str, dict[str, list[float]]]:
    """Seconds of each change, by kind ("no data", "ten years") and name, over `runs` runs."""
    temp = Path(tempfile.mkdtemp(prefix="coach-steps-"))
    # Only the shipped routines.
    os.environ["COACH_CONFIG_DIR"] = str(temp / "config")
    os.environ["COACH_DATA_DIR"] = str(temp / "app")
    ten_years = temp / "ten-years"
    try:
        print(f"ten years of history: {ten_years_of_history(ten_years, years)}")
        kinds = ("no data", "ten years")
        for kind in kinds if warm_up else ():  # warm-up: imports, styles
            run_once(kind, ten_years, 0)
        times: dict[str, dict[str, list[float]]] = {kind: {} for kind in kinds}
        for n in range(1, runs + 1):
            for kind in kinds:
                for name, seconds in run_once(kind, ten_years, n).items():
                    times[kind].setdefault(name, []).append(seconds)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return times


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    times = measure(runs)
    print(f"median of {runs} runs each, key press to the frame that shows it (ms)")
    print(f"{'step':36} {'no data':>8} {'ten years':>10} {'ratio':>6}")
    for name, empty in times["no data"].items():
        before, after = statistics.median(empty), statistics.median(times["ten years"][name])
        print(f"{name:36} {before * 1000:8.0f} {after * 1000:10.0f} {after / before:6.2f}")


if __name__ == "__main__":
    main()
