"""Instruction: the person's own text, with a countdown when the step gives seconds."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.widgets import Static

from coach.practice.timeline import Position, Timeline, countdown_timeline
from coach.routine.steps.instruction import InstructionStep
from coach.tui.steps.timed import TimedExerciseWidget


class InstructionWidget(TimedExerciseWidget):
    step_type = "instruction"
    step: InstructionStep

    @property
    def timed(self) -> bool:  # type: ignore[override]  # a property: only with seconds
        return self.step.seconds is not None

    def build_timeline(self) -> Timeline:
        return countdown_timeline(self.step.seconds or 0)

    def on_mount(self) -> None:
        if self.step.seconds is None:
            self.stage = "finished"
            self._show_stage()
            self.query_one("#exercise-hint", Static).update(
                Content.styled("Enter when you are ready to go on", "dim"))
            return
        super().on_mount()

    def draw(self, position: Position) -> dict[str, Content]:
        minutes, seconds = divmod(int(-(-position.remaining_in_segment // 1)), 60)
        return {"main": Content.styled(f"{minutes}:{seconds:02d}", "bold")}

    def finished_display(self) -> Content:
        return Content.styled("Time is up.", "bold") if self.step.seconds else Content("")

    def result(self) -> dict[str, Any] | None:
        if self.step.seconds is None:
            return {}
        return super().result()
