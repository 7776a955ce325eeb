"""Measure: a number typed against a target ("Hours slept", at least 7 hours), the arrows
changing it by the step's size."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Static

from coach.foundation.measures import number_text
from coach.routine.steps.measure import TYPED_NUMBER_LENGTH, MeasureStep, read_number
from coach.tui.steps.base import StepWidget
from coach.tui.text import literal
from coach.tui.widgets.fields import Entry


class NumberEntry(Entry):
    """The number's field: up and down add or take away the step's size."""

    BINDINGS = [Binding("up", "change(1)", "More", show=False),
                Binding("down", "change(-1)", "Less", show=False)]

    def action_change(self, sign: int) -> None:
        step = next((a for a in self.ancestors if isinstance(a, MeasureWidget)), None)
        if step is not None:
            step.change_by(sign)


class MeasureWidget(StepWidget):
    step_type = "measure"
    step: MeasureStep

    def compose(self) -> ComposeResult:
        step = self.step
        text = step.text or f"Your target: {step.target_text()}."
        yield Static(literal(text), classes="step-text")
        yield Horizontal(
            NumberEntry(placeholder="number", id="measure-value", classes="entry measure-entry",
                        limit=TYPED_NUMBER_LENGTH, field_name="the number", compact=True),
            Static(literal(step.unit, one_line=True), classes="measure-unit"),
            classes="measure-row")
        size = number_text(step.step)
        yield Static(f"Up and down change it by {size}; a point or a comma for decimals. "
                     "Enter keeps it.", classes="hint")

    def _field(self) -> NumberEntry:
        return self.query_one("#measure-value", NumberEntry)

    def _typed(self) -> str:
        return self._field().value_to_save.strip()

    def change_by(self, sign: int) -> None:
        """One step up or down from what is typed (from the target when nothing is, or what
        is typed cannot be read), kept between the lowest and highest number."""
        step = self.step
        try:
            now = read_number(self._typed())
        except ValueError:
            now = None
        value = (step.target or 0) if now is None else now + sign * step.step
        value = min(step.highest, max(step.lowest, round(value, 6)))
        field = self._field()
        field.value = number_text(value)
        field.cursor_position = len(field.value)
        self.show_problems(self.every_problem(), only=field)

    def restore(self, data: dict[str, Any]) -> None:
        value = data.get("value")
        if isinstance(value, int | float) and not isinstance(value, bool):
            self._field().show_saved(number_text(value))

    def problems(self) -> list[tuple[Widget | None, str]]:
        typed = self._typed()
        if not typed:
            return []
        try:
            problem = self.step.problem_with(read_number(typed))
        except ValueError as err:
            problem = str(err)
        return [(self._field(), problem)] if problem else []

    def result(self) -> dict[str, Any] | None:
        typed = self._typed()
        if not typed:
            return None
        try:
            value = read_number(typed)
        except ValueError:
            return None  # said by problems(): Next waits until it can be read
        return self.step.data(value)
