"""affirmation: kind words to read, your own or coach's."""

from __future__ import annotations

from dataclasses import dataclass

from coach.practice.prompts import AFFIRMATIONS
from coach.routine.kinds import ListOf, Text
from coach.routine.record import option
from coach.routine.steps.base import Step, register


@register
@dataclass(frozen=True, kw_only=True)
class AffirmationStep(Step):
    type_name = "affirmation"
    typical_seconds = 45
    default_title = "A kind word"
    summary = "Read a few affirmations slowly, ideally ones written in your own words."

    texts: tuple[str, ...] = option(ListOf(Text(300), max_items=50), "The affirmations.",
                                    default=AFFIRMATIONS)
