"""`make test-shifted` runs the suite with the clock a year ahead: check that it really is.

libfaketime works through LD_PRELOAD, which a process can lose without a word (a
static binary, a cleaned environment). These tests compare the clock with the
machine's real time, read where libfaketime does not reach: the boot time and the
uptime in /proc. With COACH_TEST_SHIFT_DAYS set (by the Makefile) the clock must be
that many days ahead, in this pytest worker, in a subprocess and inside tmux;
without it, it must be the real time, which also checks the reference itself.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.tmux import terminal

SHIFT_DAYS = int(os.environ.get("COACH_TEST_SHIFT_DAYS", "0"))
TOLERANCE_SECONDS = 120

pytestmark = pytest.mark.skipif(not Path("/proc/uptime").exists(),
                                reason="needs /proc (Linux) to read the real time")


def real_now() -> float:
    """Seconds since the epoch, from the kernel's boot time and uptime: never faked."""
    stat = Path("/proc/stat").read_text(encoding="ascii").splitlines()
    boot = next(int(line.split()[1]) for line in stat if line.startswith("btime "))
    uptime = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
    return boot + uptime


def assert_shifted(seen: float) -> None:
    ahead_days = (seen - real_now()) / 86400
    assert abs(ahead_days - SHIFT_DAYS) * 86400 < TOLERANCE_SECONDS, (
        f"the clock is {ahead_days:.3f} days ahead of the real time, not {SHIFT_DAYS}"
        + (": is libfaketime preloaded?" if SHIFT_DAYS else ""))


def test_this_process_sees_the_expected_clock() -> None:
    import time

    assert_shifted(time.time())


def test_a_subprocess_sees_the_expected_clock() -> None:
    out = subprocess.run([sys.executable, "-c", "import time; print(time.time())"],
                         capture_output=True, text=True, check=True).stdout
    assert_shifted(float(out))


def test_a_program_in_tmux_sees_the_expected_clock(tmp_path: Path) -> None:
    """The end-to-end tests run coach in tmux: its clock must be shifted as well."""
    out = tmp_path / "date.txt"
    with terminal(["sh", "-c", f"date +%s > {out}.part && mv {out}.part {out}; sleep 30"],
                  {}) as term:
        term.wait_for(lambda _: out.exists())
    assert_shifted(float(out.read_text()))
