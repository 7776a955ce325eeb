"""Gratitude: a line for each thing."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from coach.routine.steps.gratitude import GratitudeStep
from coach.store.records import texts
from coach.tui.steps.base import StepWidget
from coach.tui.text import literal
from coach.tui.widgets.fields import Entry, entry


class GratitudeWidget(StepWidget):
    step_type = "gratitude"
    step: GratitudeStep

    def compose(self) -> ComposeResult:
        text = self.step.text or ("Write down things you are grateful for today. "
                                  "Specific beats general: 'the call with my sister', not 'family'.")
        yield Static(literal(text), classes="step-text")
        for number in range(1, self.step.count + 1):
            # The number is a label, not a placeholder: it stays while the line is written.
            yield Horizontal(Static(f"{number}.", classes="field-number"),
                             entry("", id=f"thing-{number}", classes="numbered",
                                   field_name=f"thing {number}"),
                             classes="numbered-row")

    def restore(self, data: dict[str, Any]) -> None:
        for field, item in zip(self.query(Entry), texts(data.get("items"))):
            field.show_saved(item)

    def result(self) -> dict[str, Any] | None:
        items = [i.value_to_save.strip() for i in self.query(Entry) if i.value_to_save.strip()]
        return {"items": items} if items else None
