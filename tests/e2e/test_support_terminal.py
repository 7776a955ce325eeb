"""End to end: the installed `coach` in a real 80x24 terminal says once what it is, and opens
the support plan with ^g (C-g through tmux), from home and while typing in a step."""

from __future__ import annotations

import re
import time
from pathlib import Path

from coach.support.memory import Memory
from tests.e2e.test_terminal import env_for
from tests.e2e.tmux import coach_executable, terminal


def test_first_run_statement_then_the_plan_with_the_key(coach_dirs: dict[str, Path],
                                                        statement_seen: Memory) -> None:
    statement_seen.path.unlink()  # a first start
    with terminal([coach_executable()], env_for(coach_dirs)) as term:
        screen = term.wait_for_all("Before you start", "one key away", "^g Support")
        assert "does not replace help from a doctor" in screen
        term.send("Enter")
        term.wait_for_all("Morning routine", "⏎ Start  q Quit  h History  n Need something now  m Mood  ? Help  ^g Support")
        term.send("C-g")
        screen = term.wait_for_all("Your support plan", "My warning signs", "^g Close")
        assert "If you are in danger now, call your local emergency number first." in screen
        assert "Your support plan is not filled in yet" in screen  # the example placed
        term.send("Escape")
        term.wait_for_text("⏎ Start  q Quit")
        term.send("q")
        term.wait_until_closed()
    assert Memory(coach_dirs["data"]).statement_seen()
    with terminal([coach_executable()], env_for(coach_dirs)) as term:  # never again
        screen = term.wait_for_all("Morning routine", "⏎ Start  q Quit  h History  n Need something now  m Mood  ? Help  ^g Support")
        assert "Before you start" not in screen
        term.send("q")
        term.wait_until_closed()


def test_the_key_works_while_typing_and_keeps_what_was_typed(coach_dirs: dict[str, Path]) -> None:
    support = coach_dirs["config"] / "support.yaml"
    support.parent.mkdir(parents=True)
    support.write_text("coping:\n  - Call [b]Sam[/b]\npeople:\n  - {name: Sam, how: 07700 900123}\n")
    with terminal([coach_executable(), "run", "morning", "--reduced-motion"],
                  env_for(coach_dirs)) as term:
        term.wait_for_text("Step 1 of 4")
        term.send("C-s")
        term.wait_for_text("Step 2 of 4")
        term.type("tea with g")  # a g typed is a g, not the key
        term.wait_for_text("tea with g")
        term.send("C-g")
        screen = term.wait_for_all("Your support plan", "Call [b]Sam[/b]", "Sam  ·  07700 900123")
        assert "example" not in screen
        term.send("C-g")
        screen = term.wait_for_all("Step 2 of 4", "tea with g")
        assert "Your support plan" not in screen


def test_without_colour_the_plan_reads_plainly(coach_dirs: dict[str, Path]) -> None:
    """NO_COLOR: no colour codes, and the plan is not drawn in reverse video (a focus mark on
    its scrolling area once turned the whole plan inside out)."""
    with terminal([coach_executable()], env_for(coach_dirs, NO_COLOR="1")) as term:
        term.wait_for_text("⏎ Start  q Quit  h History  n Need something now  m Mood  ? Help  ^g Support")
        term.send("C-g")
        term.wait_for_all("Your support plan", "My warning signs")
        time.sleep(0.3)
        painted = term.screen(escapes=True)
    line = next(row for row in painted.splitlines() if "My warning signs" in row)
    codes = re.findall(r"\x1b\[([0-9;]*)m(?=[^\x1b]*My warning signs)", line)
    assert codes and "7" not in codes[-1].split(";"), line
    assert not re.search(r"\x1b\[[0-9;]*(?:38|48|3[0-7]|4[0-7])[;m]", painted)
