"""instruction: any other practice, as text with an optional timer."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coach.routine.kinds import Number
from coach.routine.record import Finding, option
from coach.routine.steps.base import Step, register


@register
@dataclass(frozen=True, kw_only=True)
class InstructionStep(Step):
    type_name = "instruction"
    typical_seconds = 60
    default_title = "A moment for you"
    summary = ("Anything else (a glass of water, daylight, stretching): your text, with an "
               "optional countdown.")

    seconds: int | None = option(Number(1, 3600, whole=True, unit="seconds"),
                                 "Show a countdown of this many seconds.", default=None)

    def check(self) -> Iterable[Finding]:
        if not self.text:
            yield "text", "an instruction step needs 'text': what to do", "error"
