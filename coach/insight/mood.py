"""Mood by day over a range: gaps where there was no check-in, morning and evening apart."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class MoodPoint:
    """The check-ins of one routine day (0-10); None where there was none."""

    day: date
    morning: float | None
    evening: float | None
    #: Of every rating that day.
    average: float | None
