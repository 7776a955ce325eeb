"""Real desktops and tmux servers for the reminder backends' tests, each private to one
test: a session bus with a fake notification service, a bare session bus, a tmux server
with a client attached. Every process started here is stopped at teardown."""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import require_tool

#: A command (python -c) that writes the arguments it was given, as JSON, to the file
#: named first: what a reminder_command would receive.
RECORD_ARGV = "import json, sys; open(sys.argv[1], 'w').write(json.dumps(sys.argv[2:]))"


def wait_for(condition: Callable[[], object], what: str, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.02)


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for a parent (a container's init may never reap)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


@dataclass
class TmuxServer:
    socket: Path
    #: A second server whose pane shows the attached client's screen (None: no client).
    viewer: Path | None = None

    def tmux(self, *args: str) -> str:
        return subprocess.run(["tmux", "-S", str(self.socket), *args], capture_output=True,
                              text=True, check=True, timeout=10).stdout

    def clients(self) -> list[str]:
        return self.tmux("list-clients", "-F", "#{client_name}").split()

    def screen(self) -> str:
        """What the attached client shows, status line included."""
        assert self.viewer is not None
        return subprocess.run(["tmux", "-S", str(self.viewer), "capture-pane", "-p"],
                              capture_output=True, text=True, check=True, timeout=10).stdout


def _kill_server(socket: Path) -> None:
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True,
                   timeout=10, check=False)


@pytest.fixture
def tmux_server(no_real_reminders: Path) -> Iterator[TmuxServer]:
    """A private tmux server (its socket in the test's short runtime folder), no client."""
    require_tool("tmux")
    server = TmuxServer(no_real_reminders / "inner")
    try:
        server.tmux("new-session", "-d", "-x", "80", "-y", "24", "sleep 600")
        yield server
    finally:
        _kill_server(server.socket)


@pytest.fixture
def attached_tmux(tmux_server: TmuxServer, no_real_reminders: Path) -> Iterator[TmuxServer]:
    """The private server with one client attached: `tmux attach` running in a pane of a
    second private server, which gives it a terminal."""
    outer = no_real_reminders / "outer"
    try:
        subprocess.run(["tmux", "-S", str(outer), "new-session", "-d", "-x", "200", "-y",
                        "30", f"env -u TMUX tmux -S {shlex.quote(str(tmux_server.socket))} attach"],
                       check=True, capture_output=True, timeout=10)
        wait_for(tmux_server.clients, "a client to attach")
        tmux_server.viewer = outer
        yield tmux_server
    finally:
        _kill_server(outer)


# Desktops: a session bus, with or without a notification service.

SYSTEM_PYTHON = "/usr/bin/python3"
FAKE_SERVICE = Path(__file__).with_name("fake_notifications.py")


def require_system_dbus_python() -> str:
    """/usr/bin/python3 with python3-dbus and python3-gi (the fake service needs them)."""
    imports = "import dbus.service, dbus.mainloop.glib; from gi.repository import GLib"
    usable = os.path.exists(SYSTEM_PYTHON) and subprocess.run(
        [SYSTEM_PYTHON, "-c", imports], capture_output=True, check=False).returncode == 0
    if not usable:
        message = (f"{SYSTEM_PYTHON} cannot import dbus and gi; install python3-dbus and "
                   "python3-gi to run this test")
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must install them in .ci/run)")
        pytest.skip(message)
    return SYSTEM_PYTHON


def stop_group(process: subprocess.Popen[bytes]) -> None:
    """Stop a process started with start_new_session=True and everything it started."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            break
        try:
            process.wait(timeout=5)
            break
        except subprocess.TimeoutExpired:
            continue


@dataclass
class FakeDesktop:
    """A session bus with a notification service that writes down what it is sent."""

    address: str
    record: Path

    def received(self) -> list[dict[str, str]]:
        if not self.record.exists():
            return []
        return [json.loads(line) for line in self.record.read_text().splitlines()]

    @property
    def socket(self) -> Path | None:
        """The bus's socket file, when the address names one."""
        for part in self.address.removeprefix("unix:").split(","):
            if part.startswith("path="):
                return Path(part.removeprefix("path="))
        return None


def start_fake_desktop(folder: Path, capabilities: str) -> Iterator[FakeDesktop]:
    require_tool("dbus-run-session")
    require_tool("notify-send")
    python = require_system_dbus_python()
    record, ready, log = folder / "received.jsonl", folder / "bus-address", folder / "bus.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            ["dbus-run-session", "--", python, str(FAKE_SERVICE), str(record), str(ready),
             capabilities], stdin=subprocess.DEVNULL, stdout=out, stderr=out,
            start_new_session=True)
    try:
        wait_for(lambda: ready.exists() or process.poll() is not None, "the fake service")
        if not ready.exists():
            raise AssertionError(f"the fake notification service did not start:\n"
                                 f"{log.read_text(errors='replace')}")
        yield FakeDesktop(ready.read_text().strip(), record)
    finally:
        stop_group(process)


@pytest.fixture
def fake_desktop(tmp_path: Path) -> Iterator[FakeDesktop]:
    """A fake desktop whose service says it takes markup in the text (as most do)."""
    yield from start_fake_desktop(tmp_path, "body,body-markup")


@pytest.fixture
def plain_fake_desktop(tmp_path: Path) -> Iterator[FakeDesktop]:
    """A fake desktop whose service shows the text as it is (no markup)."""
    yield from start_fake_desktop(tmp_path, "body")


@pytest.fixture
def bare_bus() -> Iterator[str]:
    """The address of a session bus on which no notification service runs."""
    require_tool("dbus-daemon")
    process = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address"],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        assert process.stdout is not None
        address = process.stdout.readline().decode().strip()
        assert address, "dbus-daemon printed no address"
        yield address
    finally:
        stop_group(process)
        if process.stdout is not None:
            process.stdout.close()
