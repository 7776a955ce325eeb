"""Drive the installed `coach` command in a real terminal (tmux) and read the screen."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import require_tool


def coach_executable() -> str:
    """The `coach` installed beside this Python (the venv's), else the one on PATH."""
    beside = Path(sys.executable).with_name("coach")
    if beside.exists():
        return str(beside)
    found = shutil.which("coach")
    assert found, "the coach command is not installed (pip install -e .)"
    return found


class Terminal:
    """One tmux session on a server of its own (`-L`), started from this process.

    A server of its own starts with this process's environment, so what runs in it
    sees the same clock (libfaketime in `make test-shifted`) and zone as the test,
    whatever other tmux sessions run on the machine.
    """

    def __init__(self, name: str) -> None:
        self.name = name

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["tmux", "-L", self.name, *args], capture_output=True, text=True,
                              check=check)

    def screen(self, *, escapes: bool = False) -> str:
        """The visible text; with `escapes`, the colour and style codes too."""
        return self.tmux("capture-pane", "-p", *(["-e"] if escapes else []),
                         "-t", self.name).stdout

    def send(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-l", "-t", self.name, text)

    def alive(self) -> bool:
        return self.tmux("has-session", "-t", self.name, check=False).returncode == 0

    def wait_for(self, condition: Callable[[str], bool], timeout: float = 15) -> str:
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen() if self.alive() else screen
            if condition(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out; the screen was:\n{screen}")

    def wait_for_text(self, text: str, timeout: float = 15) -> str:
        return self.wait_for(lambda screen: text in screen, timeout)

    def wait_for_all(self, *texts: str, timeout: float = 15) -> str:
        """The screen once every one of `texts` is painted (parts of it paint separately)."""
        return self.wait_for(lambda screen: all(text in screen for text in texts), timeout)

    def wait_until_closed(self, timeout: float = 10) -> None:
        deadline = time.monotonic() + timeout
        while self.alive():
            if time.monotonic() > deadline:
                raise AssertionError(f"still running; the screen was:\n{self.screen()}")
            time.sleep(0.1)


@contextmanager
def terminal(command: list[str], env: Mapping[str, str], width: int = 80,
             height: int = 24) -> Iterator[Terminal]:
    """Run `command` in a detached tmux session of the given size; kill it afterwards.

    Once the program exits its session is gone: `wait_for` returns the last screen read.
    """
    require_tool("tmux")
    term = Terminal(f"coach-test-{uuid.uuid4().hex[:8]}")
    env_args = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
    term.tmux("new-session", "-d", "-s", term.name, "-x", str(width), "-y", str(height),
              *env_args, *command)
    try:
        yield term
    finally:
        term.tmux("kill-server", check=False)
