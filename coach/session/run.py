"""A routine being run: the current step, and the outcome of every step done or skipped.

Pure state: the UI asks what to show and reports what the person did; the
caller stores each outcome as it happens.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from coach.routine.model import Routine
from coach.routine.steps import Step
# The outcome's home is coach.foundation.values, so that the store need not load the session.
from coach.foundation.values import Status, StepOutcome

__all__ = ["RoutineRun", "Status", "StepOutcome"]


class RoutineRun:
    def __init__(self, routine: Routine, earlier: dict[str, StepOutcome] | None = None,
                 session_id: str | None = None, *, again: bool = False) -> None:
        """`earlier` holds outcomes already stored today; the run resumes after them, in the
        same session (`session_id`), so finishing it closes what was begun. `again`: the
        routine was already finished today, before this run."""
        self.routine = routine
        self.again = again
        self.session_id = session_id or uuid.uuid4().hex
        self.outcomes: dict[str, StepOutcome] = dict(earlier or {})
        #: The time spent on the steps before a resume: the routine's clock goes on from it.
        self.earlier_seconds = sum(max(0.0, (o.ended - o.started).total_seconds())
                                   for o in self.outcomes.values())
        self.index = self.first_open_index()

    @property
    def steps(self) -> tuple[Step, ...]:
        return self.routine.steps

    def first_open_index(self) -> int:
        for index, step in enumerate(self.steps):
            if not self.settled(step.id):
                return index
        return len(self.steps)

    def settled(self, step_id: str) -> bool:
        """Whether the step was done or skipped (a draft is still open)."""
        outcome = self.outcomes.get(step_id)
        return outcome is not None and outcome.status != "draft"

    @property
    def settled_count(self) -> int:
        """The steps done or skipped in this run."""
        return sum(1 for step in self.steps if self.settled(step.id))

    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if self.index < len(self.steps) else None

    @property
    def finished(self) -> bool:
        return self.index >= len(self.steps)

    @property
    def done_count(self) -> int:
        return sum(1 for o in self.outcomes.values() if o.status == "done")

    @property
    def resumed(self) -> bool:
        return any(step.id in self.outcomes for step in self.steps)

    def position_label(self) -> str:
        shown = min(self.index + 1, len(self.steps))
        return f"Step {shown} of {len(self.steps)}"

    def finish_step(self, status: Status, started: datetime, ended: datetime,
                    data: dict[str, Any] | None = None) -> StepOutcome:
        step = self.current
        if step is None:
            raise RuntimeError("the routine is already finished")
        outcome = StepOutcome(step.id, step.type_name, status, started, ended, dict(data or {}))
        self.outcomes[step.id] = outcome
        if status != "draft":  # a draft stays the step to go on from
            self.index += 1
        return outcome

    def keep_current(self) -> None:
        """Move on from a step whose earlier outcome stands (nothing new was given)."""
        if self.current is not None:
            self.index += 1

    def back(self) -> bool:
        """Go to the previous step (its outcome stays until it is done again)."""
        if self.index == 0:
            return False
        self.index -= 1
        return True

    def outcome_of_type(self, step_type: str) -> StepOutcome | None:
        """The last done outcome of a step type in this run (e.g. today's mood)."""
        for step in reversed(self.steps):
            outcome = self.outcomes.get(step.id)
            if outcome and outcome.step_type == step_type and outcome.status == "done":
                return outcome
        return None
