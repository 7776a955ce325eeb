"""What ten years of history cost, side by side with none: the data commands and lookups.

Builds ten years of synthetic daily use (bench/storage.py's day: three
routines, about 19 records) in a temporary data folder, runs `coach doctor`
once so the month digests exist (the app does this after its first paint),
then measures, alternating ten years and empty data so both see the same
machine load:
- `coach history` (the last 7 days) and `coach doctor`, as whole processes;
- `coach export --format json|csv|markdown -o FILE` and `coach import FILE` (into
  an empty folder): wall time and the process's peak memory, against the size
  of the file written or read;
- in-process: the figures over all history, the home screen's progress
  lookups for one routine, and the activity-plan step's earlier names.
Usage: python bench/tenyears.py [RUNS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from storage import ZONE, history

from coach.insight.load import load_figures
from coach.store import Store

TODAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 22, 20, 0, tzinfo=timezone.utc)
COACH = shutil.which("coach", path=str(Path(sys.executable).parent)) or "coach"


def build_history(directory: Path, years: float) -> int:
    records = history(years, TODAY)
    Store(directory, zone=ZONE, now=lambda: NOW).import_records(records)
    return len(records)


def run(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall seconds and peak memory (KB) of one whole `coach` process.

    Linux counts a child's peak from its parent's at the fork, so this process keeps
    small: the history is built in a separate one (see main)."""
    start = time.perf_counter()
    process = subprocess.Popen([COACH, *args], env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    errors = process.stderr.read().decode() if process.stderr else ""
    if process.returncode not in (0,):
        raise RuntimeError(f"coach {' '.join(args)} exited {process.returncode}: {errors}")
    return wall, usage.ru_maxrss


def env_for(data: Path, config: Path) -> dict[str, str]:
    # faketime is not needed: `history` shows the last 7 days before today, and the history
    # ends on 2026-11-22; on any later day it shows nothing at ten years either, so the
    # comparison is of reading cost, which is what is measured.
    return {**os.environ, "COACH_DATA_DIR": str(data), "COACH_CONFIG_DIR": str(config),
            "TZ": "Europe/Berlin"}


def median_ms(values: list[float]) -> float:
    return 1000 * statistics.median(values)


def timed(function: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def measure(runs: int, years: float = 10, formats: tuple[str, ...] = ("json", "csv", "markdown"),
            memory_runs: int | None = None, imports: bool = True) -> dict:
    """Seconds and peak memory (KB) of the commands with `years` of history and with none,
    alternating, and the in-process lookups' seconds; `memory_runs` runs of each export
    (and of the import, if `imports`)."""
    memory_runs = memory_runs or max(3, runs // 2)
    root = Path(tempfile.mkdtemp())
    config = root / "config"
    ten, empty = root / "ten", root / "empty"
    built = subprocess.run([sys.executable, __file__, "--build", str(ten), str(years)],
                           check=True, capture_output=True, text=True)
    result: dict = {"records": int(built.stdout), "runs": runs,
                    "months": len(list(ten.glob("records-*.json"))),
                    "size": sum(p.stat().st_size for p in ten.glob("records-*.json"))}
    run(["doctor"], env_for(ten, config))

    commands: dict[str, dict[str, list]] = {}
    for label, args in (("coach history (7 days)", ["history"]),
                        ("coach doctor", ["doctor"])):
        times: dict[Path, list[float]] = {ten: [], empty: []}
        peaks: dict[Path, list[int]] = {ten: [], empty: []}
        for _ in range(runs):
            for data in (ten, empty):
                wall, peak = run(args, env_for(data, config))
                times[data].append(wall)
                peaks[data].append(peak)
        commands[label] = {"ten": times[ten], "empty": times[empty],
                           "ten peaks": peaks[ten], "empty peaks": peaks[empty]}
    result["commands"] = commands

    result["floor"] = int(Path("/proc/self/status").read_text().split("VmHWM:")[1].split()[0])
    result["baseline"] = min(run(["history"], env_for(empty, config))[1] for _ in range(3))
    memory_rows = []
    for fmt in formats:
        out = root / f"export.{fmt}"
        walls, peaks = [], []
        for _ in range(memory_runs):
            wall, peak = run(["export", "--format", fmt, "-o", str(out)], env_for(ten, config))
            walls.append(wall)
            peaks.append(peak)
        memory_rows.append({"label": f"coach export --format {fmt}", "written": out.stat().st_size,
                            "walls": walls, "peaks": peaks})
    export = root / "export.json"
    if imports and export.exists():
        walls, peaks = [], []
        for n in range(memory_runs):
            target = root / f"import-{n}"
            wall, peak = run(["import", str(export)], env_for(target, config))
            walls.append(wall)
            peaks.append(peak)
        memory_rows.append({"label": "coach import (into an empty folder)",
                            "written": export.stat().st_size, "walls": walls, "peaks": peaks})
    result["memory"] = memory_rows

    lookups = {}  # last: loading the figures makes this process bigger
    for label, function in (
            ("figures over all history", lambda s: load_figures(s)),
            ("home: progress of one routine", lambda s: (
                s.finished_days("morning", TODAY - timedelta(days=6)),
                s.finished_before("morning", TODAY - timedelta(days=6)),
                s.open_session("morning", TODAY))),
            ("plan step: earlier activity names", lambda s: s.recent_activity_names(30))):
        ten_times = timed(lambda: function(Store(ten, zone=ZONE, now=lambda: NOW)), runs)
        empty_times = timed(lambda: function(Store(empty, zone=ZONE, now=lambda: NOW)), runs)
        lookups[label] = {"ten": ten_times, "empty": empty_times}
    result["lookups"] = lookups
    shutil.rmtree(root, ignore_errors=True)
    return result


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    result = measure(runs)
    print(f"ten years: {result['records']} records in {result['months']} month files, "
          f"{result['size'] / 1e6:.1f} MB; {runs} runs each, alternating with empty data\n")
    print("| What | Empty | Ten years | Ratio |\n|---|---|---|---|")
    for label, times in result["commands"].items():
        empty_ms, ten_ms = median_ms(times["empty"]), median_ms(times["ten"])
        print(f"| {label} | {empty_ms:.0f} ms | {ten_ms:.0f} ms | {ten_ms / empty_ms:.2f}x |")
    print("\n| In-process lookup | Empty | Ten years |\n|---|---|---|")
    for label, times in result["lookups"].items():
        print(f"| {label} | {median_ms(times['empty']):.1f} ms | "
              f"{median_ms(times['ten']):.1f} ms |")
    baseline = result["baseline"]
    print(f"\nPeak memory of a whole coach process (none can read below this script's own "
          f"{result['floor'] / 1024:.1f} MB); a command reading empty data peaks at "
          f"{baseline / 1024:.1f} MB (the interpreter and coach).")
    print("| Command (ten years) | File | Time | Peak memory | Above empty-data peak |\n"
          "|---|---|---|---|---|")
    for row in result["memory"]:
        written, peak = row["written"], max(row["peaks"])
        above = (peak - baseline) * 1024
        wall = statistics.median(row["walls"])
        print(f"| {row['label']} | {written / 1e6:.1f} MB | {wall:.2f} s | {peak / 1024:.1f} MB | "
              f"{above / 1e6:.1f} MB ({above / written:.2f}x the file) |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--build"]:
        print(build_history(Path(sys.argv[2]), float(sys.argv[3]) if len(sys.argv) > 3 else 10))
    else:
        main()
