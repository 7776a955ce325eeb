"""Quitting never waits on a reminder being sent: the person's command, slow and deaf to
SIGTERM, is stopped with all it started, and the app's process ends at once."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

from tests.remind.conftest import alive
from tests.tui.test_reminders_in_app import write_routine

REPO = Path(__file__).resolve().parents[2]

#: The real app, headless, on the pinned clock (its routine is due), reminding by the command
#: in settings.yaml; it quits with `q` once the command runs, and says when it pressed it.
APP = """
import os, subprocess
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import coach.store.days as days

days.utc_now = lambda: datetime(2026, 11, 22, 20, 0, tzinfo=timezone.utc)
days.local_zone = lambda: (ZoneInfo("UTC"), "UTC")

from coach.foundation.paths import data_dir
from coach.store import Store
from coach.tui.app import CoachApp

mark = os.environ["SLEEP_MARK"]  # not in this process's own command line, which pgrep reads
app = CoachApp(store=Store(data_dir()), reminders=True)


def sending() -> bool:
    return subprocess.run(["pgrep", "-f", mark], capture_output=True).returncode == 0


async def quit_while_sending(pilot) -> None:
    for _ in range(400):
        if sending():
            break
        await pilot.pause(0.05)
    print("sending" if sending() else "never sent", flush=True)
    await pilot.press("q")


app.run(headless=True, size=(80, 24), auto_pilot=quit_while_sending)
"""


def test_quitting_while_a_slow_command_sends_a_reminder_returns_at_once(
        coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], at="19:58")
    mark = f"60.{uuid.uuid4().int % 10**9:09d}"
    (coach_dirs["config"] / "settings.yaml").write_text(
        "reminders_via: [command]\n"
        f"reminder_command: [sh, -c, \"trap '' TERM; sleep {mark}\"]\n")
    process = subprocess.Popen([sys.executable, "-c", APP], cwd=REPO, text=True,
                               env={**os.environ, "SLEEP_MARK": mark},
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "sending"
        pressed = time.monotonic()
        process.wait(timeout=30)
        quitting = time.monotonic() - pressed
    finally:
        process.kill()
        _, errors = process.communicate()
    assert process.returncode == 0, errors[-2000:]
    assert quitting < 3, f"quitting took {quitting:.1f} s"
    found = subprocess.run(["pgrep", "-f", mark], capture_output=True, text=True).stdout
    assert [pid for pid in found.split() if alive(int(pid))] == []
