"""The breathing pacer: a shape that grows on the in-breath, holds, and shrinks on the out-breath."""

from __future__ import annotations

import math
from typing import Any

from textual.content import Content

from coach.practice.timeline import (
    PHASE_NAMES,
    Position,
    Timeline,
    breath_level,
    breathing_timeline,
)
from coach.routine.steps.breathing import BreathingStep
from coach.tui.steps.timed import TimedExerciseWidget

PACER_STEPS = 20  # the pacer grows by one cell at each end, 20 times per breath
PACER_WIDTH = 2 * PACER_STEPS  # cells at full breath, at any terminal width


class BreathingWidget(TimedExerciseWidget):
    step_type = "breathing"
    step: BreathingStep

    def build_timeline(self) -> Timeline:
        if self.step.cycles is not None:
            return breathing_timeline(self.step.pattern, cycles=self.step.cycles)
        return breathing_timeline(self.step.pattern, seconds=self.step.length_seconds)

    parts = ("phase", "pacer", "count", "info")

    def cells(self, position: Position) -> int:
        """Cells of the pacer lit: it grows one cell at each end, so always an even count."""
        return 2 * math.floor(breath_level(position) * PACER_STEPS + 0.5)

    def next_visual_change(self, elapsed: float) -> float | None:
        boundary = super().next_visual_change(elapsed)
        position = self.timeline.at(elapsed)
        segment = position.segment
        if boundary is None or segment is None or self.env.reduced_motion:
            return boundary
        steps = self.cells(position) // 2
        if segment.kind == "inhale" and steps < PACER_STEPS:
            progress = (steps + 0.5) / PACER_STEPS
        elif segment.kind == "exhale" and steps > 0:
            progress = 1 - (steps - 0.5) / PACER_STEPS
        else:
            return boundary
        change = segment.start + progress * segment.duration
        if change <= elapsed + 1e-9:  # exactly on a cell boundary: the next one
            change += segment.duration / PACER_STEPS
        return min(boundary, change)

    def draw(self, position: Position) -> dict[str, Content]:
        segment = position.segment
        assert segment is not None
        shape = self.step.pattern.describe()
        name = {"custom": f"your pattern {shape}", shape: shape}.get(
            self.step.pattern.name, f"{self.step.pattern.name} {shape}")
        parts = {
            "phase": Content.styled(PHASE_NAMES[segment.kind], "bold"),
            "count": Content(str(math.ceil(position.remaining_in_segment - 1e-9))),
            "info": Content.styled(f"Breath {segment.round + 1} of {self.timeline.rounds} · "
                                   f"{name}", "dim"),
        }
        if not self.env.reduced_motion:
            lit = self.cells(position)
            pad = " " * ((PACER_WIDTH - lit) // 2)
            row = Content.styled(pad + "█" * lit + pad, "$accent")
            parts["pacer"] = Content("\n").join([row, row, row])
        return parts

    def extra_result(self) -> dict[str, Any]:
        position = self.timeline.at(self.stopwatch.elapsed())
        done = self.timeline.rounds if position.finished else (
            position.segment.round if position.segment else 0)
        return {"pattern": self.step.pattern.name, "breaths": done}
