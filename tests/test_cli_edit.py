"""`coach edit` as a person runs it: a real editor program, the real command in its own
process, and what it says afterwards."""

from __future__ import annotations

import os
import stat
import sys
import textwrap
from pathlib import Path

import pytest

from tests.routine.helpers import run_coach as coach


def use_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    """Make $VISUAL a Python script that does `script` to the file it is given (`path`)."""
    editor = tmp_path / "editor.py"
    editor.write_text(f"#!{sys.executable}\nimport sys\nfrom pathlib import Path\n"
                      "path = Path(sys.argv[-1])\n" + textwrap.dedent(script))
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("VISUAL", str(editor))


@pytest.fixture
def settings(coach_dirs: dict[str, Path]) -> Path:
    coach_dirs["config"].mkdir(parents=True)
    path = coach_dirs["config"] / "settings.yaml"
    path.write_text("bell: true\nday_start_hour: 6\n")
    return path


def test_deleting_settings_says_coach_goes_back_to_the_defaults(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Path) -> None:
    use_editor(tmp_path, monkeypatch, "path.unlink()\n")
    done = coach("edit", "settings")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == (
        f"There is no settings file now ({settings} was deleted), so coach uses the usual "
        "value of every setting (the defaults) the next time it opens. 'coach edit settings' "
        "makes the commented template again.\n")
    assert not os.path.lexists(settings)
    again = coach("edit", "settings")  # the same editor deletes it again, after it was made
    assert f"Made {settings} with every setting commented out" in again.stdout


def test_emptying_settings_says_the_changed_ones_go_back_to_the_defaults(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Path) -> None:
    use_editor(tmp_path, monkeypatch, "path.write_text('')\n")
    done = coach("edit", "settings")
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout == (
        f"{settings} is empty, so the 2 settings it changed go back to their usual values "
        "(the defaults) the next time coach opens.\n")
    assert settings.read_bytes() == b""


def test_commenting_out_every_setting_says_they_go_back_to_the_defaults(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: Path) -> None:
    use_editor(tmp_path, monkeypatch, "path.write_text('# bell: true\\n')\n")
    done = coach("edit", "settings")
    assert done.stdout == (
        f"{settings} changes no setting now, so the 2 settings it changed go back to their "
        "usual values (the defaults) the next time coach opens.\n")


def test_a_fresh_template_left_as_it_is_changes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coach_dirs: dict[str, Path]) -> None:
    use_editor(tmp_path, monkeypatch, "")
    done = coach("edit", "settings")
    settings = coach_dirs["config"] / "settings.yaml"
    assert done.stdout == (
        f"Made {settings} with every setting commented out\n"
        f"{settings} changes no setting: coach uses the usual value of every setting (the "
        "defaults).\n")


GOOD = "title: Mine\nsteps:\n  - type: mood\n"


@pytest.fixture
def routines(coach_dirs: dict[str, Path]) -> Path:
    coach_dirs["routines"].mkdir(parents=True)
    (coach_dirs["routines"] / "mine.yaml").write_text(GOOD)
    return coach_dirs["routines"]


@pytest.mark.parametrize(("word", "what"), [("support", "your support plan"),
                                            ("settings", "your settings")])
def test_a_routine_file_named_like_an_edit_word_is_refused_with_a_new_name(
        routines: Path, word: str, what: str) -> None:
    """`coach edit support` and `coach edit settings` open other files, so a routine file
    of that name could never be edited: it is refused, named, with a name to use."""
    (routines / f"{word}.yaml").write_text(GOOD)
    listed = coach("list")
    assert listed.returncode == 0
    assert (f"  {routines / (word + '.yaml')}: a routine file cannot be called {word}.yaml: "
            f"'coach edit {word}' opens {what}, never this file; rename it, for example to "
            f"{word}-routine.yaml\n") in listed.stdout
    assert "  mine " in listed.stdout
    checked = coach("validate")
    assert checked.returncode == 1 and f"{word}.yaml: a routine file cannot be called" in \
        checked.stdout


def test_running_a_routine_file_named_support_says_to_rename_it(routines: Path) -> None:
    (routines / "support.yaml").write_text(GOOD)
    done = coach("run", "support")
    assert done.returncode == 1
    assert "rename it, for example to support-routine.yaml" in done.stderr
    assert "coach edit support" not in done.stderr.replace("'coach edit support' opens", "")


def test_an_id_that_coach_edit_keeps_for_itself_is_refused_at_its_line(routines: Path) -> None:
    (routines / "calm.yml").write_text("title: Calm\nid: settings\nsteps:\n  - type: mood\n")
    done = coach("validate", str(routines / "calm.yml"))
    assert done.returncode == 1
    assert done.stdout == (
        f"{routines / 'calm.yml'}:2:5: a routine cannot have the id 'settings': 'coach edit "
        "settings' opens your settings, never this routine; choose another, for example "
        "'id: settings-routine'\n")


async def test_the_home_screen_says_to_rename_such_a_file_not_to_edit_it(
        routines: Path, tmp_path: Path) -> None:
    from tests.tui.harness import make_app, screen_text, settle

    (routines / "support.yaml").write_text(GOOD)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = " ".join(screen_text(app).split())
    assert "a routine file cannot be called support.yaml" in text
    assert "(coach edit support)" not in text  # the problem says to rename it instead
    assert "Mine" in text


def test_a_settings_file_kept_elsewhere_through_a_link_stays_a_link(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, coach_dirs: dict[str, Path]) -> None:
    """A person who keeps settings.yaml with their dotfiles links it in: reverting an edit
    writes the file the link names, and the link stays theirs."""
    import subprocess

    from tests.routine.helpers import REPO

    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    kept = dotfiles / "coach-settings.yaml"
    kept.write_text("bell: true\n")
    coach_dirs["config"].mkdir(parents=True)
    link = coach_dirs["config"] / "settings.yaml"
    link.symlink_to(kept)
    use_editor(tmp_path, monkeypatch, "path.write_text('bell: [not, a, flag\\n')\n")
    done = subprocess.run([sys.executable, "-m", "coach", "edit", "settings"], cwd=REPO,
                          input="r\n", capture_output=True, text=True, timeout=60, check=False)
    assert "is back as it was before this edit" in done.stdout, done.stdout + done.stderr
    assert link.is_symlink() and os.readlink(link) == str(kept)
    assert kept.read_text() == "bell: true\n"
