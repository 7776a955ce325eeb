"""5-4-3-2-1 grounding: one sense at a time, each thing named in turn."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from coach.practice.prompts import GROUNDING_SENSES
from coach.routine.steps.grounding import GroundingStep
from coach.routine.steps import Step
from coach.tui.steps.base import StepEnv, StepWidget
from coach.tui.text import literal
from coach.tui.widgets.fields import entry


class GroundingWidget(StepWidget):
    step_type = "grounding"
    step: GroundingStep

    def __init__(self, step: Step, env: StepEnv) -> None:
        super().__init__(step, env)
        self.sense_index = 0
        self.answers: dict[str, list[str]] = {sense: [] for sense, _, _ in GROUNDING_SENSES}

    def compose(self) -> ComposeResult:
        text = self.step.text or "Bring yourself back to the present, one sense at a time."
        yield Static(literal(text), classes="step-text")
        yield Static(id="sense", classes="question")
        yield entry("Type one thing and press Enter", id="grounding-entry")
        yield Static(id="named")

    def on_mount(self) -> None:
        self._refresh_sense()

    def _refresh_sense(self) -> None:
        sense, count, prompt = GROUNDING_SENSES[self.sense_index]
        given = self.answers[sense]
        self.query_one("#sense", Static).update(Content.assemble(
            (prompt, "bold"), (f"  {len(given)} of {count}", "dim")))
        lines = []
        for name, _, _ in GROUNDING_SENSES:
            if self.answers[name]:
                lines.append(Content.assemble((f"{name}: ", "dim"),
                                              Content(", ").join(literal(a) for a in self.answers[name])))
        self.query_one("#named", Static).update(Content("\n").join(lines))

    def field_submitted(self, field: Input) -> Awaitable[None] | None:
        text = field.value.strip()
        field.value = ""
        if text:
            sense, count, _ = GROUNDING_SENSES[self.sense_index]
            self.answers[sense].append(text)
            if len(self.answers[sense]) < count:
                self._refresh_sense()
                return None
        if not self.next_stage():
            return self.advance()
        return None

    def next_stage(self) -> bool:
        if self.sense_index + 1 < len(GROUNDING_SENSES):
            self.sense_index += 1
            self._refresh_sense()
            return True
        return False

    def restore(self, data: dict[str, Any]) -> None:
        for sense in self.answers:
            if isinstance(data.get(sense), list):
                self.answers[sense] = [str(item) for item in data[sense]]
        self._refresh_sense()

    def result(self) -> dict[str, Any] | None:
        answered = {sense: items for sense, items in self.answers.items() if items}
        return answered or None
