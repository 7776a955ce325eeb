"""One thread that writes saves one at a time, in the order they were asked for.

An app saves from its event loop, where waiting on a slow disk would stall the breathing
pacer, so saves go to a thread. A single thread takes them in order, so the last state of
a step is the one kept. The writer belongs to whoever runs the event loop, not to the part
of the screen that asked: a screen that closes right after saving (a finished routine
giving way to its summary) must not take its unwritten saves with it.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")


class Writer:
    """Runs the work it is given in a thread of its own, oldest first, each to the end."""

    def __init__(self, name: str = "coach-saves") -> None:
        self._name = name
        self._jobs: deque[tuple[Callable[[], Any], Future[Any]]] = deque()
        self._lock = threading.Lock()
        self._job_waiting = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        #: Jobs asked for and not yet finished (waiting or being written).
        self._unfinished = 0

    def put(self, work: Callable[[], T]) -> Future[T]:
        """Run `work` after everything put before it; its result or error, when it ends."""
        future: Future[T] = Future()
        with self._lock:
            self._jobs.append((work, future))
            self._unfinished += 1
            if self._thread is None:
                # A daemon: a disk that never answers must not keep coach from ending.
                # Whoever ends the process waits for the writes first (see wait_idle).
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._job_waiting.notify()
        return future

    @property
    def idle(self) -> bool:
        """Whether every save asked for has been written (or has failed)."""
        return self._unfinished == 0

    def wait_idle(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for every save to be written; whether they were.

        Polled, without taking the lock: this is safe in a signal handler that may have
        interrupted `put`, and a timed wait on a lock never ends under libfaketime."""
        deadline = time.monotonic() + timeout
        while not self.idle:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.005)
        return True

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._jobs:
                    self._job_waiting.wait()
                work, future = self._jobs.popleft()
            try:
                if future.set_running_or_notify_cancel():
                    try:
                        future.set_result(work())
                    except BaseException as err:  # noqa: BLE001 - handed to whoever asked
                        future.set_exception(err)
            finally:
                with self._lock:
                    self._unfinished -= 1
