"""Time sources: every timer in coach reads a clock it is given, so tests can use a fake one."""

from __future__ import annotations

import time
from typing import Protocol


class Clock(Protocol):
    def __call__(self) -> float:
        """Seconds on a monotonic scale; only differences matter."""
        ...


def system_clock() -> float:
    return time.monotonic()


class Stopwatch:
    """Elapsed running time that can be paused and resumed, read from `clock`."""

    def __init__(self, clock: Clock = system_clock) -> None:
        self._clock = clock
        self._started: float | None = None
        self._paused_at: float | None = None
        self._paused_total = 0.0

    def start(self) -> None:
        self._started = self._clock()
        self._paused_at = None
        self._paused_total = 0.0

    @property
    def running(self) -> bool:
        return self._started is not None and self._paused_at is None

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    def pause(self) -> None:
        if self.running:
            self._paused_at = self._clock()

    def resume(self) -> None:
        if self._paused_at is not None:
            self._paused_total += self._clock() - self._paused_at
            self._paused_at = None

    def elapsed(self) -> float:
        if self._started is None:
            return 0.0
        now = self._paused_at if self._paused_at is not None else self._clock()
        return now - self._started - self._paused_total

    def clock_time_at(self, elapsed: float) -> float:
        """The clock reading at which `elapsed` running seconds will have passed."""
        if self._started is None:
            raise RuntimeError("the stopwatch has not started")
        return self._started + self._paused_total + elapsed
