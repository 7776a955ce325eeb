""""I need something now" and a self-check with years of history against none.

In-process, with Textual's `App.run_test(size=(80, 24))` and Pilot, as bench/history.py:
each change is timed from the key press to the first frame that shows it.
- n on home to the distress rating on screen;
- the rating given (6, Enter) to the suggestions on screen: they rest on every rating the
  person ever gave (read in a worker as the screen opens), so this is where history could
  cost; the rating is given at once, before that read has had time of its own;
- a self-check (the palette's PHQ-9): an answer to the next item, and the last answer (the
  difficulty question) to the score.
Years of history are bench/storage.py's synthetic daily use (the evening's muscle
relaxation rated before and after each day). Runs alternate no data and the history,
after a warm-up of each.
Usage: python bench/now.py [RUNS] [YEARS]
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import history
from steps import NOW, Frames
from storage import ZONE

from coach.store import Store
from coach.support.memory import Memory
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.now import NowScreen
from coach.tui.screens.self_check import SelfCheckScreen
from coach.tui.workers_ended import workers_ended


def now_stage(app: CoachApp, stage: str) -> Callable[[], bool]:
    def ready() -> bool:
        screen = app.screen
        return isinstance(screen, NowScreen) and screen.stage == stage and \
            (stage != "choose" or bool(screen.suggestions))
    return ready


def check_shows(app: CoachApp, words: str) -> Callable[[], bool]:
    def ready() -> bool:
        screen = app.screen
        if not isinstance(screen, SelfCheckScreen) or screen.widget is None:
            return False
        return any(words in str(static.render()) for static in screen.widget.query("Static"))
    return ready


async def measure(data: Path) -> dict[str, float]:
    store = Store(data, now=lambda: NOW, zone=ZONE)
    store.check()
    Memory(data).mark_statement_seen()
    app = CoachApp(store=store)
    times: dict[str, float] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        frames = Frames(app)
        began = time.perf_counter()
        while not isinstance(app.screen, HomeScreen):
            if time.perf_counter() - began > 60:
                raise RuntimeError("home did not come")
            await asyncio.sleep(0.001)
        await workers_ended(lambda: app.workers)
        times["n on home to the distress rating"] = await frames.press(
            pilot, "n", now_stage(app, "before"), "rating")
        await pilot.press("6")
        times["rating given to the suggestions"] = await frames.press(
            pilot, "enter", now_stage(app, "choose"), "suggestions")
        await pilot.press("escape")
        await pilot.pause()
        app.routines.start_check("phq9")
        await pilot.pause()
        times["self-check: an answer to the next item"] = await frames.press(
            pilot, "0", check_shows(app, "2 of 9"), "next item")
        await pilot.press(*"0" * 8)  # the other items, item 9 "not at all"
        times["self-check: the last answer to the score"] = await frames.press(
            pilot, "0", check_shows(app, "Your total"), "score")  # the difficulty question
    return times


def measure_runs(runs: int, years: float = 30, warm_up: bool = True
                 ) -> dict[str, list[dict[str, float]]]:
    """Each run's seconds by name, by kind ("no data", "ten years"), after a warm-up of each."""
    return history.measure_runs(runs, years, warm_up, measure)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    years = float(sys.argv[2]) if len(sys.argv) > 2 else 30
    results = measure_runs(runs, years)
    print(f"\nmedian of {runs} runs each, in ms (80x24, in-process), {years:g} years\n")
    print(f"| {'What':<42} | {'no data':>8} | {'history':>9} | {'ratio':>6} |")
    print(f"|{'-' * 44}|{'-' * 10}:|{'-' * 11}:|{'-' * 8}:|")
    for name in results["no data"][0]:
        empty = statistics.median(r[name] for r in results["no data"]) * 1000
        full = statistics.median(r[name] for r in results["ten years"]) * 1000
        worst = max(r[name] for r in results["ten years"]) * 1000
        print(f"| {name:<42} | {empty:8.1f} | {full:9.1f} | {full / empty:5.2f}x |"
              f"  (worst {worst:.1f})")


if __name__ == "__main__":
    main()
