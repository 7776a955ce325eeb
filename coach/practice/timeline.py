"""Timelines: timed segments (breathing phases, PMR tense/release, countdowns).

Each segment's start is computed from the timeline's beginning, never by
adding up intervals as they pass, so a long session cannot drift: a UI asks
`at(elapsed)` what to show and `next_change(elapsed)` when to look again.
"""

from __future__ import annotations

import bisect
import math
from dataclasses import dataclass
from typing import Any

from coach.practice.breathing import BreathingPattern
from coach.practice.pmr import MuscleGroup

PHASE_NAMES = {
    "inhale": "Breathe in",
    "hold_in": "Hold",
    "exhale": "Breathe out",
    "hold_out": "Hold",
}


@dataclass(frozen=True)
class Segment:
    kind: str
    start: float
    duration: float
    #: Which repetition (breath or muscle group) this belongs to, from 0.
    round: int = 0
    subject: Any = None

    @property
    def end(self) -> float:
        return self.start + self.duration


@dataclass(frozen=True)
class Position:
    """Where a timeline is at some elapsed time."""

    segment: Segment | None  # None once finished
    index: int
    elapsed_in_segment: float

    @property
    def finished(self) -> bool:
        return self.segment is None

    @property
    def remaining_in_segment(self) -> float:
        return 0.0 if self.segment is None else self.segment.duration - self.elapsed_in_segment

    @property
    def progress(self) -> float:
        """0 to 1 through the current segment."""
        if self.segment is None or self.segment.duration <= 0:
            return 1.0
        return min(1.0, max(0.0, self.elapsed_in_segment / self.segment.duration))


class Timeline:
    def __init__(self, segments: list[Segment]) -> None:
        self.segments = tuple(s for s in segments if s.duration > 0)
        self._starts = [s.start for s in self.segments]

    @property
    def duration(self) -> float:
        return self.segments[-1].end if self.segments else 0.0

    @property
    def rounds(self) -> int:
        return self.segments[-1].round + 1 if self.segments else 0

    def at(self, elapsed: float) -> Position:
        if elapsed >= self.duration or not self.segments:
            return Position(None, len(self.segments), 0.0)
        index = max(0, bisect.bisect_right(self._starts, elapsed) - 1)
        segment = self.segments[index]
        return Position(segment, index, max(0.0, elapsed - segment.start))

    def next_change(self, elapsed: float) -> float | None:
        """The elapsed time of the next segment boundary (or the end), None when finished."""
        if elapsed >= self.duration:
            return None
        index = bisect.bisect_right(self._starts, elapsed)
        return self._starts[index] if index < len(self._starts) else self.duration


def breathing_timeline(pattern: BreathingPattern, *, cycles: int | None = None,
                       seconds: float | None = None) -> Timeline:
    """Whole breaths: a length in seconds is rounded up so the last breath is finished."""
    cycle = pattern.cycle_seconds
    if cycles is None:
        cycles = max(1, math.ceil(round((seconds or 0) / cycle, 6)))
    phases = [("inhale", pattern.inhale), ("hold_in", pattern.hold_in),
              ("exhale", pattern.exhale), ("hold_out", pattern.hold_out)]
    segments = []
    for number in range(cycles):
        offset = number * cycle
        for kind, duration in phases:
            segments.append(Segment(kind, offset, duration, number))
            offset += duration
    return Timeline(segments)


def breath_level(position: Position) -> float:
    """How full the lungs are, 0 to 1: rises on the in-breath, falls on the out-breath."""
    segment = position.segment
    if segment is None:
        return 0.0
    if segment.kind == "inhale":
        return position.progress
    if segment.kind == "hold_in":
        return 1.0
    if segment.kind == "exhale":
        return 1.0 - position.progress
    return 0.0


def pmr_timeline(groups: tuple[MuscleGroup, ...], tense_seconds: float, release_seconds: float,
                 closing_seconds: float) -> Timeline:
    segments = []
    offset = 0.0
    for number, group in enumerate(groups):
        segments.append(Segment("tense", offset, tense_seconds, number, group))
        offset += tense_seconds
        segments.append(Segment("release", offset, release_seconds, number, group))
        offset += release_seconds
    segments.append(Segment("closing", offset, closing_seconds, len(groups)))
    return Timeline(segments)


def countdown_timeline(seconds: float) -> Timeline:
    return Timeline([Segment("countdown", 0.0, seconds)])
