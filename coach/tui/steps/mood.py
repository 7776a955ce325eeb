"""Mood check-in: 0-10, words for the feeling, a short note."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Static

from coach.routine.steps.mood import MoodStep
from coach.store.records import texts
from coach.tui.steps.base import StepWidget
from coach.tui.text import literal
from coach.tui.widgets.chips import Chips
from coach.tui.widgets.fields import Entry, entry
from coach.tui.widgets.rating import Rating


class MoodWidget(StepWidget):
    step_type = "mood"
    step: MoodStep

    def compose(self) -> ComposeResult:
        text = self.step.text or "How is your mood right now? 0 is the worst you have felt, 10 the best."
        yield Static(literal(text), classes="step-text")
        yield Rating("worst", "best", id="mood-rating")
        if self.step.feelings:
            yield Static("Words for the feeling (optional)", classes="question")
            yield Chips(self.step.feelings, id="feelings")
        if self.step.note:
            yield entry("A note, if you like", id="mood-note", field_name="your note")

    def restore(self, data: dict[str, Any]) -> None:
        rating = data.get("rating")
        if isinstance(rating, int) and 0 <= rating <= 10:
            self.query_one(Rating).value = rating
        if self.step.feelings:
            chips = self.query_one(Chips)
            chosen = set(texts(data.get("feelings")))
            chips.chosen = frozenset(i for i, w in enumerate(self.step.feelings) if w in chosen)
        if self.step.note and data.get("note"):
            self.query_one("#mood-note", Entry).show_saved(data["note"])

    def missing(self) -> list[tuple[Widget, str]]:
        rating = self.query_one(Rating)
        if rating.value is not None:
            return []
        skip = "leaves the number out and keeps your words" if self.kept_on_skip() else \
            "leaves this check-in out"
        return [(rating, "Choose a number from 0 to 10 first. If you would rather not rate "
                         f"your mood now, Skip (^s) {skip}.")]

    def kept_on_skip(self) -> dict[str, Any] | None:
        """Words chosen or a note written, without a number: kept, the number left out."""
        if self.query_one(Rating).value is not None:
            return None
        return self.result()

    def result(self) -> dict[str, Any] | None:
        rating = self.query_one(Rating).value
        feelings = self.query_one(Chips).selected() if self.step.feelings else []
        note = self.query_one("#mood-note", Entry).value_to_save.strip() if self.step.note else ""
        if rating is None and not feelings and not note:
            return None
        data: dict[str, Any] = {"rating": rating, "feelings": feelings}
        if note:
            data["note"] = note
        return data
