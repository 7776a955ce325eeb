"""Progressive muscle relaxation: tense, release, next group; then a quiet close."""

from __future__ import annotations

import math
from typing import Any

from textual.content import Content

from coach.practice.timeline import Position, Timeline, pmr_timeline
from coach.routine.steps.pmr import PmrStep
from coach.tui.steps.timed import TimedExerciseWidget
from coach.tui.text import literal


class PmrWidget(TimedExerciseWidget):
    step_type = "pmr"
    step: PmrStep

    def build_timeline(self) -> Timeline:
        step = self.step
        return pmr_timeline(step.groups, step.tense_seconds, step.release_seconds,
                            step.closing_seconds)

    parts = ("heading", "what", "count")

    def draw(self, position: Position) -> dict[str, Content]:
        segment = position.segment
        assert segment is not None
        count = Content(str(math.ceil(position.remaining_in_segment - 1e-9)))
        if segment.kind == "closing":
            return {"heading": Content.styled("Rest", "bold"), "count": count,
                    "what": Content("Stay still and notice how relaxed your body feels now.")}
        group = segment.subject
        heading = Content.assemble((f"Group {segment.round + 1} of {len(self.step.groups)}: ",
                                    "dim"), literal(group.name).stylize("bold"))
        if segment.kind == "tense":
            what = Content.assemble(("Tense  ", "bold $warning"), literal(group.instruction))
        else:
            what = Content.assemble(("Release  ", "bold $success"),
                                    "Let go all at once, and notice the difference.")
        return {"heading": heading, "what": what, "count": count}

    def extra_result(self) -> dict[str, Any]:
        position = self.timeline.at(self.stopwatch.elapsed())
        groups = len(self.step.groups)
        done = groups if position.finished else (position.segment.round if position.segment else 0)
        return {"groups": groups, "groups_done": min(done, groups)}
