"""Running a routine: which step is current, what each finished step produced."""

from coach.session.run import RoutineRun, StepOutcome

__all__ = ["RoutineRun", "StepOutcome"]
