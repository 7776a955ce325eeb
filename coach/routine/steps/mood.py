"""mood: a 0-10 check-in with optional feeling words and a note."""

from __future__ import annotations

from dataclasses import dataclass

from coach.practice.prompts import FEELING_WORDS
from coach.routine.kinds import Flag, ListOf, Text
from coach.routine.record import option
from coach.routine.steps.base import Step, register


@register
@dataclass(frozen=True, kw_only=True)
class MoodStep(Step):
    type_name = "mood"
    typical_seconds = 60
    default_title = "Mood check-in"
    summary = "Rate your mood 0 (worst) to 10 (best), pick words for the feeling, add a note."

    feelings: tuple[str, ...] = option(ListOf(Text(30), max_items=40),
                                       "Feeling words to choose from.", default=FEELING_WORDS)
    note: bool = option(Flag(), "Offer a line for a short note.", default=True)
