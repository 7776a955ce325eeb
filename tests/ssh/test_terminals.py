"""coach over ssh in the terminals people reach it from: each TERM opens the home screen,
h opens the history, and nothing crashes; with LANG=C (no UTF-8) the heatmap draws in
plain ASCII."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from coach.store import Store
from tests.e2e.tmux import coach_executable, terminal
from tests.ssh.conftest import LOCAL_ENV, Remote


@pytest.mark.parametrize(("term_name", "lang"), [
    ("xterm-256color", "C.UTF-8"), ("screen-256color", "C.UTF-8"),
    ("tmux-256color", "C.UTF-8"), ("linux", "C.UTF-8"), ("vt100", "C.UTF-8"),
    ("xterm-256color", "C"),
])
def test_home_and_history_in_each_terminal(remote: Remote, coach_dirs: dict[str, Path],
                                           term_name: str, lang: str) -> None:
    store = Store(coach_dirs["data"])
    for day in (20, 21):
        store.record_session("morning", f"s{day}", "finished", day=date(2026, 11, day))
    plain = lang == "C"
    # What coach leaves on the terminal as it ends stays there, with its exit status.
    then_wait = ["sh", "-c", f"{coach_executable()}; echo COACH-EXIT=$?; sleep 30"]
    command = remote.command(env={"TERM": term_name, "LANG": lang}, program=then_wait)
    with terminal(command, LOCAL_ENV) as term:
        term.wait_for_all("Morning routine", "Quit", timeout=20)
        term.send("h")
        title = "Your progress - Morning routine" if plain else "Your progress · Morning routine"
        screen = term.wait_for_all(title, "Current run: 2 days", "# done" if plain else "● done")
        if plain:  # over ssh in the C locale, all of it in ASCII
            assert screen.isascii(), screen
        assert "Traceback" not in screen
        term.send("Escape")
        term.wait_for_text("q Quit")  # home's key bar
        term.send("q")
        screen = term.wait_for_text("COACH-EXIT=")
        assert "COACH-EXIT=0" in screen and "Traceback" not in screen, screen
