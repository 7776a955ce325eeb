"""gratitude: write down a few specific things you are grateful for."""

from __future__ import annotations

from dataclasses import dataclass

from coach.routine.kinds import Number
from coach.routine.record import option
from coach.routine.steps.base import Step, register


@register
@dataclass(frozen=True, kw_only=True)
class GratitudeStep(Step):
    type_name = "gratitude"
    typical_seconds = 120
    default_title = "Three good things"
    summary = "Write down things you are grateful for, one per line."

    count: int = option(Number(1, 10, whole=True), "How many things to write down.", default=3)
