"""End to end: coach in a pseudo-terminal, and every byte it writes there.

A routine file's name, settings.yaml and records of today's unfinished session
hold sequences that set the window title (OSC 0), clear the screen, write the
clipboard (OSC 52), reverse the text (U+202E) and ask for the cursor (C1 CSI).
None of them may reach the terminal raw; each must be seen written out.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bench.ptyrun import PtyRun, start
from coach.session.run import StepOutcome
from coach.store import Store
from coach.support.memory import Memory
from tests.e2e.tmux import coach_executable
from tests.tui.terminal_text import HOSTILE, HOSTILE_SHOWN

#: Each hostile piece as raw bytes, with what follows it, so Textual's own sequences (it
#: sends OSC 22 for the pointer shape, and CSI for everything) cannot be mistaken for them.
RAW = (b"\x1b]0;PWNED", b"\x1b[2J \x1b]52", b"\x1b]52;c;SGk=", "\u202eRLO".encode(),
       "\x9b6n".encode(), "\u2028end".encode())
#: Characters Textual itself never writes: C1 controls, bidi controls, line separators.
NEVER_WRITTEN = re.compile("[\x80-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
SHOWN = HOSTILE_SHOWN[0]  # the first piece, right after the label of each place
NOW = datetime(2026, 11, 22, 11, tzinfo=timezone.utc)
#: `coach`, with the clock pinned so the records below are today's.
PINNED_COACH = (
    "import sys\n"
    "from datetime import datetime, timezone\n"
    "from coach.store import days\n"
    f"days.utc_now = lambda: datetime({NOW.year}, {NOW.month}, {NOW.day}, {NOW.hour}, "
    "tzinfo=timezone.utc)\n"
    "from coach.main import main\n"
    "main(sys.argv[1:])\n")
ROUTINE = """\
title: "Hostile \\u2028 title"
steps:
  - {type: journal, id: journal, prompts: [Dear diary]}
  - {type: mood, id: mood, note: true}
  - {type: instruction, id: last, text: Last}
"""


def hostile_config(dirs: dict[str, Path]) -> None:
    """A broken routine file whose name is hostile, a hostile settings value, routine h."""
    dirs["routines"].mkdir(parents=True)
    (dirs["routines"] / f"x{HOSTILE}.yaml").write_text("title: x\nsteps: [{type: journl}]\n")
    (dirs["routines"] / "h.yaml").write_text(ROUTINE, encoding="utf-8")
    (dirs["config"] / "settings.yaml").write_text('reduced_motion: "\\e]0;PWNED\\a"\n')


def environment(dirs: dict[str, Path]) -> dict[str, str]:
    return {"COACH_CONFIG_DIR": str(dirs["config"]), "COACH_DATA_DIR": str(dirs["data"]),
            "TERM": "xterm-256color", "TZ": "UTC", "PATH": os.environ.get("PATH", ""),
            "HOME": str(dirs["config"].parent), "PYTHONPATH": os.pathsep.join(sys.path)}


@contextmanager
def running(command: list[str], env: dict[str, str]) -> Iterator[PtyRun]:
    run = start(command, env, width=160, height=40)
    try:
        yield run
    finally:
        run.stop()


def wait_for(run: PtyRun, text: str) -> None:
    if run.read_until(lambda out: text.encode() in out, timeout=30) is None:
        raise AssertionError(f"{text!r} never came; the end of the output was:\n"
                             f"{run.output[-3000:]!r}")


def settle(run: PtyRun, text: str) -> None:
    """Give `text` a moment to be painted; the assertions at the end say if it never was."""
    run.read_until(lambda out: text.encode() in out, timeout=5)


def quit_from_home(run: PtyRun) -> None:
    os.write(run.master, b"q")
    run.read_until(lambda out: b"\x1b[?1049l" in out, timeout=15)  # the alternate screen ends
    run.process.wait(timeout=15)
    while run.read_some(0.1):
        pass


def assert_nothing_raw(output: bytes, *shown: str) -> None:
    for raw in RAW:
        assert raw not in output, raw
    assert NEVER_WRITTEN.findall(output.decode("utf-8", "replace")) == []
    for text in (*shown, *HOSTILE_SHOWN):  # long lines wrap at spaces: each piece has none
        assert text.encode() in output, text


@pytest.fixture
def hostile_dirs(coach_dirs: dict[str, Path]) -> dict[str, Path]:
    hostile_config(coach_dirs)
    Memory(coach_dirs["data"]).mark_statement_seen()  # past the first-run statement
    return coach_dirs


def test_the_coach_command_writes_file_names_and_settings_written_out(
        hostile_dirs: dict[str, Path]) -> None:
    with running([coach_executable()], environment(hostile_dirs)) as run:
        wait_for(run, "until it is fixed (coach edit")
        quit_from_home(run)
        assert run.process.returncode == 0
        assert_nothing_raw(run.output, "Hostile U+2028 title", f"routines/x{SHOWN}",
                           f"x{SHOWN}", f"'{SHOWN}'")  # '': the settings value


def seed_unfinished_session(directory: Path) -> None:
    """Today's session of routine h: the journal and the mood done, the last step not yet."""
    store = Store(directory, now=lambda: NOW, zone=(ZoneInfo("UTC"), "UTC"))
    at = NOW - timedelta(minutes=10)
    saved = {"journal": {"prompt": f"P {HOSTILE}", "text": f"Dear diary,\nText {HOSTILE}"},
             "mood": {"rating": 6, "feelings": [], "note": f"Note {HOSTILE}"}}
    for step_id, data in saved.items():
        store.record_step("h", "s1", StepOutcome(step_id, step_id, "done", at, at, data))


def test_resuming_writes_saved_journal_and_note_written_out(
        hostile_dirs: dict[str, Path]) -> None:
    seed_unfinished_session(hostile_dirs["data"])
    command = [sys.executable, "-c", PINNED_COACH, "run", "h"]
    with running(command, environment(hostile_dirs)) as run:
        wait_for(run, "Go on where you stopped?")
        os.write(run.master, b"r")
        wait_for(run, "Step 3 of 3")
        os.write(run.master, b"\x10")  # ^p: back to the mood, with its note
        wait_for(run, "Step 2 of 3")
        settle(run, f"Note {SHOWN}")
        os.write(run.master, b"\x10")  # ^p: back to the journal
        wait_for(run, "Step 1 of 3")
        settle(run, f"Text {SHOWN}")
        os.write(run.master, b"\x1b")  # Esc: leave, back home
        wait_for(run, "See you soon")
        quit_from_home(run)
        assert_nothing_raw(run.output, "You started Hostile U+2028 title earlier today",
                           f"Note {SHOWN}", f"Text {SHOWN}", f"P {SHOWN}", f"x{SHOWN}")
