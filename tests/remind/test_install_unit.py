"""`coach remind --install` with awkward paths (spaces, `%`, `$`, quotes, backslashes): the
systemd unit and the crontab line run exactly this coach, in exactly its folders; and what
it says and does when a unit is already there or enabling fails."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest

from coach.cli import remind_install
from tests.conftest import require_tool
from coach.cli.output import CoachError
from coach.cli.remind_install import coach_command, crontab_line, install_unit, unit_text

#: Folder names with what systemd, sh and cron would each take for syntax.
AWKWARD = ["my apps/50%off $HOME", "it's \"q\" back\\slash", "x\\%y %% `date` ;&|"]

RECORDER = """#!{python}
import json, os, sys
with open({out!r}, "w", encoding="utf-8") as out:
    json.dump([sys.argv, os.environ.get("COACH_DATA_DIR")], out)
"""


def cron_command(line: str) -> str:
    """What cron hands to sh for `line` (as vixie cron and cronie do): `\\%` becomes `%`,
    and a bare `%` would end the command (the rest goes to its stdin), which must not
    happen here."""
    command = line.split(" ", 5)[5]
    handed: list[str] = []
    escaped = False
    for char in command:
        if escaped:
            if char == "%":
                handed[-1] = "%"
            else:
                handed.append(char)
            escaped = False
            continue
        assert char != "%", f"a bare % in the crontab line: {line}"
        handed.append(char)
        escaped = char == "\\"
    return "".join(handed)


def recorder(folder: Path, out: Path) -> Path:
    """An executable `coach` in `folder` that writes its argv and COACH_DATA_DIR to `out`."""
    folder.mkdir(parents=True)
    program = folder / "coach"
    program.write_text(RECORDER.format(python=sys.executable, out=str(out)))
    program.chmod(0o755)
    return program


@pytest.mark.parametrize("awkward", AWKWARD)
def test_the_crontab_line_runs_this_coach_in_its_folders(
        awkward: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "ran.json"
    program = recorder(tmp_path / awkward / "bin", out)
    data = tmp_path / f"data {awkward}"
    monkeypatch.setenv("COACH_DATA_DIR", str(data))

    line = crontab_line([str(program)])
    assert line.startswith("* * * * * env ") and line.endswith(" >/dev/null 2>&1")
    # cron runs it with sh and a bare environment
    subprocess.run(["sh", "-c", cron_command(line)], env={"PATH": "/usr/bin:/bin"},
                   check=True, timeout=30)
    assert json.loads(out.read_text()) == [[str(program), "remind", "--once"], str(data)]


def test_the_crontab_line_runs_python_m_coach_as_words(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where no `coach` program is found, `python -m coach`: each word quoted on its own."""
    out = tmp_path / "ran.json"
    program = recorder(tmp_path / "py thon 100%", out)
    monkeypatch.delenv("COACH_CONFIG_DIR")
    monkeypatch.delenv("COACH_DATA_DIR")

    line = crontab_line([str(program), "-m", "coach"])
    assert not line.startswith("* * * * * env")
    subprocess.run(["sh", "-c", cron_command(line)], check=True, timeout=30)
    assert json.loads(out.read_text()) == [
        [str(program), "-m", "coach", "remind", "--once"], None]


