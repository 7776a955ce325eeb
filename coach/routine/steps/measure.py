"""measure: a number with a unit and a target, such as hours slept (at least 7) or cups
of coffee (at most 3)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from coach.foundation.visible import quoted
from coach.foundation.measures import AT_LEAST, AT_MOST, number_text, with_unit
from coach.routine.kinds import Number, Text
from coach.routine.record import Finding, option
from coach.routine.steps.base import Step, register

#: Far beyond any habit's number, and well inside what every JSON reader keeps exactly.
_BOUND = 1_000_000_000
_ANY_NUMBER = Number(-_BOUND, _BOUND)


@register
@dataclass(frozen=True, kw_only=True)
class MeasureStep(Step):
    type_name = "measure"
    typical_seconds = 20
    default_title = "A number"
    summary = ("Write down a number against a target, such as hours slept (at least 7) or "
               "cups of coffee (at most 3).")

    label: str = option(Text(60), 'What is measured, e.g. "Hours slept".', required=True,
                        default="")
    unit: str = option(Text(20), 'The unit shown after the number, e.g. "hours". Optional.',
                       default="")
    at_least: float | None = option(_ANY_NUMBER, "The target to reach or go beyond, e.g. 7 "
                                    "(hours slept). Give at_least or at_most.", default=None)
    at_most: float | None = option(_ANY_NUMBER, "The target to stay at or under, e.g. 3 "
                                   "(cups of coffee). Give at_least or at_most.", default=None)
    step: float = option(Number(0.001, _BOUND), "How much the up and down arrows change the "
                         "number.", default=1)
    min: float = option(_ANY_NUMBER, "The smallest number that can be entered.", default=0)
    max: float | None = option(_ANY_NUMBER, "The largest number that can be entered. "
                               "Optional.", default=None)

    def check(self) -> Iterable[Finding]:
        if self.at_least is None and self.at_most is None:
            yield "label", ("give a target: at_least (e.g. at_least: 7 for hours slept) or "
                            "at_most (e.g. at_most: 3 for cups of coffee)"), "error"
        elif self.at_least is not None and self.at_most is not None:
            yield "at_most", "give at_least or at_most, not both", "error"
        if self.max is not None and self.max <= self.min:
            yield "max", f"max must be more than min ({number_text(self.min)})", "error"
        elif self.target is not None and not self.lowest <= self.target <= self.highest:
            key = "at_least" if self.at_least is not None else "at_most"
            yield key, (f"the target {number_text(self.target)} is outside the numbers that can be "
                        f"entered ({number_text(self.lowest)} to {number_text(self.highest)})"), "error"

    def title_by_default(self) -> str:
        return self.label or self.default_title

    @property
    def target(self) -> float | None:
        return self.at_least if self.at_least is not None else self.at_most

    @property
    def direction(self) -> str:
        return AT_MOST if self.at_most is not None else AT_LEAST

    @property
    def lowest(self) -> float:
        return self.min

    @property
    def highest(self) -> float:
        return self.max if self.max is not None else _BOUND

    def target_text(self) -> str:
        """"at least 7 hours", "at most 3 cups"."""
        return f"{self.direction} {with_unit(self.target or 0, self.unit)}"

    def problem_with(self, value: float) -> str | None:
        """Why a number cannot be kept for this step, or None."""
        if value < self.lowest:
            return f"The number is at least {number_text(self.lowest)}{self._unit}; {number_text(value)} is below."
        if value > self.highest:
            return f"The number is at most {number_text(self.highest)}{self._unit}; {number_text(value)} is above."
        return None

    @property
    def _unit(self) -> str:
        return f" {self.unit}" if self.unit else ""

    def data(self, value: float) -> dict[str, object]:
        """What a done record of this step holds for `value`."""
        return {"value": value, "unit": self.unit, "target": self.target,
                "direction": self.direction}


_TYPED_NUMBER = re.compile(r"[+-]?(\d+([.,]\d*)?|[.,]\d+)")
#: Longer than any number a person types for a habit: text beyond it is not read.
TYPED_NUMBER_LENGTH = 20


def read_number(text: str) -> float:
    """A number as a person types it: "7.5", "7,5", "-2", " 8 ". ValueError says, kindly,
    what could not be read."""
    raw = text.strip().replace("\u2212", "-")
    if not raw:
        raise ValueError("Type a number, such as 7 or 7.5.")
    if len(raw) > TYPED_NUMBER_LENGTH or not _TYPED_NUMBER.fullmatch(raw):
        raise ValueError(f"{quoted(raw, TYPED_NUMBER_LENGTH)} is not a number coach can read; "
                         "type digits, with a point or a comma before any decimals "
                         "(7.5 or 7,5).")
    return float(raw.replace(",", "."))
