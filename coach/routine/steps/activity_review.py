"""activity_review: look back at today's planned activities."""

from __future__ import annotations

from dataclasses import dataclass

from coach.routine.kinds import Flag
from coach.routine.record import option
from coach.routine.steps.base import Step, register


@register
@dataclass(frozen=True, kw_only=True)
class ActivityReviewStep(Step):
    type_name = "activity_review"
    typical_seconds = 120
    default_title = "How did it go?"
    summary = ("Mark each activity planned today as done or not, and rate the actual "
               "pleasure and sense of achievement 0-10.")

    ask_mastery: bool = option(Flag(), "Also rate the sense of achievement (mastery) 0-10.",
                               default=True)
