"""check: a self-check with a validated questionnaire, the PHQ-9 (mood) or the GAD-7 (anxiety)."""

from __future__ import annotations

from dataclasses import dataclass

from coach.practice.questionnaires import FORMS, Form
from coach.routine.kinds import Choice
from coach.routine.record import option
from coach.routine.steps.base import Step, register


@register
@dataclass(frozen=True, kw_only=True)
class CheckStep(Step):
    type_name = "check"
    typical_seconds = 180
    default_title = "Self-check"
    summary = ("Answer the PHQ-9 (mood) or the GAD-7 (anxiety) item by item, and see the "
               "total with its range: a self-check to bring to a professional.")

    form: Form = option(Choice(dict(FORMS), "phq9 or gad7"),
                        "The questionnaire: phq9 (mood, 9 items) or gad7 (anxiety, 7 items).",
                        required=True, default=FORMS["phq9"])

    def title_by_default(self) -> str:
        return f"Self-check: {self.form.name} ({self.form.about})"
