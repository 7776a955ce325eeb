"""End to end: the installed `coach` command in a real 80x24 terminal."""

from __future__ import annotations

import json
import os
import re
import time
from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.store import Store
from tests.conftest import PINNED_NOW, PINNED_ZONE, faketime_env
from tests.e2e.tmux import coach_executable, terminal


def env_for(dirs: dict[str, Path], **extra: str) -> dict[str, str]:
    """coach's folders, and its clock pinned to the tests' moment (Sunday 22 November 2026,
    20:00 UTC): what the app shows (and whether a routine is due for a reminder) is the
    same at whatever hour the test runs."""
    clock = faketime_env(f"@{PINNED_NOW:%Y-%m-%d %H:%M:%S}")
    return {
        "COACH_CONFIG_DIR": str(dirs["config"]),
        "COACH_DATA_DIR": str(dirs["data"]),
        "TERM": "xterm-256color",
        "PATH": os.environ.get("PATH", ""),
        "TZ": PINNED_ZONE,
        **{name: clock[name] for name in ("LD_PRELOAD", "FAKETIME")},
        **extra,
    }


def test_coach_opens_on_the_shipped_routines_and_quits(coach_dirs: dict[str, Path]) -> None:
    with terminal([coach_executable()], env_for(coach_dirs)) as term:
        # The list, the preview, the key bar and each routine's state (read in a worker)
        # are painted separately: wait for all.
        screen = term.wait_for_all("Evening wind-down", "1. Slow breathing", "⏎ Start  q Quit",
                                   "07:30 · not started")
        assert "Morning routine" in screen
        term.send("Down")
        term.wait_for_text("1. Progressive muscle relaxation")
        term.send("q")
        term.wait_until_closed()


def test_the_home_screen_counts_days_on_a_pinned_date(coach_dirs: dict[str, Path]) -> None:
    """The real command under libfaketime, started at a fixed time: the lines that
    depend on the day say the same whenever the test runs."""
    store = Store(coach_dirs["data"], now=lambda: PINNED_NOW,
                  zone=(ZoneInfo(PINNED_ZONE), PINNED_ZONE))
    for day in (20, 21):  # Friday and Saturday; the pinned day is Sunday 22 November 2026
        store.record_session("morning", f"s{day}", "finished", day=date(2026, 11, day))
    with terminal([coach_executable()], env_for(coach_dirs)) as term:  # pinned by env_for
        # Friday and Saturday done, Sunday still open: Loop's score after two days.
        screen = term.wait_for_all("coach · Sunday 22 November", "strength 10%",
                                   "21:30 · not started")
        assert "07:30 · not started" in screen  # finished on other days, not today
        term.send("q")
        term.wait_until_closed()


def test_coach_shows_a_broken_file_and_keeps_the_rest(coach_dirs: dict[str, Path]) -> None:
    routines = coach_dirs["routines"]
    routines.mkdir(parents=True)
    (routines / "morning.yaml").write_text("title: Mine\nsteps:\n  - type: breathin\n")
    with terminal([coach_executable()], env_for(coach_dirs)) as term:
        screen = term.wait_for_text("morning.yaml has a mistake on line 3,")
        assert "Morning routine" in screen  # the shipped one stands in
        assert "unknown step type 'breathin'; did you mean" in screen
        term.send("q")
        term.wait_until_closed()


def test_coach_edit_reopens_at_the_error_in_a_real_terminal(
        coach_dirs: dict[str, Path], tmp_path: Path) -> None:
    """Like crontab -e: a broken save is shown, and 'e' reopens the editor at that line."""
    log = tmp_path / "editor.log"
    editor = tmp_path / "vi"  # named vi, so coach passes +LINE
    editor.write_text(
        "#!/bin/sh\n"
        "for arg; do last=$arg; done\n"
        f"echo \"$*\" >> {log}\n"
        f"if [ $(wc -l < {log}) -eq 1 ]; then\n"
        "  printf 'title: Mine\\nsteps:\\n  - type: mood\\n    note: perhaps\\n' > \"$last\"\n"
        "else\n"
        "  printf 'title: Mine\\nsteps:\\n  - type: mood\\n    note: false\\n' > \"$last\"\n"
        "fi\n")
    editor.chmod(0o755)
    command = ["sh", "-c", f"{coach_executable()} edit evening; echo EXIT=$?; sleep 30"]
    with terminal(command, env_for(coach_dirs, EDITOR=str(editor))) as term:
        screen = term.wait_for_text("What now?")
        target = coach_dirs["routines"] / "evening.yaml"
        assert f"{target}:4:11: expected true or false for 'note', found 'perhaps'" in screen.replace("\n", "")
        term.send("e", "Enter")
        screen = term.wait_for_text("EXIT=")
        assert "is valid: Mine, 1 step." in screen
        assert "EXIT=0" in screen
    calls = log.read_text().splitlines()
    assert calls == [str(target), f"+4 {target}"]


def test_a_routine_run_in_the_terminal_is_stored(coach_dirs: dict[str, Path]) -> None:
    with terminal([coach_executable(), "run", "morning", "--reduced-motion"],
                  env_for(coach_dirs)) as term:
        screen = term.wait_for_text("Step 1 of 4")
        assert "Breathe in" in screen and "█" not in screen  # reduced motion: no bar
        term.send("C-s")
        term.wait_for_text("Step 2 of 4")
        time.sleep(0.5)  # the step is painted a moment before its first field has focus
        for thing in ("tea [b]", "a friend's call"):
            term.type(thing)
            term.wait_for_text(thing)
            term.send("Enter")
            time.sleep(0.3)
        term.send("C-n")
        term.wait_for_text("Step 3 of 4")
        term.send("C-s")
        term.wait_for_text("Step 4 of 4")
        term.send("8")
        time.sleep(0.3)
        term.send("C-n")
        screen = term.wait_for_text("Thank you for taking this time for yourself.")
        assert "You did 2 of 4 steps" in screen and "Your mood: 8 out of 10." in screen
        term.send("Enter")
        term.wait_for_text("✓ done today")
        term.send("q")
        term.wait_until_closed()
    records = []
    for path in coach_dirs["data"].glob("records-*.json"):
        records.extend(json.loads(path.read_text())["records"].values())
    steps = {r["step"]: r for r in records if r["kind"] == "step"}
    assert steps["gratitude"]["data"] == {"items": ["tea [b]", "a friend's call"]}
    assert steps["morning-mood"]["data"]["rating"] == 8
    assert steps["morning-breathing"]["status"] == "skipped"


def test_no_color_paints_without_colour_and_keeps_the_meaning(
        coach_dirs: dict[str, Path]) -> None:
    with terminal([coach_executable(), "run", "morning"],
                  env_for(coach_dirs, NO_COLOR="1")) as term:
        term.wait_for_text("Step 1 of 4")
        term.send("C-s", "C-s", "C-s")
        term.wait_for_text("Step 4 of 4")
        term.send("7")
        time.sleep(0.5)
        painted = term.screen(escapes=True)
    # Any colour: 30-37/40-47, bright 90-97/100-107, 256-colour or RGB (39/49 are "default").
    sgr = [code.split(";") for code in re.findall(r"\x1b\[([0-9;]*)m", painted)]
    colours = [c for c in sgr if any(p in {"38", "48"} or p.isdigit() and (
        30 <= int(p) <= 37 or 40 <= int(p) <= 47 or 90 <= int(p) <= 97 or 100 <= int(p) <= 107)
        for p in c)]
    assert colours == [], colours[:5]
    assert "\x1b[7m" in painted or ";7m" in painted or "[1;7m" in painted  # reverse marks the 7
