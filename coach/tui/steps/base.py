"""What every step widget shares: the step, the environment, and how it reports a result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from coach.practice.clock import Clock
from coach.routine.steps import Step
from coach.store import Store


@dataclass(frozen=True)
class StepEnv:
    """What a step widget may need beyond its step: time, today, stored history, settings."""

    clock: Clock
    store: Store
    today: date
    reduced_motion: bool = False
    bell: bool = False


class StepWidget(Widget):
    """A widget for one step type. Subclasses set `step_type` and are found by it."""

    DEFAULT_CSS = """
    StepWidget { height: auto; }
    """

    class Advance(Message):
        """The person finished the last field: go on as if Next was pressed."""

    step_type: ClassVar[str] = ""
    #: Timed steps can be paused and resumed.
    timed: ClassVar[bool] = False
    #: Shows what was saved earlier today (the review of today's plan): the runner lets
    #: the saves still being written finish first.
    reads_today: ClassVar[bool] = False

    def __init__(self, step: Step, env: StepEnv) -> None:
        super().__init__()
        self.step = step
        self.env = env

    def next_stage(self) -> bool:
        """Move on inside the step (e.g. from a rating to the exercise); False when done."""
        return False

    def restore(self, data: dict[str, Any]) -> None:
        """Show what was saved for this step before (going back, or resuming)."""

    def problem(self) -> str | None:
        """Why Next cannot go on yet (something typed that cannot be read), else None."""
        return None

    def result(self) -> dict[str, Any] | None:
        """The step's data when Next is pressed; None when nothing was given (a skip)."""
        return {}

    def pause(self) -> None:
        """Pause a timed step."""

    def resume(self) -> None:
        """Resume a timed step."""

    def field_submitted(self, field: Input) -> None:
        """Enter in one of the step's fields (Entry.action_submit), handled while the key
        is: the step's own Input.Submitted handler is called directly, not by a message."""
        submitted = Input.Submitted(field, field.value)
        handler = getattr(self, "on_input_submitted", None)
        if handler is None:
            field.post_message(submitted)
        else:
            handler(submitted)

    def focus_first(self) -> None:
        """Put the keyboard where the person starts."""
        for widget in self.query("*"):
            if widget.focusable:
                widget.focus()
                return
