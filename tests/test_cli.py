"""The `coach` command's subcommands, run as a user runs them."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach import __version__
from coach.cli import cli

MOOD = "steps:\n  - type: mood\n"


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args), input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.mark.parametrize("flag", ["--version", "-V"])
def test_version(flag: str) -> None:
    assert run(flag) == (0, f"coach, version {__version__}\n")


@pytest.mark.parametrize("command", [[], *([name] for name in sorted(cli.commands))],
                         ids=lambda command: " ".join(command) or "coach")
def test_every_command_takes_help_and_h(command: list[str]) -> None:
    code, output = run(*command, "--help")
    assert code == 0 and "Usage: " in output and "-h, --help" in output
    assert run(*command, "-h") == (0, output)


def test_list_shows_routines_schedule_and_steps() -> None:
    code, output = run("list")
    assert code == 0
    assert "morning      Morning routine    07:30 daily       4 steps   shipped" in output
    assert "evening      Evening wind-down  21:30 daily       4 steps   shipped" in output
    assert "quick-reset  Quick reset        no schedule       2 steps   shipped" in output


def test_list_reports_a_broken_file_with_its_error(coach_dirs: dict[str, Path]) -> None:
    coach_dirs["routines"].mkdir(parents=True)
    broken = coach_dirs["routines"] / "broken.yaml"
    broken.write_text("title: t\nsteps:\n  - type: breath\n")
    code, output = run("list")
    assert code == 0
    assert "morning" in output
    assert ("broken.yaml has a mistake on line 3, so coach leaves it out until it is fixed "
            f"(coach edit broken):\n  {broken}:3:11: unknown step type 'breath'") in output


def test_validate_default_is_valid() -> None:
    code, output = run("validate")
    assert code == 0
    assert output.strip() == "3 routine files are valid (evening, morning, quick-reset)."


def test_validate_reports_each_problem_and_exits_1(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("title: Good\n" + MOOD)
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: Bad\ncolour: red\nsteps:\n  - type: breathing\n    cycles: lots\n")
    result = CliRunner().invoke(cli, ["validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}:2:1: unknown key 'colour' in a routine; known keys: description, id, "
        "remind_again_after, reminders, schedule, steps, title",
        f"{bad}:5:13: expected a whole number for 'cycles', found 'lots'",
    ]
    assert "Traceback" not in result.output


def test_validate_a_directory_and_a_missing_path(tmp_path: Path) -> None:
    (tmp_path / "one.yaml").write_text("title: One\n" + MOOD)
    code, output = run("validate", str(tmp_path))
    assert code == 0 and "1 routine file is valid (one)." in output
    code, output = run("validate", str(tmp_path / "nope.yaml"))
    assert code == 1 and f"{tmp_path / 'nope.yaml'}: no such file or directory" in output


def test_validate_prints_warnings_but_passes(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("title: W\nsteps:\n  - type: breathing\n    pattern: 4-7-8\n    cycles: 12\n")
    code, output = run("validate", str(path))
    assert code == 0
    assert f"{path}:5:13: warning: 4-7-8 breathing is usually practised" in output


def test_schema_prints_json(tmp_path: Path) -> None:
    code, output = run("schema")
    assert code == 0
    assert json.loads(output)["title"] == "coach routine"
    target = tmp_path / "s.json"
    assert run("schema", "-o", str(target))[0] == 0
    assert json.loads(target.read_text()) == json.loads(output)


def test_init_copies_and_never_overwrites_without_asking(coach_dirs: dict[str, Path]) -> None:
    routines = coach_dirs["routines"]
    code, output = run("init")
    assert code == 0
    assert (routines / "morning.yaml").is_file() and (routines / "evening.yaml").is_file()
    assert (routines / "routine.schema.json").is_file()
    assert "morning.yaml: copied" in output

    (routines / "morning.yaml").write_text("title: Mine\n" + MOOD)
    code, output = run("init", input="n\n")
    assert "morning.yaml differs from the shipped one. Overwrite it?" in output
    assert "evening.yaml: already there" in output
    assert (routines / "morning.yaml").read_text() == "title: Mine\n" + MOOD

    code, output = run("init")  # no one to answer: keep the user's file
    assert (routines / "morning.yaml").read_text() == "title: Mine\n" + MOOD

    code, output = run("init", input="y\n")
    assert "Morning routine" in (routines / "morning.yaml").read_text()


def fake_editor(tmp_path: Path, script: str) -> str:
    """A real editor program: a Python script that edits the file it is given."""
    path = tmp_path / "editor.py"
    path.write_text(f"#!{sys.executable}\n" + textwrap.dedent(script))
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_edit_copies_a_shipped_routine_and_checks_it(
        tmp_path: Path, coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    editor = fake_editor(tmp_path, """
        import sys
        path = sys.argv[-1]
        text = open(path).read().replace("title: Morning routine", "title: Early start")
        open(path, "w").write(text)
    """)
    monkeypatch.setenv("VISUAL", editor)
    code, output = run("edit", "morning")
    target = coach_dirs["routines"] / "morning.yaml"
    assert code == 0
    assert f"Copied the shipped routine to {target}" in output
    assert f"{target} is valid: Early start, 4 steps." in output
    assert (coach_dirs["routines"] / "routine.schema.json").is_file()
    assert run("list")[1].count("Early start") == 1


def test_edit_reopens_at_the_error_line_until_fixed(
        tmp_path: Path, coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    log = tmp_path / "calls.txt"
    editor = fake_editor(tmp_path, f"""
        import sys
        path = sys.argv[-1]
        calls = open({str(log)!r}, "a+")
        calls.write(" ".join(sys.argv[1:-1]) + "\\n")
        calls.close()
        n = len(open({str(log)!r}).read().splitlines())
        text = "title: Mine\\nsteps:\\n  - type: breath\\n" if n == 1 else \\
               "title: Mine\\nsteps:\\n  - type: breathing\\n"
        open(path, "w").write(text)
    """)
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    code, output = run("edit", "evening", input="e\n")
    target = coach_dirs["routines"] / "evening.yaml"
    assert code == 0
    assert f"{target}:3:11: unknown step type 'breath'" in output
    assert "What now? (e)dit again, (k)eep it as it is, (r)evert" in output
    assert f"{target} is valid: Mine, 1 step." in output
    assert log.read_text().splitlines() == ["", ""]  # a script is not known to take +LINE


def test_edit_passes_the_line_to_editors_that_take_it(
        tmp_path: Path, coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.txt"
    vim = bin_dir / "vim"
    vim.write_text(f"#!/bin/sh\nfor arg; do last=$arg; done\necho \"$1\" >> {log}\n"
                   "printf 'title: t\\nsteps:\\n  - type: nope\\n' > \"$last\"\n")
    vim.chmod(0o755)
    monkeypatch.setenv("EDITOR", str(vim))
    monkeypatch.delenv("VISUAL", raising=False)
    code, output = run("edit", "morning", input="e\nr\n")
    target = coach_dirs["routines"] / "morning.yaml"
    assert log.read_text().splitlines() == [str(target), "+3"]
    assert "back as it was before this edit" in output
    assert "Morning routine" in target.read_text()
    assert code == 0


def test_edit_keep_leaves_the_broken_file_and_exits_1(
        tmp_path: Path, coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    editor = fake_editor(tmp_path, """
        import sys
        open(sys.argv[-1], "w").write("title: [broken\\n")
    """)
    monkeypatch.setenv("VISUAL", editor)
    code, output = run("edit", "morning", input="k\n")
    assert code == 1
    # The copy of the shipped routine read well when the editor opened it: its last good version.
    said = ("morning.yaml has a mistake on line 2, so coach uses its last good version until it "
            "is fixed (coach edit morning)")
    assert f"is kept as it is; {said}." in output
    # The broken user file is what `coach edit` opens next time, not a fresh copy.
    code, output = run("list")
    assert said in output


def test_edit_unknown_routine_lists_known_ones() -> None:
    code, output = run("edit", "nope")
    assert code == 1
    assert "No routine 'nope'. Your routines: evening, morning, quick-reset." in output


def test_edit_without_any_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(tmp_path))
    code, output = run("edit", "morning")
    assert code == 1
    assert "no editor found: set $EDITOR" in output


def test_edit_without_visual_or_editor_tries_the_usual_editors_in_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """sensible-editor, editor, nano, vim, vi: each is used while it is the first on PATH."""
    order = ["sensible-editor", "editor", "nano", "vim", "vi"]
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "opened.txt"
    for name in order:
        (bin_dir / name).write_text(f"#!/bin/sh\necho {name} >> {log}\n")
        (bin_dir / name).chmod(0o755)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    monkeypatch.setenv("PATH", str(bin_dir))
    for name in order:
        code, output = run("edit", "morning")
        assert code == 0 and "is valid: Morning routine" in output, output
        (bin_dir / name).unlink()  # gone: the next one in the list is used
    assert log.read_text().split() == order
    code, output = run("edit", "morning")
    assert code == 1 and "no editor found" in output


def test_python_dash_m_and_the_installed_command_agree() -> None:
    module = subprocess.run([sys.executable, "-m", "coach", "--version"], capture_output=True,
                            text=True, check=True)
    assert module.stdout == f"coach, version {__version__}\n"
    installed = Path(sys.executable).with_name("coach")
    if installed.exists():
        result = subprocess.run([str(installed), "validate"], capture_output=True, text=True,
                                env={**os.environ})
        assert result.returncode == 0, result.stdout + result.stderr
        version, usage = (subprocess.run([str(installed), flag], capture_output=True,
                                         text=True, check=True).stdout for flag in ("-V", "-h"))
        assert version == module.stdout
        assert usage.startswith("Usage: coach [OPTIONS] [COMMAND] [ARGS]...")


def test_an_unexpected_error_is_logged_not_shown(coach_dirs: dict[str, Path]) -> None:
    code = (
        "import coach.routine.catalog as c\n"
        "def boom(*a, **k): raise RuntimeError('disk on fire')\n"
        "c.load_catalog = boom\n"
        "from coach.main import main\n"
        "main(['list'])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=os.environ.copy())
    assert result.returncode == 70
    assert "Traceback" not in result.stderr
    assert "coach stopped because of an unexpected problem: RuntimeError: disk on fire" in \
        result.stderr
    log = coach_dirs["data"] / "logs" / "errors.log"
    assert "Traceback" in log.read_text()


def test_edit_settings_makes_the_commented_template_and_reports_a_mistake(
        tmp_path: Path, coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """The template names every setting coach reads with its default, all commented out, so
    a fresh file changes nothing; a mistake is said as everywhere else, and the file can be
    put back."""
    from coach.config.settings import Settings, load_settings

    settings = coach_dirs["config"] / "settings.yaml"
    editor = fake_editor(tmp_path, f"""
        import sys
        from pathlib import Path
        path = Path(sys.argv[-1])
        Path({str(tmp_path / "seen.yaml")!r}).write_text(path.read_text())
        path.write_text(path.read_text().replace("# day_start_hour: 4", "day_start_hour: 19"))
    """)
    monkeypatch.setenv("EDITOR", editor)
    monkeypatch.delenv("VISUAL", raising=False)
    code, output = run("edit", "settings", input="r\n")
    template = (tmp_path / "seen.yaml").read_text()
    for name in Settings.__dataclass_fields__:
        assert f"\n# {name}: " in template, name
    assert "# day_start_hour: 4\n" in template and "# reminder_grace: 2h\n" in template
    assert f"Made {settings} with every setting commented out" in output
    assert f"{settings}:" in output and "'day_start_hour' must be" in output
    assert code == 0 and "back as it was before this edit" in output
    assert settings.read_text() == template
    assert load_settings(settings) == (Settings(), ())
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600


def test_edit_settings_says_when_it_is_valid(
        tmp_path: Path, coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    settings = coach_dirs["config"] / "settings.yaml"
    settings.parent.mkdir(parents=True)
    settings.write_text("bell: false\n")
    editor = fake_editor(tmp_path, """
        import sys
        from pathlib import Path
        Path(sys.argv[-1]).write_text("bell: true\\nreduced_motion: yes\\n")
    """)
    monkeypatch.setenv("VISUAL", editor)
    code, output = run("edit", "settings")
    assert code == 0
    assert f"{settings} is valid: 2 settings changed from the usual." in output
