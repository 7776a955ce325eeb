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

PACER_WIDTH = 40  # cells at full breath; the shape keeps its size at any terminal width


class BreathingWidget(TimedExerciseWidget):
    step_type = "breathing"
    step: BreathingStep

    def build_timeline(self) -> Timeline:
        if self.step.cycles is not None:
            return breathing_timeline(self.step.pattern, cycles=self.step.cycles)
        return breathing_timeline(self.step.pattern, seconds=self.step.length_seconds)

    def cells(self, position: Position) -> int:
        return math.floor(breath_level(position) * PACER_WIDTH + 0.5)

    def display_key(self, position: Position) -> Any:
        cells = None if self.env.reduced_motion else self.cells(position)
        return (position.index, math.ceil(position.remaining_in_segment - 1e-9), cells)

    def next_visual_change(self, elapsed: float) -> float | None:
        boundary = super().next_visual_change(elapsed)
        position = self.timeline.at(elapsed)
        segment = position.segment
        if boundary is None or segment is None or self.env.reduced_motion:
            return boundary
        cells = self.cells(position)
        if segment.kind == "inhale" and cells < PACER_WIDTH:
            progress = (cells + 0.5) / PACER_WIDTH
        elif segment.kind == "exhale" and cells > 0:
            progress = 1 - (cells - 0.5) / PACER_WIDTH
        else:
            return boundary
        return min(boundary, segment.start + progress * segment.duration)

    def display(self, position: Position) -> Content:
        segment = position.segment
        assert segment is not None
        count = math.ceil(position.remaining_in_segment - 1e-9)
        phase = Content.styled(PHASE_NAMES[segment.kind], "bold")
        lines = [phase, Content(str(count))]
        if not self.env.reduced_motion:
            width = self.cells(position)
            pad = " " * ((PACER_WIDTH - width) // 2)
            bar = Content.styled(pad + "█" * width + pad, "$accent")
            lines = [phase, Content(""), bar, bar, bar, Content(""), Content(str(count))]
        pattern = self.step.pattern
        shape = pattern.describe()
        name = {"custom": f"your pattern {shape}", shape: shape}.get(pattern.name,
                                                                     f"{pattern.name} {shape}")
        lines.append(Content.styled(f"Breath {segment.round + 1} of {self.timeline.rounds} · "
                                    f"{name}", "dim"))
        return Content("\n").join(lines)

    def extra_result(self) -> dict[str, Any]:
        position = self.timeline.at(self.watch.elapsed())
        done = self.timeline.rounds if position.finished else (
            position.segment.round if position.segment else 0)
        return {"pattern": self.step.pattern.name, "breaths": done}
