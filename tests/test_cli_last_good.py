"""A routine kept with a mistake: the app, `coach list`, `coach remind --next` and
`coach remind --once` all use its last good version, and all say in the same words that
the file has a mistake and on which line."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

from tests.remind.test_remind_command import coach, record_reminders
from tests.tui.harness import make_app, screen_text, settle

# coach() runs at Sunday 22 November 2026, 20:00 UTC: the evening routine below fell due
# at 19:30.

GOOD = ('title: My own evening\nschedule:\n  at: "19:30"\n'
        "steps:\n  - type: journal\n    title: A few lines\n")
#: The same file with a mistake on line 5.
BROKEN = GOOD.replace("type: journal", "type: jornal")

@pytest.fixture
def routines(coach_dirs: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    """The person's evening.yaml, and reminders sent through a command that records them."""
    coach_dirs["routines"].mkdir(parents=True)
    return {"file": coach_dirs["routines"] / "evening.yaml",
            "received": record_reminders(coach_dirs["config"], tmp_path), **coach_dirs}


NOTICE = ("evening.yaml has a mistake on line 5, so coach uses its last good version until "
          "it is fixed (coach edit evening)")


def test_every_command_uses_the_last_good_version_and_says_so(
        routines: dict[str, Path], tmp_path: Path) -> None:
    path = routines["file"]
    path.write_text(GOOD, encoding="utf-8")
    listed = coach("list")
    assert "My own evening" in listed.stdout and listed.returncode == 0, listed.stderr
    path.write_text(BROKEN, encoding="utf-8")

    listed = coach("list")
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if line.startswith("  evening"))
    assert "My own evening" in row and f"{path} (last good version)" in row
    assert "Evening wind-down" not in listed.stdout  # not the shipped one
    assert NOTICE in listed.stdout
    assert f"{path}:5:11: unknown step type 'jornal'" in listed.stdout

    coming = coach("remind", "--next")
    assert coming.returncode == 0, coming.stderr
    assert "My own evening" in coming.stdout and "Evening wind-down" not in coming.stdout
    assert f"coach: {NOTICE}" in coming.stderr

    once = coach("remind", "--once")
    assert once.returncode == 0, once.stderr
    assert NOTICE in once.stdout
    assert "reminded: My own evening, by command" in once.stdout
    sent = [json.loads(line) for line in routines["received"].read_text().splitlines()]
    assert sent == [["coach", "My own evening is ready when you are (about 5 min)"]]


async def test_the_app_opened_after_the_mistake_uses_the_last_good_version(
        routines: dict[str, Path], tmp_path: Path) -> None:
    """Not only an app open while the file broke: one opened afterwards too."""
    path = routines["file"]
    path.write_text(GOOD, encoding="utf-8")
    assert coach("list").returncode == 0
    path.write_text(BROKEN, encoding="utf-8")
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "My own evening" in text and "Evening wind-down" not in text
        assert NOTICE in text


def test_a_file_broken_before_it_was_ever_read_leaves_the_shipped_routine(
        routines: dict[str, Path]) -> None:
    routines["file"].write_text(BROKEN, encoding="utf-8")
    listed = coach("list")
    assert "Evening wind-down" in listed.stdout and "My own evening" not in listed.stdout
    assert ("evening.yaml has a mistake on line 5, so coach uses the shipped routine of "
            "that name until it is fixed (coach edit evening)") in listed.stdout


def test_a_file_of_its_own_broken_before_it_was_read_is_left_out(
        routines: dict[str, Path]) -> None:
    (routines["routines"] / "walk.yaml").write_text(BROKEN, encoding="utf-8")
    listed = coach("list")
    assert ("walk.yaml has a mistake on line 5, so coach leaves it out until it is fixed "
            "(coach edit walk)") in listed.stdout


def test_coach_edit_kept_with_a_mistake_says_the_same(
        routines: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The good version is kept when `coach edit` opens it, even if nothing read it before."""
    from click.testing import CliRunner

    from coach.cli import cli

    routines["file"].write_text(GOOD, encoding="utf-8")
    editor = tmp_path / "editor.py"
    editor.write_text("import sys\ntext = open(sys.argv[-1]).read()\n"
                      "open(sys.argv[-1], 'w').write(text.replace('journal', 'jornal'))\n")
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    result = CliRunner().invoke(cli, ["edit", "evening"], input="k\n")
    assert result.exit_code == 1
    assert f"{routines['file']} is kept as it is; {NOTICE}." in result.output
    assert "My own evening" in coach("list").stdout


async def test_a_routine_run_straight_away_says_it_is_the_last_good_version(
        routines: dict[str, Path], tmp_path: Path) -> None:
    """`coach run evening` opens the routine itself, not home and its notice: the routine's
    screen says the same sentence."""
    path = routines["file"]
    path.write_text(GOOD, encoding="utf-8")
    assert coach("list").returncode == 0
    path.write_text(BROKEN, encoding="utf-8")
    from coach.tui.screens.run import RunScreen

    app = make_app(tmp_path, start_with="evening")
    said: list[str] = []
    notify = app.notify
    app.notify = lambda message, **options: (said.append(message), notify(message, **options))[1]
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        assert "A few lines" in screen_text(app)
    assert said == [NOTICE]


def test_a_copies_folder_that_links_elsewhere_is_left_alone(
        routines: dict[str, Path], tmp_path: Path) -> None:
    """`routines-last-good` is coach's own: made a link to another folder, nothing there is
    removed or written over, and the routine still loads."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "notes.txt").write_text("mine\n", encoding="utf-8")
    (elsewhere / "evening.yaml").write_text("not coach's\n", encoding="utf-8")
    routines["data"].mkdir(parents=True, exist_ok=True)
    (routines["data"] / "routines-last-good").symlink_to(elsewhere)
    routines["file"].write_text(GOOD, encoding="utf-8")
    listed = coach("list")
    assert listed.returncode == 0 and "My own evening" in listed.stdout, listed.stderr
    assert (elsewhere / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert (elsewhere / "evening.yaml").read_text(encoding="utf-8") == "not coach's\n"
    assert sorted(p.name for p in elsewhere.iterdir()) == ["evening.yaml", "notes.txt"]


def test_only_ordinary_files_are_removed_from_the_copies_folder(
        routines: dict[str, Path]) -> None:
    """A copy whose file is gone is removed; a named pipe put there is not."""
    routines["file"].write_text(GOOD, encoding="utf-8")
    assert coach("list").returncode == 0
    folder = routines["data"] / "routines-last-good"
    assert (folder / "evening.yaml").is_file()
    os.mkfifo(folder / "kept-by-hand")
    routines["file"].unlink()
    assert coach("list").returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == ["kept-by-hand"]
