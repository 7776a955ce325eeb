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
    def __init__(self, name: str) -> None:
        self.name = name

    def screen(self) -> str:
        return subprocess.run(["tmux", "capture-pane", "-p", "-t", self.name],
                              capture_output=True, text=True, check=True).stdout

    def send(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=True)

    def type(self, text: str) -> None:
        subprocess.run(["tmux", "send-keys", "-l", "-t", self.name, text], check=True)

    def alive(self) -> bool:
        return subprocess.run(["tmux", "has-session", "-t", self.name],
                              capture_output=True).returncode == 0

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

    `remain-on-exit` keeps the last screen readable after the program exits.
    """
    require_tool("tmux")
    name = f"coach-test-{uuid.uuid4().hex[:8]}"
    env_args = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
    subprocess.run(["tmux", "new-session", "-d", "-s", name, "-x", str(width), "-y", str(height),
                    *env_args, *command], check=True)
    try:
        yield Terminal(name)
    finally:
        subprocess.run(["tmux", "kill-session", "-t", name], capture_output=True)
