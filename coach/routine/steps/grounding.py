"""grounding: the 5-4-3-2-1 senses exercise."""

from __future__ import annotations

from dataclasses import dataclass

from coach.routine.steps.base import Step, register


@register
@dataclass(frozen=True, kw_only=True)
class GroundingStep(Step):
    type_name = "grounding"
    typical_seconds = 120
    default_title = "Grounding: 5-4-3-2-1"
    summary = "Name 5 things you see, 4 you can touch, 3 you hear, 2 you smell, 1 you taste."
