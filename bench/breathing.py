"""A long breathing session in an 80x24 pseudo-terminal: CPU, bytes written, phase timing.

Runs `coach run` on a routine with one coherent-breathing step of MINUTES
(default 10) and measures from outside the process:
- average CPU use of one core (user + system time from /proc over wall time),
- bytes written to the terminal per second,
- when each phase change ("Breathe in" / "Breathe out") reached the terminal,
  against its schedule (first in-breath + 5.5 s x n), and the drift between the
  first and the last minute.
Usage: python bench/breathing.py [MINUTES] [--reduced-motion]
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from ptyrun import start

from coach.support.memory import Memory

PHASE = 5.5  # coherent breathing: in 5.5 s, out 5.5 s
PHASE_TEXT = re.compile(rb"Breathe (in|out)")


def measure(minutes: float, reduced: bool = False, window: float = 10.0) -> dict:
    """One session of `minutes`: CPU and bytes over the whole and per `window` seconds, and
    each phase change's offset from the schedule fitted to them all (seconds)."""
    coach = shutil.which("coach", path=str(Path(sys.executable).parent)) or "coach"
    home = Path(tempfile.mkdtemp())
    (home / "config" / "routines").mkdir(parents=True)
    (home / "config" / "routines" / "bench.yaml").write_text(
        f"title: Bench\nsteps:\n  - type: breathing\n    pattern: coherent\n"
        f"    minutes: {minutes}\n")
    Memory(home / "data").mark_statement_seen()  # else its first-run statement covers the pacer
    env = {**os.environ, "TERM": "xterm-256color", "COACH_CONFIG_DIR": str(home / "config"),
           "COACH_DATA_DIR": str(home / "data")}
    command = [coach, "run", "bench"] + (["--reduced-motion"] if reduced else [])
    run = start(command, env)
    windows: list[tuple[float, float, int]] = []  # (wall, CPU seconds, bytes) of each window
    try:
        first = run.read_until(lambda out: b"Breathe in" in out, timeout=20)
        assert first is not None, run.output[-2000:]
        cpu_start, bytes_start = run.cpu_seconds(), len(run.output)
        wall_start = time.monotonic()
        duration = minutes * 60
        mark = (wall_start, cpu_start, bytes_start)
        while time.monotonic() < wall_start + duration - 2:
            run.read_some(0.2)
            if time.monotonic() - mark[0] >= window:
                now = (time.monotonic(), run.cpu_seconds(), len(run.output))
                windows.append((now[0] - mark[0], now[1] - mark[1], now[2] - mark[2]))
                mark = now
        cpu = run.cpu_seconds() - cpu_start
        wall = time.monotonic() - wall_start
        written = len(run.output) - bytes_start
    finally:
        run.stop()
        shutil.rmtree(home, ignore_errors=True)

    # Phase changes as they reached the terminal: the first chunk naming a new phase.
    changes: list[float] = []
    last = None
    for at, chunk in run.chunks:
        for match in PHASE_TEXT.finditer(chunk):
            if match.group(1) != last:
                last = match.group(1)
                changes.append(at)
    # The schedule's origin is the pacer's start, which the terminal never shows; the
    # first paint comes after it. Fit it from every later change instead.
    first = changes[0]
    numbers = [round((at - first) / PHASE) for at in changes]
    origin = statistics.median(at - n * PHASE for at, n in zip(changes[1:], numbers[1:]))
    offsets = [at - (origin + n * PHASE) for at, n in zip(changes[1:], numbers[1:])]
    return {"wall": wall, "cpu": cpu, "written": written, "changes": len(changes),
            "offsets": offsets, "windows": windows}


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    minutes = float(args[0]) if args else 10.0
    reduced = "--reduced-motion" in sys.argv
    result = measure(minutes, reduced)
    wall, cpu, written, offsets = (result["wall"], result["cpu"], result["written"],
                                   result["offsets"])
    early = offsets[: max(1, len(offsets) // 10)]
    late = offsets[-max(1, len(offsets) // 10):]
    mode = "reduced motion" if reduced else "animated pacer"
    print(f"breathing session, {mode}, {wall:.0f} s measured at 80x24")
    print(f"  CPU: {cpu:.2f} s over {wall:.0f} s = {100 * cpu / wall:.2f}% of one core")
    print(f"  written to the terminal: {written} bytes = {written / wall / 1024:.2f} KB/s")
    print(f"  phase changes seen: {result['changes']}; offset from schedule: "
          f"median {1000 * statistics.median(offsets):.1f} ms, "
          f"max {1000 * max(offsets, key=abs):.1f} ms")
    print(f"  drift: first tenth median {1000 * statistics.median(early):.1f} ms, "
          f"last tenth median {1000 * statistics.median(late):.1f} ms")


if __name__ == "__main__":
    main()
