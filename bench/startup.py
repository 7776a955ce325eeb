"""Start to first painted home screen: a bare Textual app, coach with no data, and coach with
ten years of history, side by side.

All three run in an 80x24 pseudo-terminal; the clock stops when the first frame
holding the routine list (or the bare app's label) arrives. Runs alternate so all
three see the same machine load. coach's modules are compiled to bytecode first,
as `pip install` does for Textual (PYTHONDONTWRITEBYTECODE would otherwise make
coach compile its source on every start while Textual does not).

The ten years are bench/storage.py's synthetic daily use (about 19 records a day)
up to today, in a temporary data folder, with the month digests built as the app
builds them after its first start. Both coaches start as for someone who has used
coach before: the first-run statement has been read. Each coach has its own data and config folders;
a first run of each (not counted) warms the file cache.
Usage: python bench/startup.py [RUNS] [YEARS] (YEARS of history instead of ten; the goal's
measure is thirty, as bench/all.py's full run takes)
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ptyrun import start
from storage import ZONE, history

from coach.store import Store
from coach.support.memory import Memory

HERE = Path(__file__).resolve().parent
BARE = "bare Textual app"
EMPTY = "coach, no data"
TEN_YEARS = "coach, ten years"


def time_to_paint(command: list[str], marker: bytes, env: dict[str, str]) -> tuple[float, float]:
    """Seconds from start to the first frame holding `marker`, and the CPU seconds spent by then."""
    run = start(command, env)
    try:
        painted = run.read_until(lambda out: marker in out, timeout=20)
        if painted is None:
            raise RuntimeError(f"{command} never painted {marker!r}:\n{run.output[-2000:]!r}")
        return painted - run.started, run.cpu_seconds()
    finally:
        run.stop()


def ten_years_of_history(directory: Path, years: float = 10) -> str:
    store = Store(directory, zone=ZONE)
    began = time.perf_counter()
    records = history(years, store.today())
    store.import_records(records)
    store.check()  # the month digests, as the app builds them after its first paint
    return (f"{len(records)} records, {len(store.month_files())} month files, built in "
            f"{time.perf_counter() - began:.0f} s")


def measure(runs: int, years: float = 10) -> dict:
    """Seconds to the first paint, and CPU seconds by then, of `runs` runs of each command,
    by name: {"built": ..., "times": {name: [...]}, "cpu": {name: [...]}}."""
    coach = shutil.which("coach", path=str(Path(sys.executable).parent)) or "coach"
    home = Path(tempfile.mkdtemp())
    import coach as package

    compileall.compile_dir(Path(package.__file__).parent, quiet=1)
    built = ten_years_of_history(home / "ten-years" / "data", years)
    for kind in ("empty", "ten-years"):  # someone who has used coach before has read this
        Memory(home / kind / "data").mark_statement_seen()
    env = {**os.environ, "TERM": "xterm-256color"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {
        BARE: ([sys.executable, str(HERE / "bare_app.py")], b"Morning routine", env),
        EMPTY: ([coach], b"Evening wind-down", {
            **env, "COACH_CONFIG_DIR": str(home / "empty" / "config"),
            "COACH_DATA_DIR": str(home / "empty" / "data")}),
        TEN_YEARS: ([coach], b"Evening wind-down", {
            **env, "COACH_CONFIG_DIR": str(home / "ten-years" / "config"),
            "COACH_DATA_DIR": str(home / "ten-years" / "data")}),
    }
    try:
        for command, marker, run_env in commands.values():  # warm the caches once
            time_to_paint(command, marker, run_env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):
            for name, (command, marker, run_env) in commands.items():
                seconds, cpu_seconds = time_to_paint(command, marker, run_env)
                times[name].append(seconds)
                cpu[name].append(cpu_seconds)
    finally:
        shutil.rmtree(home, ignore_errors=True)
    return {"built": built, "times": times, "cpu": cpu}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    years = float(sys.argv[2]) if len(sys.argv) > 2 else 10
    result = measure(runs, years)
    print(f"{years:g} years of history: {result['built']}")
    times, cpu = result["times"], result["cpu"]
    medians = {name: statistics.median(values) for name, values in times.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    for name, values in times.items():
        median = medians[name]
        extra = f", {median / medians[EMPTY]:.2f}x no data" if name == TEN_YEARS else ""
        print(f"{name:17} median {median * 1000:6.0f} ms  (min {min(values) * 1000:.0f}, "
              f"max {max(values) * 1000:.0f}, {runs} runs)  {median / medians[BARE]:.2f}x bare"
              f"{extra}")
    # CPU time is less disturbed by other work on the machine than the time on the clock
    # (ticks of 10 ms, so only the medians of many runs say much).
    print("CPU to the first paint: " + ", ".join(
        f"{name} {cpu_medians[name] * 1000:.0f} ms ({cpu_medians[name] / cpu_medians[BARE]:.2f}x)"
        for name in times))


if __name__ == "__main__":
    main()
