"""The command way: the person's command gets the title and text as plain arguments (no
shell, no str.format), a command that hangs is stopped with everything it started, and
a failing or missing command says why."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

from coach.remind.backends.base import Delivery, Message, run_bounded
from coach.remind.backends.command import COMMAND_TIMEOUT_SECONDS, CommandBackend, command_line
from coach.remind.backends.helper import GRACE_SECONDS, OUTPUT_KEPT_BYTES, end_running_helpers

from tests.remind.conftest import RECORD_ARGV, alive, wait_for

REPO = Path(__file__).resolve().parents[2]

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


# -- bounded: memory, time, and nothing left behind ------------------------------------------

def marker() -> str:
    """A sleep length no other process on the machine uses: its command line is findable."""
    return f"60.{uuid.uuid4().int % 10**9:09d}"


def running_with(mark: str) -> list[str]:
    """Live processes whose command line has `mark` (pgrep -f, zombies left out)."""
    found = subprocess.run(["pgrep", "-f", mark], capture_output=True, text=True).stdout
    return [pid for pid in found.split() if alive(int(pid))]


def wait_until_ended(mark: str) -> None:
    """Until no live process has `mark`. A process sent SIGKILL is gone a moment later,
    not at once (longer on a busy machine): coach signals them and need not wait for each."""
    wait_for(lambda: running_with(mark) == [], f"the processes with {mark} to end", 5)


def test_a_command_that_never_stops_writing_is_stopped_and_memory_stays_small() -> None:
    """`reminder_command: yes` grew coach by gigabytes; in a process limited to 1 GB of
    address space it now keeps 4 KB and stops `yes` after 16 MB."""
    code = ("import resource, sys, time\n"
            "resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))\n"
            "from coach.remind.backends.base import Message\n"
            "from coach.remind.backends.command import CommandBackend\n"
            "started = time.monotonic()\n"
            "delivery = CommandBackend(('yes',)).send(Message('coach', 'hello'))\n"
            # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across exec, so it would count
            # the pytest worker this process was forked from.
            "peak = next(line.split()[1] for line in open('/proc/self/status') "
            "if line.startswith('VmHWM:'))\n"
            "print(round(time.monotonic() - started, 2), peak, delivery.detail, sep='|')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, cwd=REPO)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    seconds, peak_kb, detail = done.stdout.strip().split("|")
    assert detail == "yes wrote more than 16 MB of output and was stopped"
    assert float(seconds) < 5
    assert int(peak_kb) < 100 * 1024  # about 15 MB here: Python and coach's imports


def test_only_a_little_of_what_a_command_writes_is_kept() -> None:
    megabyte = "import sys; sys.stdout.write('x' * 1_000_000); sys.stderr.write('e' * 10_000)"
    finished = run_bounded([sys.executable, "-c", megabyte], 10)
    assert finished.status == 0 and finished.stopped is None
    assert (len(finished.out), len(finished.err)) == (OUTPUT_KEPT_BYTES, OUTPUT_KEPT_BYTES)
    assert CommandBackend((sys.executable, "-c", megabyte)).send(Message("coach", "hi")).ok


@pytest.mark.parametrize("ignores_sigterm", [False, True], ids=["sleep", "ignores SIGTERM"])
def test_a_slow_command_is_stopped_at_its_time_limit(ignores_sigterm: bool) -> None:
    mark = marker()
    ignoring = "trap '' TERM; " if ignores_sigterm else ""
    argv = ("sh", "-c", f"{ignoring}sleep {mark}")
    started = time.monotonic()
    delivery = CommandBackend(argv, timeout=1).send(Message("coach", "hello"))
    assert time.monotonic() - started < 1 + GRACE_SECONDS + 1.5
    assert delivery.detail == "sh did not finish within 1 s and was stopped"
    wait_until_ended(mark)


def test_the_command_s_time_limit_is_ten_seconds() -> None:
    assert CommandBackend(("true",)).timeout == COMMAND_TIMEOUT_SECONDS == 10


def test_what_a_command_starts_in_a_session_of_its_own_ends_with_it() -> None:
    """`setsid` takes the child out of the command's process group and session; while it
    still holds the command's output, it is found and ended all the same."""
    mark = marker()
    started = time.monotonic()
    delivery = CommandBackend(("sh", "-c", f"setsid sleep {mark} &")).send(
        Message("coach", "hello"))
    assert delivery.ok  # the command itself exited 0 at once
    assert time.monotonic() - started < 3
    wait_until_ended(mark)


def test_what_a_command_leaves_running_in_its_group_ends_with_it() -> None:
    mark = marker()
    assert CommandBackend(("sh", "-c", f"sleep {mark} >/dev/null 2>&1 &")).send(
        Message("coach", "hello")).ok
    wait_until_ended(mark)


def test_closing_stops_the_command_under_way_at_once() -> None:
    mark = marker()
    command = CommandBackend(("sh", "-c", f"trap '' TERM; sleep {mark}"), timeout=60)
    result: list[Delivery] = []
    sending = threading.Thread(target=lambda: result.append(command.send(Message("c", "h"))))
    sending.start()
    wait_for(lambda: running_with(mark), "the command to start", 10)
    started = time.monotonic()
    end_running_helpers()
    sending.join(10)
    assert time.monotonic() - started < GRACE_SECONDS + 1
    assert result[0].detail == "sh was stopped because coach is closing"
    wait_until_ended(mark)


def test_closing_just_as_a_command_starts_stops_it_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """coach begins closing after the command was started but before it was counted among
    the helpers running (a busy machine can pause the sending thread right there): it is
    stopped all the same, not left to run to its time limit after coach has gone."""
    from coach.remind.backends import helper

    mark = marker()
    real_popen = subprocess.Popen

    def popen_then_close(*args, **kwargs):  # type: ignore[no-untyped-def]
        process = real_popen(*args, **kwargs)
        end_running_helpers()
        return process

    monkeypatch.setattr(helper.subprocess, "Popen", popen_then_close)
    command = CommandBackend(("sh", "-c", f"trap '' TERM; sleep {mark}"), timeout=60)
    started = time.monotonic()
    delivery = command.send(Message("c", "h"))
    monkeypatch.undo()
    assert time.monotonic() - started < GRACE_SECONDS + 5
    assert delivery.detail == "sh was stopped because coach is closing"
    wait_until_ended(mark)
