"""Every way out of a routine keeps what was typed: signals sent to the real process in a
real terminal (tmux), then the next start finds the words; the terminal is given back."""

from __future__ import annotations

import json
import os
import signal
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach.store import Store
from tests.e2e.test_terminal import env_for
from tests.e2e.tmux import Terminal, coach_executable, terminal

NOTES = ("title: Notes\nsteps:\n  - type: journal\n    prompts: [What is on your mind?]\n"
         "  - type: mood\n")
WORDS = "Three hard lines, kept"
PINNED_DAY = date(2026, 11, 22)


def notes_routine(dirs: dict[str, Path]) -> None:
    dirs["routines"].mkdir(parents=True, exist_ok=True)
    (dirs["routines"] / "notes.yaml").write_text(NOTES)


def coach_pid(term: Terminal) -> int:
    """The coach process: the pane's own, or the child of the shell in the pane."""
    shell = int(term.tmux("list-panes", "-t", term.name, "-F", "#{pane_pid}").stdout.split()[0])
    if b"/coach\0" in Path(f"/proc/{shell}/cmdline").read_bytes():
        return shell
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == shell:
                return int(entry.name)
    raise AssertionError("coach is not running in the pane")


def pane_modes(term: Terminal) -> str:
    return term.tmux("display-message", "-p", "-t", term.name,
                     "#{alternate_on} #{cursor_flag} #{mouse_any_flag}").stdout.strip()


def type_words(term: Terminal) -> None:
    term.wait_for_text("Step 1 of 2")
    time.sleep(0.5)  # the step is painted a moment before its field has focus
    term.type(WORDS)
    term.wait_for_text(WORDS)


def stored_draft(dirs: dict[str, Path]) -> dict[str, object]:
    """What the next start offers to resume (a run killed outright is taken in first)."""
    store = Store(dirs["data"])
    _, outcomes = store.open_session("notes", PINNED_DAY)
    assert "journal" in outcomes, outcomes
    return {"status": outcomes["journal"].status, **outcomes["journal"].data}


def wait_for_draft(dirs: dict[str, Path], condition: Callable[[dict[str, Any]], bool],
                   timeout: float = 15) -> None:
    """Until the draft coach keeps on disk as it is typed (coach.store.typing, a moment
    after the keys) meets `condition`: read from its file, not through a Store, which
    would take the draft of a run still going into the month files."""
    deadline = time.monotonic() + timeout
    while True:
        kept = [json.loads(path.read_bytes()) for path in dirs["data"].glob("typing-*.json")]
        draft = kept[0]["data"] if kept else {}
        if condition(draft):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"the draft kept on disk never came to what was typed: {kept}")
        time.sleep(0.1)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGQUIT],
                         ids=["TERM", "INT", "QUIT"])
def test_a_signal_keeps_the_words_and_gives_the_terminal_back(
        coach_dirs: dict[str, Path], signum: int) -> None:
    notes_routine(coach_dirs)
    command = ["sh", "-c", f'"{coach_executable()}" run notes; echo "coach ended: $?"; '
               "sleep 60"]
    with terminal(command, env_for(coach_dirs)) as term:
        type_words(term)
        os.kill(coach_pid(term), signum)
        screen = term.wait_for_text("coach ended:")
        assert f"coach ended: {128 + signum}" in screen, screen
        assert "Traceback" not in screen
        # The normal screen, the cursor shown, no mouse reports.
        assert pane_modes(term) == "0 1 0", pane_modes(term)
    draft = stored_draft(coach_dirs)
    assert draft["status"] == "draft" and draft["text"] == WORDS, draft
    sessions = [r["event"] for r in Store(coach_dirs["data"]).records(kind="session")]
    assert sessions == ["started", "left"], sessions


@pytest.mark.parametrize("signum", [signal.SIGHUP, signal.SIGKILL], ids=["HUP", "KILL"])
def test_a_closed_terminal_or_a_kill_keeps_the_words(coach_dirs: dict[str, Path],
                                                     signum: int) -> None:
    notes_routine(coach_dirs)
    with terminal([coach_executable(), "run", "notes"], env_for(coach_dirs)) as term:
        type_words(term)
        wait_for_draft(coach_dirs, lambda draft: draft.get("text") == WORDS)
        pid = coach_pid(term)
        os.kill(pid, signum)
        deadline = time.monotonic() + 15
        while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
    draft = stored_draft(coach_dirs)
    assert draft["status"] == "draft" and draft["text"] == WORDS, draft


def test_the_next_start_puts_the_words_back_with_the_cursor(coach_dirs: dict[str, Path]) -> None:
    """Killed outright, then opened again: resume shows what was typed, and typing goes on
    where the cursor was."""
    notes_routine(coach_dirs)
    with terminal([coach_executable(), "run", "notes"], env_for(coach_dirs)) as term:
        type_words(term)
        term.send("Left", "Left", "Left", "Left")  # back before "kept"
        wait_for_draft(coach_dirs, lambda draft: draft.get("typed", {}).get("cursor")
                       == [0, len(WORDS) - 4])
        os.kill(coach_pid(term), signal.SIGKILL)
        term.wait_until_closed()
    with terminal([coach_executable(), "run", "notes"], env_for(coach_dirs)) as term:
        term.wait_for_text("Go on where you stopped?")
        term.send("r")
        term.wait_for_text(WORDS)
        time.sleep(0.5)
        term.type("still ")
        term.wait_for_text("Three hard lines, still kept")
