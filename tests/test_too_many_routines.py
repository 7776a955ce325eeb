"""A routines folder holding more files than coach reads: the app, every command and the
reminders read the same first MAX_ROUTINE_FILES by name, and all say the same one thing
about the rest."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from coach.routine.catalog import MAX_ROUTINE_FILES
from tests.conftest import faketime_env
from tests.e2e.tmux import coach_executable

PLAIN = "title: Plain {n}\nsteps:\n  - type: mood\n"
#: Sunday 22 November 2026, 20:00 UTC, the pinned clock's moment.
FAKETIME = "@2026-11-22 20:00:00"


@pytest.fixture
def crowded(coach_dirs: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    """evening.yaml (due at 19:30) and r000.yaml to r201.yaml: 203 files, of which r199,
    r200 and r201 are past the first 200 by name; reminders go to a file."""
    routines = coach_dirs["routines"]
    routines.mkdir(parents=True)
    (routines / "evening.yaml").write_text(
        'title: Evening wind-down\nschedule:\n  at: "19:30"\nsteps:\n  - type: mood\n')
    for n in range(MAX_ROUTINE_FILES + 2):
        (routines / f"r{n:03}.yaml").write_text(PLAIN.format(n=n))
    received = tmp_path / "received.jsonl"
    script = tmp_path / "record.py"
    script.write_text("import json, sys\nopen(sys.argv[1], 'a').write(json.dumps(sys.argv[2:]) "
                      "+ '\\n')\n")
    (coach_dirs["config"] / "settings.yaml").write_text(
        f"reminders_via: [command]\nreminder_command: [{json.dumps(sys.executable)}, "
        f"{json.dumps(str(script))}, {json.dumps(str(received))}, \"{{title}}\"]\n")
    return {**coach_dirs, "received": received}


def notice(routines: Path) -> str:
    return (f"{routines}: it holds 203 routine files, and coach reads only the first 200 by "
            "name (to r198.yaml): the other 3 (r199.yaml to r201.yaml) are left out, so they "
            "are not shown, cannot be started and send no reminders. Move the ones you do not "
            "use into another folder")


def coach(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([coach_executable(), *args], capture_output=True, text=True,
                          timeout=60, env=faketime_env(FAKETIME), check=False)


def test_every_command_says_the_same_about_the_files_left_out(
        crowded: dict[str, Path]) -> None:
    said = notice(crowded["routines"])
    listed = coach("list")
    assert listed.returncode == 0
    assert f"\n{said}\n" in listed.stdout and "has a mistake" not in listed.stdout
    assert "  r198 " in listed.stdout and "  r199 " not in listed.stdout
    doctor = coach("doctor")
    assert f"  ✗ {said}\n" in doctor.stdout
    coming = coach("remind", "--next")
    assert coming.returncode == 0
    assert coming.stderr == f"coach: {said}\n"
    assert "Evening wind-down" in coming.stdout
    once = coach("remind", "--once")
    assert once.returncode == 0
    assert f"2026-11-22 20:00 {said}\n" in once.stdout
    assert "reminded: Evening wind-down, by command" in once.stdout
    assert "could not be read" not in once.stdout + coming.stderr
    checked = coach("validate")
    assert checked.returncode == 1
    assert f"{said}\n" in checked.stdout


def test_starting_a_routine_left_out_says_why(crowded: dict[str, Path]) -> None:
    done = coach("run", "r201")
    assert done.returncode == 1
    assert done.stderr == \
        f"The routine file r201.yaml is left out. {notice(crowded['routines'])}\n"


async def test_the_home_screen_says_it_once_and_offers_no_edit(
        crowded: dict[str, Path], tmp_path: Path) -> None:
    from tests.tui.harness import make_app, screen_text, settle

    app = make_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        text = " ".join(screen_text(app).split())
    assert notice(crowded["routines"]) in text
    assert "cannot be read" not in text and "coach edit routines" not in text


def test_editing_a_routine_left_out_says_so_after_checking_it(
        crowded: dict[str, Path], tmp_path: Path) -> None:
    editor = tmp_path / "editor.sh"
    editor.write_text("#!/bin/sh\nexit 0\n")
    editor.chmod(0o755)
    done = subprocess.run([coach_executable(), "edit", "r201"], capture_output=True,
                          text=True, timeout=60, env={**faketime_env(FAKETIME),
                                                      "VISUAL": str(editor)}, check=False)
    assert done.returncode == 0
    assert done.stdout == (f"{crowded['routines'] / 'r201.yaml'} is valid: Plain 201, 1 step. "
                           f"The routine file r201.yaml is left out. "
                           f"{notice(crowded['routines'])}\n")


async def test_the_home_screen_follows_files_left_out_coming_and_going(
        crowded: dict[str, Path], tmp_path: Path) -> None:
    from tests.tui.harness import make_app, screen_text, settle

    app = make_app(tmp_path)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        (crowded["routines"] / "r201.yaml").unlink()
        app.screen._reload_if_files_changed()  # what it does every two seconds
        await settle(pilot)
        text = " ".join(screen_text(app).split())
    assert "it holds 202 routine files" in text and "the other 2 (r199.yaml to r200.yaml)" \
        in text
