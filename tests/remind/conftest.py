"""Real tmux servers for the reminder backends' tests, each private to one test, with or
without a client attached. Every process started here is stopped at teardown."""

from __future__ import annotations

import shlex
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
