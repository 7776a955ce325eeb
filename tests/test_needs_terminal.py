"""The app opens only in a terminal: `coach run ROUTINE` or a plain `coach` started from a
script, or with its output sent to a file, says it needs a terminal and ends at once,
writing nothing else (no escape codes into the file). The tmux and pty tests open it in
real terminals; the Pilot tests build the app without this entry."""

from __future__ import annotations

import os
import pty
import subprocess
from pathlib import Path

import pytest

from tests.e2e.tmux import coach_executable

RUN_SAYS = ("coach run needs a terminal; to see your routines from a script use coach list\n")
CHECK_SAYS = "coach check needs a terminal: it asks its questions one at a time\n"
NOW_SAYS = ("coach now needs a terminal; from a script, coach support shows your support "
            "plan\n")
APP_SAYS = ("coach needs a terminal to open; from a script, use coach list, coach history or "
            "coach remind --once\n")
#: A running app would never end by itself; this is long enough for a slow start.
PROMPTLY = 20


def start(args: list[str], *, stdin_terminal: bool, stdout_terminal: bool,
          out: Path) -> tuple[subprocess.CompletedProcess[bytes], bytes]:
    """Run coach with a pseudo-terminal for stdin and/or stdout, else /dev/null and a file;
    what it wrote to stderr, and what reached its stdout (the file, or the terminal)."""
    master, slave = pty.openpty()
    try:
        with open(out, "wb") as file:
            done = subprocess.run([coach_executable(), *args],
                                  stdin=slave if stdin_terminal else subprocess.DEVNULL,
                                  stdout=slave if stdout_terminal else file,
                                  stderr=subprocess.PIPE, timeout=PROMPTLY)
        os.set_blocking(master, False)
        try:
            shown = os.read(master, 65536) if stdout_terminal else b""
        except (BlockingIOError, OSError):
            shown = b""
    finally:
        os.close(master)
        os.close(slave)
    return done, (shown if stdout_terminal else out.read_bytes())


@pytest.mark.parametrize(("stdin_terminal", "stdout_terminal"),
                         [(False, False), (True, False), (False, True)],
                         ids=["neither", "output to a file", "input from /dev/null"])
@pytest.mark.parametrize(("args", "said"), [(["run", "morning"], RUN_SAYS),
                                            (["check", "gad7"], CHECK_SAYS),
                                            (["now"], NOW_SAYS),
                                            ([], APP_SAYS), (["--reduced-motion"], APP_SAYS)],
                         ids=["run", "check", "now", "plain", "plain with an option"])
def test_without_a_terminal_the_app_says_so_and_ends(
        args: list[str], said: str, stdin_terminal: bool, stdout_terminal: bool,
        tmp_path: Path) -> None:
    done, written = start(args, stdin_terminal=stdin_terminal,
                          stdout_terminal=stdout_terminal, out=tmp_path / "out")
    assert done.returncode == 1
    assert done.stderr.decode() == said
    assert written == b""  # no escape codes, no screen


def test_other_commands_still_work_from_a_script(tmp_path: Path) -> None:
    done, written = start(["list"], stdin_terminal=False, stdout_terminal=False,
                          out=tmp_path / "out")
    assert done.returncode == 0 and b"Morning routine" in written
