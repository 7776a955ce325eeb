"""One thread that writes saves one at a time, in the order they were asked for.

An app saves from its event loop, where waiting on a slow disk would stall the breathing
pacer, so saves go to a thread. A single thread takes them in order, so the last state of
a step is the one kept. The writer belongs to whoever runs the event loop, not to the part
of the screen that asked: a screen that closes right after saving (a finished routine
giving way to its summary) must not take its unwritten saves with it.

A save that fails for a reason that can pass (the disk is full, a drive went away) is not
dropped: the writer stops at it, keeps it and everything after it in order, and tries it
again when asked (`retry`, or any new save) until it lands. Whoever owns the writer is
told when it falls behind and when it has caught up, and can take the records still
waiting (`waiting_records`) to keep them elsewhere.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass
class _Job:
    work: Callable[[], Any]
    future: Future[Any]
    #: Tried again after an error that can pass, rather than given up.
    again: bool
    #: The record the work stores, if it stores one: kept elsewhere if it never lands.
    record: dict[str, Any] | None


def never_again(_err: BaseException) -> bool:
    return False


class Writer:
    """Runs the work it is given in a thread of its own, oldest first, each to the end."""

    def __init__(self, name: str = "coach-saves", *,
                 passing: Callable[[BaseException], bool] = never_again,
                 behind: Callable[[BaseException | None], object] | None = None) -> None:
        """`passing(err)`: whether a job that failed so can be tried again later.
        `behind(err)` is called, in the writer's thread, when a job stops the line (with
        its error) and when the line moves again (None)."""
        self._name = name
        self._passing = passing
        self._behind = behind
        self._jobs: deque[_Job] = deque()
        self._lock = threading.Lock()
        self._job_waiting = threading.Condition(self._lock)
        self._thread: threading.Thread | None = None
        #: Jobs asked for and not yet finished (waiting or being written).
        self._unfinished = 0
        #: Held while any job is unfinished: taken by the first job after an idle spell,
        #: given back by the writer when the last one ends (see wait_idle).
        self._busy = threading.Lock()
        #: The error that stopped the line at its first job, while it waits to try again.
        self.stalled: BaseException | None = None
        self._try_again = False
        #: Whether the thread ends once it has nothing it can do (see close).
        self._closing = False

    def put(self, work: Callable[[], T], *, again: bool = False,
            record: dict[str, Any] | None = None) -> Future[T]:
        """Run `work` after everything put before it; its result or error, when it ends.
        With `again`, an error that can pass stops the line until the work is done."""
        future: Future[T] = Future()
        with self._lock:
            self._jobs.append(_Job(work, future, again, record))
            if self._unfinished == 0:
                self._busy.acquire()
            self._unfinished += 1
            self._try_again = True
            if self._thread is None:
                # A daemon: a disk that never answers must not keep coach from ending.
                # Whoever ends the process waits for the writes first (see wait_idle).
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
            self._job_waiting.notify()
        return future

    def retry(self) -> None:
        """Try the job that stopped the line again now."""
        with self._lock:
            self._try_again = True
            self._job_waiting.notify()

    def waiting_records(self) -> list[dict[str, Any]]:
        """The records of the jobs not yet done, oldest first."""
        with self._lock:
            return [job.record for job in self._jobs if job.record is not None]

    @property
    def idle(self) -> bool:
        """Whether every save asked for has been written (or has failed)."""
        return self._unfinished == 0

    def wait_idle(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for every save to be written; whether they were.

        It waits on `_busy` alone, never on the lock `put` holds: it is called from signal
        handlers, which may have interrupted `put` in the same thread. Every wait is timed,
        so even a handler that interrupted another wait_idle goes on after `timeout`."""
        if not self._busy.acquire(timeout=max(timeout, 0)):  # -1 would mean for ever
            return False
        self._busy.release()
        return True

    def close(self) -> None:
        """Let the thread end once every save asked for is written; at once if the line is
        stopped at a save the disk will not take (whoever owns the writer keeps what waits,
        see waiting_records). It does not wait: see wait_idle. A save asked for later
        starts a thread again, which ends as soon as it is idle."""
        with self._lock:
            self._closing = True
            self._job_waiting.notify()

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._jobs or (self.stalled is not None and not self._try_again):
                    if self._closing:
                        self._thread = None
                        return
                    self._job_waiting.wait()
                self._try_again = False
                job = self._jobs[0]  # stays first until it is done or given up
            # A job tried again is running already; one cancelled before it ran is not run.
            if not job.future.running() and not job.future.set_running_or_notify_cancel():
                self._done_with()
                continue
            try:
                result = job.work()
            except BaseException as err:  # noqa: BLE001 - handed to whoever asked
                if job.again and self._passing(err):
                    self._stop_line(err)
                    continue
                job.future.set_exception(err)
            else:
                job.future.set_result(result)
            self._done_with()

    def _stop_line(self, err: BaseException) -> None:
        first = self.stalled is None
        with self._lock:
            self.stalled = err
        if first and self._behind is not None:
            self._behind(err)

    def _done_with(self) -> None:
        with self._lock:
            self._jobs.popleft()
            self._unfinished -= 1
            if self._unfinished == 0:
                self._busy.release()
            was_stalled, self.stalled = self.stalled, None
        if was_stalled is not None and self._behind is not None:
            self._behind(None)
