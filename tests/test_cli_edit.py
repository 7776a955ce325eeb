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
