"""Journal: a prompt that changes each day, and room to write freely."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from coach.routine.steps.journal import JournalStep
from coach.tui.steps.base import StepWidget
from coach.tui.text import literal
from coach.tui.widgets.fields import KeepsStored
from coach.visible import without_controls

MAX_JOURNAL_CHARACTERS = 20_000


def prompt_for(prompts: tuple[str, ...], day: date) -> str:
    """One prompt a day, in turn, so two days running never share a prompt (with two or more)."""
    return prompts[day.toordinal() % len(prompts)]


class JournalArea(KeepsStored, TextArea):
    """The writing space: control characters are kept out as in every field (fields.py);
    newlines and tabs stay."""

    def _replace_via_keyboard(self, insert: str, start, end):  # type: ignore[no-untyped-def]
        # Typing, a bracketed paste and the local clipboard all insert through here.
        return super()._replace_via_keyboard(without_controls(insert), start, end)

    one_line = False

    def _field_text(self) -> str:
        return self.text

    def _set_field_text(self, text: str) -> None:
        self.text = text


class JournalWidget(StepWidget):
    step_type = "journal"
    step: JournalStep

    def compose(self) -> ComposeResult:
        self.prompt = prompt_for(self.step.prompts, self.env.today)
        if self.step.text:
            yield Static(literal(self.step.text), classes="step-text")
        yield Static(literal(self.prompt), id="prompt", classes="question")
        yield JournalArea(id="journal-text", soft_wrap=True, show_line_numbers=False,
                          tab_behavior="focus")
        yield Static("Write freely; spelling does not matter. ^n when you are done.",
                     classes="hint")

    def restore(self, data: dict[str, Any]) -> None:
        if data.get("prompt"):
            self.prompt = str(data["prompt"])
            self.query_one("#prompt", Static).update(literal(self.prompt))
        self.query_one(JournalArea).show_saved(data.get("text", ""))

    def result(self) -> dict[str, Any] | None:
        text = self.query_one(JournalArea).value_to_save[:MAX_JOURNAL_CHARACTERS]
        if not text.strip():
            return None
        return {"prompt": self.prompt, "text": text}