def test_the_unit_quotes_each_word_and_escapes_percent_and_dollar(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """systemd splits at spaces, expands `%` specifiers everywhere and `$` in the
    arguments (not in the program's path), and reads C escapes inside quotes."""
    monkeypatch.setenv("COACH_CONFIG_DIR", "/tmp/config")
    monkeypatch.setenv("COACH_DATA_DIR", "/tmp/my data/x%y $z 'q' \"d\" \\b")
    text = unit_text(["/tmp/my apps/50%off $HOME/python", "-m", "$coach"])
    assert ('ExecStart="/tmp/my apps/50%%off $HOME/python" -m $$coach remind\n'
            'Environment="COACH_CONFIG_DIR=/tmp/config"\n'
            'Environment="COACH_DATA_DIR=/tmp/my data/x%%y $z \'q\' \\"d\\" \\\\b"\n') in text


def test_a_path_systemd_refuses_to_run_is_run_by_sh() -> None:
    """systemd will not run a program whose path has a quote or a backslash in it."""
    text = unit_text(["/tmp/it's \"q\" b\\s 5%/coach"])
    assert ('ExecStart=/bin/sh -c "exec \\"$$0\\" \\"$$@\\"" '
            '"/tmp/it\'s \\"q\\" b\\\\s 5%%/coach" remind\n') in text


@pytest.mark.parametrize("awkward", AWKWARD)
def test_systemd_accepts_the_unit(awkward: str, tmp_path: Path) -> None:
    """systemd-analyze verify reads the unit as systemd would and looks for the program."""
    analyze = require_tool("systemd-analyze")
    program = recorder(tmp_path / awkward / "bin", tmp_path / "ran.json")
    unit = tmp_path / "coach-remind.service"
    unit.write_text(unit_text([str(program)]))

    def verify() -> subprocess.CompletedProcess[str]:
        return subprocess.run([analyze, "verify", "--man=no", str(unit)],
                              capture_output=True, text=True, timeout=60, check=False)

    checked = verify()
    assert checked.returncode == 0, checked.stderr
    if not unit.read_text().count("ExecStart=/bin/sh "):
        program.unlink()  # so it is the program's path, as systemd read it, that it found
        assert f"Command {program} is not executable" in verify().stderr


def test_without_a_coach_program_it_is_python_m_coach(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/somewhere/pytest"])
    monkeypatch.setattr(shutil, "which", lambda name, **_: None)
    assert coach_command() == [sys.executable, "-m", "coach"]


@pytest.fixture
def unit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the unit goes, and the coach it runs."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(remind_install, "coach_command", lambda: ["/opt/coach/bin/coach"])
    return tmp_path / "xdg" / "systemd" / "user" / "coach-remind.service"


def test_an_identical_unit_is_left_as_it_is(unit: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    install_unit(write=True, enable=False)
    written = unit.stat()
    capsys.readouterr()
    install_unit(write=False, enable=False)  # no question: nothing to write
    assert f"{unit} is already written, unchanged." in capsys.readouterr().out
    assert (unit.stat().st_ino, unit.stat().st_mtime_ns) == (written.st_ino,
                                                             written.st_mtime_ns)


def test_a_different_unit_is_pointed_out_before_the_question(
        unit: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    unit.parent.mkdir(parents=True)
    unit.write_text("[Service]\nExecStart=/old/coach remind\n")
    said_before: list[str] = []

    def confirm(question: str, default: bool) -> bool:
        said_before.append(capsys.readouterr().out)
        return False

    monkeypatch.setattr(click, "confirm", confirm)
    install_unit(write=False, enable=False)
    assert f"A unit is already there; it will be replaced: {unit}" in said_before[0]
    assert unit.read_text() == "[Service]\nExecStart=/old/coach remind\n"


def test_when_enabling_fails_the_linger_hint_is_still_given(
        unit: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "bin").mkdir()
    systemctl = tmp_path / "bin" / "systemctl"
    systemctl.write_text("#!/bin/sh\necho 'Failed to connect to bus' >&2\nexit 1\n")
    systemctl.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")

    with pytest.raises(CoachError, match="systemctl --user daemon-reload failed: Failed to "
                                         "connect to bus"):
        install_unit(write=True, enable=True)
    assert "loginctl enable-linger" in capsys.readouterr().out


def test_a_named_pipe_in_the_unit_s_place_is_neither_waited_on_nor_written_over(
        tmp_path: Path) -> None:
    from tests.e2e.tmux import coach_executable

    unit = tmp_path / "xdg" / "systemd" / "user" / "coach-remind.service"
    unit.parent.mkdir(parents=True)
    os.mkfifo(unit)
    done = subprocess.run([coach_executable(), "remind", "--install", "--yes"],
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=20,
                          env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "xdg")})
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{unit} is a named pipe (FIFO), not a file coach made: move it away" in done.stderr
    assert unit.is_fifo()
