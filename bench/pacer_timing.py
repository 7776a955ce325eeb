"""How close to its schedule each breathing phase change lands, measured inside coach.

Runs the app headless with the real monotonic clock and a coherent-breathing
routine of MINUTES (default 10). At every phase change it records how late
the change was shown against its exact scheduled time (stopwatch start +
the segment's offset). Usage: python bench/pacer_timing.py [MINUTES]
"""

from __future__ import annotations

import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from coach.practice.clock import system_clock
from coach.routine.catalog import RoutineDir, load_catalog
from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.steps.breathing import BreathingWidget


async def measure(minutes: float) -> list[float]:
    """Seconds each phase change was shown after its scheduled time, over `minutes`."""
    home = Path(tempfile.mkdtemp())
    (home / "routines").mkdir()
    (home / "routines" / "bench.yaml").write_text(
        f"title: Bench\nsteps:\n  - type: breathing\n    pattern: coherent\n"
        f"    minutes: {minutes}\n")
    lateness: list[float] = []
    original_tick = BreathingWidget.tick

    def tick(widget: BreathingWidget) -> None:
        before = widget._last_index
        original_tick(widget)
        if widget._last_index != before and widget.stage == "exercise":
            segment = widget.timeline.segments[widget._last_index]
            lateness.append(system_clock() - widget.stopwatch.clock_time_at(segment.start))

    BreathingWidget.tick = tick  # type: ignore[method-assign]
    app = CoachApp(store=Store(home / "data"), start_with="bench",
                   catalog_loader=lambda: load_catalog(
                       [RoutineDir(home / "routines", False)]))
    try:
        async with app.run_test(size=(80, 24)):
            await asyncio.sleep(minutes * 60 + 8)
    finally:
        BreathingWidget.tick = original_tick  # type: ignore[method-assign]
        shutil.rmtree(home, ignore_errors=True)
    return lateness[1:]  # the first is the start itself


def main() -> None:
    minutes = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    started = time.monotonic()
    lateness = asyncio.run(measure(minutes))
    ms = [1000 * x for x in lateness]
    tenth = max(1, len(ms) // 10)
    print(f"pacer timing, coherent breathing, {time.monotonic() - started:.0f} s")
    print(f"  phase changes: {len(ms)}; late by median {statistics.median(ms):.1f} ms, "
          f"max {max(ms):.1f} ms, min {min(ms):.1f} ms; over 50 ms: "
          f"{sum(1 for x in ms if x > 50)}")
    print(f"  first tenth median {statistics.median(ms[:tenth]):.1f} ms, "
          f"last tenth median {statistics.median(ms[-tenth:]):.1f} ms")


if __name__ == "__main__":
    main()
