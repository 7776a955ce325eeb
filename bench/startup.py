"""Start to first painted home screen: coach against a bare Textual app, side by side.

Both run in an 80x24 pseudo-terminal; the clock stops when the first frame
holding the routine list (or the bare app's label) arrives. Runs alternate
so both see the same machine load. coach's modules are compiled to bytecode
first, as `pip install` does for Textual (PYTHONDONTWRITEBYTECODE would
otherwise make coach compile its source on every start while Textual does not).
Usage: python bench/startup.py [RUNS]
"""

from __future__ import annotations

import compileall
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from ptyrun import start

HERE = Path(__file__).resolve().parent


def time_to_paint(command: list[str], marker: bytes, env: dict[str, str]) -> float:
    run = start(command, env)
    try:
        painted = run.read_until(lambda out: marker in out, timeout=20)
        if painted is None:
            raise RuntimeError(f"{command} never painted {marker!r}:\n{run.output[-2000:]!r}")
        return painted - run.started
    finally:
        run.stop()


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    coach = shutil.which("coach", path=str(Path(sys.executable).parent)) or "coach"
    home = tempfile.mkdtemp()
    import coach as package

    compileall.compile_dir(Path(package.__file__).parent, quiet=1)
    env = {**os.environ, "TERM": "xterm-256color", "COACH_CONFIG_DIR": f"{home}/config",
           "COACH_DATA_DIR": f"{home}/data"}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    commands = {
        "bare Textual app": ([sys.executable, str(HERE / "bare_app.py")], b"Morning routine"),
        "coach home screen": ([coach], b"Evening wind-down"),
    }
    for command, marker in commands.values():  # warm the file cache once
        time_to_paint(command, marker, env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, marker) in commands.items():
            times[name].append(time_to_paint(command, marker, env))
    bare = statistics.median(times["bare Textual app"])
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:18} median {median * 1000:6.0f} ms  (min {min(values) * 1000:.0f}, "
              f"max {max(values) * 1000:.0f}, {runs} runs)  {median / bare:.2f}x bare")


if __name__ == "__main__":
    main()
