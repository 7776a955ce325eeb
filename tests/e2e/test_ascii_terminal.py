"""End to end: the installed `coach` in a terminal whose locale is not UTF-8 (LANG=C, as
over ssh from a minimal system) writes nothing but ASCII, on every screen a person passes."""

from __future__ import annotations

import time
from pathlib import Path

from tests.e2e.test_terminal import env_for
from tests.e2e.tmux import Terminal, coach_executable, terminal

#: coach as a person in the C locale starts it: the tests' own PYTHONUTF8 left out.
COMMAND = ["env", "-u", "PYTHONUTF8", "-u", "LC_CTYPE", coach_executable()]


def ascii_screen(term: Terminal, *texts: str) -> str:
    """The screen once it shows each of `texts`, checked for characters above 127 as tmux
    holds them (what coach wrote, whatever the terminal would make of it)."""
    term.wait_for_all(*texts)
    time.sleep(0.3)  # parts paint separately; the rest of the screen
    screen = term.screen()
    wrong = sorted({c for c in screen if ord(c) > 127})
    assert not wrong, f"{wrong} on:\n{screen}"
    return screen


def test_the_c_locale_gets_ascii_only(coach_dirs: dict[str, Path]) -> None:
    env = env_for(coach_dirs, LANG="C", LC_ALL="C")
    with terminal(COMMAND, env) as term:
        home = ascii_screen(term, "Evening wind-down", "enter Start q Quit", "not started")
        assert "enter Start" in home and "07:30 - not started" in home
        term.send("Enter")  # the morning routine: slow breathing, its pacer running
        ascii_screen(term, "Step 1 of 4", "Breathe", "###")  # the bar has begun to grow
        term.send("C-s")
        ascii_screen(term, "Step 2 of 4")
        term.send("C-s", "C-s")
        ascii_screen(term, "Step 4 of 4", "<-/->")
        term.send("7")
        time.sleep(0.3)
        term.send("C-n")
        ascii_screen(term, "Thank you for taking this time for yourself.")
        term.send("Enter")
        ascii_screen(term, "* done today")
        term.send("h")
        ascii_screen(term, "Your progress")
        term.send("j")
        ascii_screen(term, "Your entries", "Earlier...")
        term.send("C-g")
        ascii_screen(term, "Your support plan")
        term.send("Escape")
        time.sleep(0.3)
        term.send("Escape")
        time.sleep(0.3)
        term.send("Escape")
        time.sleep(0.3)
        term.send("?")
        ascii_screen(term, "Help")
        term.send("Escape")
        time.sleep(0.3)
        term.send("q")
        term.wait_until_closed()


def test_the_commands_print_ascii_to_a_c_locale_terminal(coach_dirs: dict[str, Path]) -> None:
    """`coach doctor` marks each way of reminding with "·", the example support plan names
    a café, and an error quotes a path: to a terminal in the C locale, all in ASCII."""
    env = env_for(coach_dirs, LANG="C", LC_ALL="C")
    coach = " ".join(COMMAND)
    script = (f"{coach} doctor; {coach} support; {coach} import /nowhere/café.json; "
              "echo ALL-DONE; sleep 30")
    with terminal(["sh", "-c", script], env, height=60) as term:
        screen = ascii_screen(term, "ALL-DONE")
    assert "  - terminal: coach is not open" in screen
    assert "The library or a cafe where I can sit among people" in screen
    assert "Error: cannot import /nowhere/cafe.json" in screen  # an error's line too


def test_piped_output_keeps_the_text_as_written(coach_dirs: dict[str, Path]) -> None:
    """To a pipe, the same command prints UTF-8 unchanged: it is data, not a screen."""
    import subprocess

    env = env_for(coach_dirs, LANG="C", LC_ALL="C")
    printed = subprocess.run([*COMMAND, "support"], env=env, capture_output=True, check=True)
    assert "café".encode() in printed.stdout
