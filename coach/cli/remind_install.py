"""`coach remind --install`: a systemd user unit that keeps the reminder loop running, and
the crontab line that does the same with one pass a minute where systemd is not used."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import click

from coach.cli.output import CoachError, echo

UNIT_NAME = "coach-remind.service"


def coach_command() -> str:
    """The absolute path of the running coach, so the unit finds the same installation."""
    found = shutil.which("coach")
    argv0 = Path(sys.argv[0])
    if argv0.name == "coach" and argv0.exists():
        return str(argv0.resolve())
    return str(Path(found).resolve()) if found else f"{sys.executable} -m coach"


def _environment() -> list[str]:
    """The folders this coach uses, when moved with COACH_CONFIG_DIR or COACH_DATA_DIR."""
    return [f"{name}={os.environ[name]}" for name in ("COACH_CONFIG_DIR", "COACH_DATA_DIR")
            if os.environ.get(name)]


def unit_text(command: str) -> str:
    environment = "".join(f'Environment="{item}"\n' for item in _environment())
    return (
        "# coach's reminder loop: `coach remind` runs in the background and reminds you\n"
        "# when a scheduled routine is due. Written by `coach remind --install`.\n"
        "[Unit]\n"
        "Description=coach reminders for your routines\n"
        "\n"
        "[Service]\n"
        f"ExecStart={command} remind\n"
        f"{environment}"
        "Restart=on-failure\n"
        "RestartSec=30\n"
        "\n"
        "[Install]\n"
        "WantedBy=default.target\n")


def crontab_line(command: str) -> str:
    environment = " ".join(shlex.quote(item) for item in _environment())
    prefix = f"{environment} " if environment else ""
    return f"* * * * * {prefix}{command} remind --once >/dev/null 2>&1"


def unit_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user" / UNIT_NAME


def install_unit(*, write: bool, enable: bool) -> None:
    command = coach_command()
    text = unit_text(command)
    path = unit_path()
    echo(f"A systemd user unit for the reminder loop ({path}):\n")
    echo(text)
    echo("Or, without systemd, this crontab line (crontab -e) sends what is due each minute:\n")
    echo(f"  {crontab_line(command)}\n")
    if not write and not click.confirm(f"Write the unit to {path}?", default=False):
        echo("Nothing written.")
        return
    _write(path, text)
    echo(f"Written: {path}")
    if enable:
        _enable()
    else:
        echo(f"Start it now and at every login with: systemctl --user enable --now {UNIT_NAME}")
    echo("On a home server, to keep it running after you log out: "
         "loginctl enable-linger $USER")


def _write(path: Path, text: str) -> None:
    from coach.files import atomic_write, make_private_dirs

    try:
        make_private_dirs(path.parent)
        atomic_write(path, text.encode("utf-8"), mode=0o644)
    except OSError as err:
        raise CoachError(f"cannot write {path}: {err.strerror or err}") from err


def _enable() -> None:
    systemctl = shutil.which("systemctl")
    if systemctl is None:
        raise CoachError("systemctl is not installed here; use the crontab line instead")
    for args in (["daemon-reload"], ["enable", "--now", UNIT_NAME]):
        try:
            result = subprocess.run([systemctl, "--user", *args], capture_output=True,
                                    text=True, timeout=30, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as err:
            raise CoachError(f"systemctl --user {' '.join(args)} did not finish: {err}") from err
        if result.returncode != 0:
            why = (result.stderr or result.stdout).strip().splitlines()
            raise CoachError(f"systemctl --user {' '.join(args)} failed: "
                             f"{why[0] if why else f'exit status {result.returncode}'}")
    echo(f"Enabled and started: {UNIT_NAME} (see it with: systemctl --user status "
         f"{UNIT_NAME})")
