"""Affirmations: read slowly."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from coach.routine.steps.affirmation import AffirmationStep
from coach.tui.steps.base import StepWidget
from coach.tui.text import literal


class AffirmationWidget(StepWidget):
    step_type = "affirmation"
    step: AffirmationStep

    def compose(self) -> ComposeResult:
        text = self.step.text or "Read each one slowly, perhaps aloud."
        yield Static(literal(text), classes="step-text")
        lines = [Content.assemble(("  ", ""), literal(t).stylize("italic")) for t in self.step.texts]
        yield Static(Content("\n\n").join(lines), classes="affirmations")

    def result(self) -> dict[str, Any] | None:
        return {"texts": list(self.step.texts)}
