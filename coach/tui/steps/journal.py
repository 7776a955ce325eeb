"""Journal: a prompt that changes each day, and room to write freely."""

from __future__ import annotations

from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.widgets import Static

from coach.routine.steps.journal import JournalStep
from coach.tui.steps.base import StepWidget
from coach.tui.text import literal
from coach.tui.widgets.fields import Area

#: Room for a long entry, under the 100,000 characters a record may hold in all.
MAX_JOURNAL_CHARACTERS = 90_000


def prompt_for(prompts: tuple[str, ...], day: date) -> str:
    """One prompt a day, in turn, so two days running never share a prompt (with two or more)."""
    return prompts[day.toordinal() % len(prompts)]


class JournalArea(Area):
    """The writing space."""

    limit = MAX_JOURNAL_CHARACTERS
    field_name = "your entry"


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
        area = self.query_one(JournalArea)
        area.show_saved(data.get("text", ""))
        area.move_cursor(area.document.end)  # writing goes on after what was there

    def result(self) -> dict[str, Any] | None:
        # Going on waits while the entry is too long (fields.too_long); only leaving part way
        # with more than a record can hold keeps its first MAX_JOURNAL_CHARACTERS.
        text = self.query_one(JournalArea).value_to_save[:MAX_JOURNAL_CHARACTERS]
        if not text.strip():
            return None
        return {"prompt": self.prompt, "text": text}
