"""`bench/all.py --short` runs every benchmark briefly and prints its table: a benchmark
that breaks (a changed screen, a renamed function) is noticed here, not when the figures
are next wanted.

Not part of the test suite (`make test`): it is `make bench-check`, which CI runs after
the suite, on its own. The benchmarks take about two minutes of both cores, which the
suite's own tests would otherwise have to share, and a benchmark timed beside them tells
less than one timed alone. Whether each goal is met depends on the machine, so only that
every row is there, with a figure, and that the command succeeded, is checked. It is not
run with the clock moved a year on (`make test-shifted`): the benchmarks time things,
and libfaketime also stops timed waits on locks, which the apps' threads use.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

#: Each row of the table, in order, by a part of its first cell.
ROWS = (
    "Start to the first painted home screen, no data",
    "Start to the first painted home screen, ten years",
    "Storing a step completion",
    "Figures over all history",
    "Peak memory of `coach history`, no data",
    "Peak memory of `coach history`, ten years",
    "Peak memory of `coach export --format json`",
    "`coach history` (last 7 days)",
    "`coach export --format json`, ten years",
    "Home screen's peak memory once strength is shown",
    "`coach stats --json --all`",
    "Five devices' files against one device's",
    "Five devices' files against one device's",
    "Five devices' files against one device's",
    "Five devices' files against one device's",
    "One reminder pass in-process, nothing due",
    "One reminder pass in-process, one reminder due",
    "Each step change of the shipped routines",
    "Back home after a routine",
    "Opening the history screen",
    "Switching inside it",
    "Every change of history, calendar, journal and support screens",
    "Need something now: n on home to the distress rating",
    "Need something now: the rating given to the suggestions",
    "Self-check: an answer to the next item",
    "Self-check: the last answer to the score",
    "CPU during a breathing session",
    "Written to the terminal during it",
    "Phase changes reaching the terminal",
    "Phase changes shown inside coach",
)


def test_every_benchmark_runs_short_and_prints_its_row(tmp_path: Path) -> None:
    saved = tmp_path / "table.md"
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), *filter(None, [os.environ.get("PYTHONPATH")])])}
    # In a session of its own, so that if it hangs, it and the benchmarks it runs are ended.
    process = subprocess.Popen([sys.executable, str(REPO / "bench" / "all.py"), "--short",
                                "--output", str(saved)], cwd=REPO, env=env, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        stdout, stderr = process.communicate(timeout=400)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGTERM)
        stdout, stderr = process.communicate(timeout=60)
        pytest.fail(f"bench/all.py --short took over 400 s:\n{stderr[-4000:]}")
    assert process.returncode == 0, stderr[-4000:] + stdout
    lines = stdout.splitlines()
    assert re.match(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC, \d+ cores, .+, Python 3\.\d+\.\d+, "
                    r"Textual \d", lines[0]), lines[0]
    assert lines[2].startswith("| What | Goal | Measured")
    rows = [line for line in lines[4:] if line.startswith("| ")]
    assert len(rows) == len(ROWS), stdout
    for row, expected in zip(rows, ROWS):
        cells = [cell.strip() for cell in row.strip("|").split(" | ")]
        assert cells[0].startswith(expected), row
        assert cells[-1] in ("yes", "no"), row
        assert re.search(r"\d", cells[2]), row  # a figure was measured
    assert saved.read_text(encoding="utf-8") == stdout
