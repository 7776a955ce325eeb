"""activity_plan: choose activities for today and predict how much you will enjoy them."""

from __future__ import annotations

from dataclasses import dataclass

from coach.practice.prompts import ACTIVITY_SUGGESTIONS
from coach.routine.kinds import ListOf, Number, Text
from coach.routine.record import option
from coach.routine.steps.base import Step, register


@register
@dataclass(frozen=True, kw_only=True)
class ActivityPlanStep(Step):
    type_name = "activity_plan"
    typical_seconds = 180
    default_title = "Plan something you enjoy"
    summary = ("Behavioural activation: pick activities for today, each with a time and a "
               "predicted enjoyment 0-10.")

    max_activities: int = option(Number(1, 5, whole=True), "At most this many activities.",
                                 default=3)
    suggestions: tuple[str, ...] = option(ListOf(Text(80), max_items=50),
                                          "Ideas to choose from, besides ones you planned before.",
                                          default=ACTIVITY_SUGGESTIONS)
