"""Whether what coach costs is bounded by what it shows, not by all of history.

For 0, 1, 10 and 30 years of bench/storage.py's synthetic daily use (built by
bench/tenyears.py in a process of its own, with the month digests made as
the app makes them), measures, alternating the folders so all see the same
machine load:
- the home screen's peak memory: `coach` in an 80x24 pseudo-terminal, from
  the start until every routine's strength line is shown (or, with no data,
  until the routine list is painted and the screen has been quiet for a
  second, long enough for its workers), read from the process's VmHWM;
- `coach stats --json --all`: wall time and peak memory (ru_maxrss) of the
  whole process.
Each folder is opened once first (not counted), as after a restore: that
first start makes the digests and the series of anything that changed.
Usage: python bench/bounded.py [RUNS] [--short]
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ptyrun import start
from tenyears import COACH, run

from coach.support.memory import Memory

HERE = Path(__file__).resolve().parent
YEARS = (0, 1, 10, 30)
#: --short: what `make bench-check` can afford.
SHORT_YEARS = (0, 1, 3)
#: Shown on the home screen once a routine's progress is worked out.
STRENGTH = b"strength"
PAINTED = b"Evening wind-down"


def build(folder: Path, years: float) -> None:
    if years:
        subprocess.run([sys.executable, str(HERE / "tenyears.py"), "--build", str(folder),
                        str(years)], check=True, capture_output=True)
    else:
        folder.mkdir(parents=True)
    Memory(folder).mark_statement_seen()  # someone who has used coach before has read it


def env_for(data: Path, config: Path) -> dict[str, str]:
    env = {**os.environ, "COACH_DATA_DIR": str(data), "COACH_CONFIG_DIR": str(config),
           "TZ": "Europe/Berlin", "TERM": "xterm-256color"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def peak_kb(pid: int) -> int:
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    raise RuntimeError("no VmHWM")


def home_peak(env: dict[str, str], history: bool) -> int:
    """The home screen's peak memory (KB) once it shows all it shows."""
    session = start([COACH], env)
    try:
        if session.read_until(lambda out: PAINTED in out, timeout=30) is None:
            raise RuntimeError(f"the home screen never painted:\n{session.output[-2000:]!r}")
        if history and session.read_until(lambda out: STRENGTH in out, timeout=60) is None:
            raise RuntimeError(f"no strength line:\n{session.output[-2000:]!r}")
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < 1.0:  # the workers after the first paint
            if session.read_some(0.1):
                quiet_since = time.monotonic()
        return peak_kb(session.process.pid)
    finally:
        session.stop()


def measure(runs: int, years: tuple[float, ...] = YEARS) -> dict:
    """{"years": [...], "home": {years: [KB, ...]}, "stats": {years: [s, ...]},
    "stats peak": {years: [KB, ...]}}; keys are the years as text."""
    root = Path(tempfile.mkdtemp(prefix="coach-bench-bounded-"))
    try:
        config = root / "config"
        folders = {f"{y:g}": root / f"data-{y:g}" for y in years}
        for y, folder in zip(years, folders.values()):
            build(folder, y)
        result: dict = {"years": list(folders), "home": {}, "stats": {}, "stats peak": {}}
        for key in folders:
            for name in ("home", "stats", "stats peak"):
                result[name][key] = []
        for key, folder in folders.items():  # the first start after a restore: not counted
            run(["stats", "--json", "--all"], env_for(folder, config))
            home_peak(env_for(folder, config), key != "0")
        for _ in range(runs):
            for key, folder in folders.items():
                env = env_for(folder, config)
                result["home"][key].append(home_peak(env, key != "0"))
                wall, peak = run(["stats", "--json", "--all"], env)
                result["stats"][key].append(wall)
                result["stats peak"][key].append(peak)
        return result
    finally:
        shutil.rmtree(root, ignore_errors=True)


def main() -> None:
    short = "--short" in sys.argv
    numbers = [a for a in sys.argv[1:] if a != "--short"]
    runs = int(numbers[0]) if numbers else (2 if short else 5)
    result = measure(runs, SHORT_YEARS if short else YEARS)
    print("| Years | Home screen peak | stats --json --all | its peak |\n|---|---|---|---|")
    for key in result["years"]:
        home = statistics.median(result["home"][key]) / 1024
        stats = statistics.median(result["stats"][key]) * 1000
        peak = statistics.median(result["stats peak"][key]) / 1024
        print(f"| {key} | {home:.1f} MB | {stats:.0f} ms | {peak:.1f} MB |")


if __name__ == "__main__":
    main()
