"""The command way: the person's command gets the title and text as plain arguments (no
shell, no str.format), a command that hangs is stopped with everything it started, and
a failing or missing command says why."""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import pytest

from coach.remind.backends.base import Message
from coach.remind.backends.command import CommandBackend, command_line

from tests.remind.conftest import RECORD_ARGV, alive, wait_for

HOSTILE_TITLES = [
    "$(touch x)",
    "`touch x`",
    "; rm -rf ~ ; touch x",
    "It's \"quoted\" 'twice'",
    "{body} in the title",
    "{title} {0} {!r} %s {{}}",
    "first line\nsecond line",
    "-x --flag",
    "",
]


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_title_and_text_arrive_as_plain_single_arguments(
        title: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "argv.json"
    body = f"{title} is ready when you are"
    command = CommandBackend((sys.executable, "-c", RECORD_ARGV, str(out), "{title}",
                              "{body}", "[{title}|{body}]", "{other}"))

    assert command.available().ok
    assert command.send(Message(title, body)).ok

    assert json.loads(out.read_text()) == [title, body, f"[{title}|{body}]", "{other}"]
    assert not (tmp_path / "x").exists()
    assert capfd.readouterr() == ("", "")


def test_the_program_itself_is_never_filled_in() -> None:
    assert command_line(("{title}", "{body}"), Message("a", "b")) == ["a", "b"]
    assert CommandBackend(("{title}",)).available().reason.startswith("{title} is not")


def test_a_hanging_command_is_stopped_with_all_it_started(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    hang = ("import os, subprocess, sys, time\n"
            "child = subprocess.Popen(['sleep', '60'])\n"
            "open(sys.argv[1], 'w').write(f'{os.getpid()} {child.pid}')\n"
            "time.sleep(60)\n")
    command = CommandBackend((sys.executable, "-c", hang, str(pids)), timeout=1)
    started = time.monotonic()
    delivery = command.send(Message("coach", "hello"))
    assert time.monotonic() - started < 5
    assert not delivery.ok
    assert delivery.detail.endswith("did not finish within 1 s and was stopped")
    for pid in map(int, pids.read_text().split()):
        wait_for(lambda pid=pid: not alive(pid), f"process {pid} to be gone", 5)


def test_a_failing_command_says_its_status_and_first_line(tmp_path: Path) -> None:
    fail = ("import sys; sys.stderr.write('\\n  topic \\x1b]0;owned\\x07 not found\\n"
            "more detail\\n'); sys.exit(3)")
    delivery = CommandBackend((sys.executable, "-c", fail)).send(Message("coach", "hello"))
    assert not delivery.ok
    assert delivery.detail == (f"{sys.executable} exited with status 3: "
                               "topic \\x1b]0;owned\\x07 not found")


def test_a_missing_command_is_unavailable(tmp_path: Path) -> None:
    missing = CommandBackend(("coach-no-such-command", "{body}"))
    availability = missing.available()
    assert (availability.ok, availability.reason) == (
        False, "coach-no-such-command is not installed or not on PATH")
    assert not missing.send(Message("coach", "hello")).ok

    not_executable = tmp_path / "script"
    not_executable.write_text("#!/bin/sh\n")
    assert not CommandBackend((str(not_executable),)).available().ok


@pytest.mark.parametrize("argv", [None, ()])
def test_no_command_in_settings_is_unavailable(argv: tuple[str, ...] | None) -> None:
    availability = CommandBackend(argv).available()
    assert (availability.ok, availability.reason) == (
        False, "no reminder_command in settings.yaml")
    assert 'reminder_command: [ntfy, publish, my-topic, "{body}"]' in availability.fix
