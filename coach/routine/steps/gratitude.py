"""gratitude: write down a few specific things you are grateful for."""

from __future__ import annotations

from dataclasses import dataclass

from coach.routine.kinds import Number
from coach.routine.record import option
from coach.routine.steps.base import Step, register

_NUMBER_WORDS = ("One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")


def good_things(count: int) -> str:
    """"One good thing", "Two good things", ...: a title that says how many."""
    if count == 1:
        return "One good thing"
    word = _NUMBER_WORDS[count - 1] if 1 <= count <= len(_NUMBER_WORDS) else str(count)
    return f"{word} good things"


@register
@dataclass(frozen=True, kw_only=True)
class GratitudeStep(Step):
    type_name = "gratitude"
    typical_seconds = 120
    default_title = "Three good things"
    summary = "Write down things you are grateful for, one per line."

    count: int = option(Number(1, 10, whole=True), "How many things to write down.", default=3)

    def title_by_default(self) -> str:
        return good_things(self.count)
