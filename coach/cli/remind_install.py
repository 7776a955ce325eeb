"""`coach remind --install`: a systemd user unit that keeps the reminder loop running, and
the crontab line that does the same with one pass a minute where systemd is not used.

Both name this coach and its folders by path, and a path may hold spaces, `%`, `$`,
quotes or backslashes: each is quoted for the reader that will take it apart (systemd's
unit parser; cron, then sh)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from coach.cli.common import agrees
from coach.cli.output import CoachError, echo

UNIT_NAME = "coach-remind.service"
#: A word systemd reads as it is in ExecStart (bar `%` and `$`), with no quotes needed.
_SYSTEMD_PLAIN = re.compile(r"[\w@%+=:,./$-]+")
#: What systemd refuses in the path of the program ExecStart runs.
_SYSTEMD_REFUSED = re.compile(r"""["'\\\x00-\x1f\x7f]""")


def coach_command() -> list[str]:
    """The words that run this coach, by absolute path so the unit finds the same
    installation."""
    argv0 = Path(sys.argv[0])
    if argv0.name == "coach" and argv0.exists():
        return [str(argv0.resolve())]
    found = shutil.which("coach")
    return [str(Path(found).resolve())] if found else [sys.executable, "-m", "coach"]


def _environment() -> list[str]:
    """The folders this coach uses, when moved with COACH_CONFIG_DIR or COACH_DATA_DIR,
    as NAME=value."""
    return [f"{name}={os.environ[name]}" for name in ("COACH_CONFIG_DIR", "COACH_DATA_DIR")
            if os.environ.get(name)]


def _systemd_quoted(value: str) -> str:
    """`value` in double quotes as systemd reads them, `%` not taken for a specifier."""
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("%", "%%")
    return f'"{escaped}"'


def _exec_word(word: str) -> str:
    """One word of ExecStart: quoted when it needs it, `%` taken as written."""
    return word.replace("%", "%%") if _SYSTEMD_PLAIN.fullmatch(word) else _systemd_quoted(word)


def _exec_line(words: list[str]) -> str:
    """ExecStart's value for `words`. systemd expands `$` in the arguments (so it is
    written `$$`) but not in the program's path, and refuses a path with a quote, a
    backslash or a control character: such a path is run by sh, as an argument."""
    program, *arguments = words
    if _SYSTEMD_REFUSED.search(program):
        program, arguments = "/bin/sh", ["-c", 'exec "$0" "$@"', program, *arguments]
    return " ".join([_exec_word(program),
                     *(_exec_word(word).replace("$", "$$") for word in arguments)])


def unit_text(command: list[str]) -> str:
    """The systemd user unit that runs `command remind` and restarts it if it fails."""
    environment = "".join(f"Environment={_systemd_quoted(item)}\n" for item in _environment())
    return (
        "# coach's reminder loop: `coach remind` runs in the background and reminds you\n"
        "# when a scheduled routine is due. Written by `coach remind --install`.\n"
        "[Unit]\n"
        "Description=coach reminders for your routines\n"
        "\n"
        "[Service]\n"
        f"ExecStart={_exec_line([*command, 'remind'])}\n"
        f"{environment}"
        "Restart=on-failure\n"
        "RestartSec=30\n"
        "\n"
        "[Install]\n"
        "WantedBy=default.target\n")


def _cron_word(word: str) -> str:
    """One word of a crontab command, shlex-quoted for sh. cron turns `%` into a newline
    unless written `\\%`, and that escape fails after another backslash, so each `%` goes
    outside the quotes, where no backslash of the word can come before it."""
    if "%" not in word:
        return shlex.quote(word)
    return "\\%".join(shlex.quote(piece) if piece else "" for piece in word.split("%"))


def crontab_line(command: list[str]) -> str:
    """The crontab line that runs one reminder pass a minute, in the same folders."""
    environment = _environment()
    words = [*(["env", *environment] if environment else []), *command, "remind", "--once"]
    return f"* * * * * {' '.join(map(_cron_word, words))} >/dev/null 2>&1"


def unit_path() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "systemd" / "user" / UNIT_NAME


def install_unit(*, write: bool, enable: bool) -> None:
    """Show the unit and the crontab line, write the unit (after asking, unless `write`)
    when it is not already there as it is, and with `enable` start it."""
    command = coach_command()
    text = unit_text(command)
    path = unit_path()
    echo(f"A systemd user unit for the reminder loop ({path}):\n")
    echo(text)
    echo("Or, without systemd, this crontab line (crontab -e) sends what is due each minute:\n")
    echo(f"  {crontab_line(command)}\n")
    current = _current(path)
    if current == text:
        echo(f"{path} is already written, unchanged.")
    else:
        if current is not None:
            echo(f"A unit is already there; it will be replaced: {path}")
        if not write and not agrees(f"Write the unit to {path}?"):
            echo("Nothing written.")
            return
        _write(path, text)
        echo(f"Written: {path}")
    try:
        if enable:
            _enable()
        else:
            echo(f"Start it now and at every login with: systemctl --user enable --now "
                 f"{UNIT_NAME}")
    finally:  # also when enabling fails: lingering is needed either way
        echo("On a home server, to keep it running after you log out: "
             "loginctl enable-linger $USER")


def _current(path: Path) -> str | None:
    """The unit as it is written now, None if there is none (or it cannot be read)."""
    from coach.foundation.files import UnusableFile, read_regular

    try:
        return read_regular(path, 1 << 20).decode("utf-8")
    except (UnusableFile, UnicodeDecodeError):
        return None


def _write(path: Path, text: str) -> None:
    from coach.foundation.files import atomic_write, make_private_dirs

    try:
        make_private_dirs(path.parent)
        atomic_write(path, text.encode("utf-8"), mode=0o644, follow_link=True)
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
