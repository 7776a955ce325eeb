"""Run a program in a pseudo-terminal of a given size and record what it writes, when."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class PtyRun:
    process: subprocess.Popen[bytes]
    master: int
    started: float
    chunks: list[tuple[float, bytes]] = field(default_factory=list)

    @property
    def output(self) -> bytes:
        return b"".join(chunk for _, chunk in self.chunks)

    def read_until(self, done: Callable[[bytes], bool], timeout: float) -> float | None:
        """Read until `done(all output)`; the monotonic time it became true, or None."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.read_some(min(0.05, deadline - time.monotonic())) and done(self.output):
                return self.chunks[-1][0]
        return None

    def read_some(self, wait: float) -> bool:
        ready, _, _ = select.select([self.master], [], [], max(0.0, wait))
        if not ready:
            return False
        try:
            data = os.read(self.master, 65536)
        except OSError:
            return False
        if data:
            self.chunks.append((time.monotonic(), data))
        return bool(data)

    def cpu_seconds(self) -> float:
        """User + system CPU time of the process so far, from /proc."""
        with open(f"/proc/{self.process.pid}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        os.close(self.master)


def start(command: list[str], env: dict[str, str], width: int = 80, height: int = 24) -> PtyRun:
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    started = time.monotonic()
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, env=env,
                               start_new_session=True, close_fds=True)
    os.close(slave)
    return PtyRun(process, master, started)
