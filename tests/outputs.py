"""What tests of writing need: a reader at the other end of a named pipe, and a look for
temporary files left behind."""

from __future__ import annotations

import os
import threading
from pathlib import Path


def leftovers(folder: Path) -> list[str]:
    """Temporary files atomic_writer left behind (it names them .NAME.*.tmp)."""
    return sorted(name for name in os.listdir(folder) if name.endswith(".tmp"))


class FifoReader:
    """Reads a named pipe to its end in a thread, as `cat fifo > file` would."""

    def __init__(self, path: Path) -> None:
        os.mkfifo(path)
        self.path = path
        self.data = b""
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        with open(self.path, "rb") as pipe:
            self.data = pipe.read()

    def received(self) -> bytes:
        self._thread.join(timeout=10)
        assert not self._thread.is_alive(), "the reader never saw the end of the pipe"
        return self.data
