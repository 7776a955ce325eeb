"""Correcting one entry: its text and ratings in fields, checked all at once, saved after a
question. Nothing typed is dropped: a problem keeps the fields as they are."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static, TextArea

from coach.store.records import mappings, texts
from coach.tui.text import literal
from coach.tui.widgets.key_bar import KeyBar


def parse_rating(text: str, what: str, problems: list[str]) -> int | None:
    """A 0-10 rating from a field; empty is no rating. A problem is added, not raised."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and 0 <= int(text) <= 10:
        return int(text)
    problems.append(f"{what}: a whole number from 0 to 10, or empty.")
    return None


def _rating_text(value: Any) -> str:
    return "" if value is None else str(value)


class EntryEditScreen(ModalScreen[dict[str, Any] | None]):
    """Dismissed with the corrected data (after the person confirmed), or None."""

    CSS_PATH = "entry_edit.tcss"
    BINDINGS = [Binding("ctrl+s", "save", "Save", priority=True),
                Binding("escape", "cancel", "Cancel")]

    def __init__(self, record: dict[str, Any]) -> None:
        super().__init__()
        self.record = record
        self.kind = str(record.get("type", ""))
        self.data: dict[str, Any] = copy.deepcopy(record.get("data") or {})

    def compose(self) -> ComposeResult:
        day = date.fromisoformat(self.record["day"])
        with Vertical(id="edit-dialog"):
            yield Static(f"Correct your entry of {day:%A %-d %B}", id="edit-title")
            with VerticalScroll(id="edit-fields"):
                yield from self._fields()
            yield Static(id="edit-problems")
        yield KeyBar()

    def _fields(self) -> ComposeResult:
        if self.kind == "journal":
            if self.data.get("prompt"):
                yield Static(literal(self.data["prompt"]).stylize("italic"))
            yield TextArea(str(self.data.get("text", "")), id="text", soft_wrap=True)
        elif self.kind == "gratitude":
            yield Label("One good thing a line:")
            yield TextArea("\n".join(texts(self.data.get("items"))), id="items")
        elif self.kind == "mood":
            yield Label("Mood, 0 to 10:")
            yield Input(_rating_text(self.data.get("rating")), id="rating")
            yield Label("Note:")
            yield Input(str(self.data.get("note", "")), id="note")
        else:
            review = self.kind == "activity_review"
            for n, activity in enumerate(mappings(self.data.get("activities"))):
                yield Label(f"Activity {n + 1}:")
                yield Input(str(activity.get("name") or ""), id=f"name-{n}")
                if review:
                    yield Label("Pleasure and achievement, 0 to 10:")
                    yield Input(_rating_text(activity.get("pleasure")), id=f"pleasure-{n}")
                    yield Input(_rating_text(activity.get("mastery")), id=f"mastery-{n}")
                else:
                    yield Label("Expected enjoyment, 0 to 10:")
                    yield Input(_rating_text(activity.get("predicted")), id=f"predicted-{n}")

    def on_mount(self) -> None:
        fields = self.query("Input, TextArea")
        if fields:
            fields.first().focus()

    def corrected(self) -> tuple[dict[str, Any], list[str]]:
        """The data as the fields now say, and every problem with it."""
        data, problems = copy.deepcopy(self.data), []
        if self.kind == "journal":
            data["text"] = self.query_one("#text", TextArea).text
        elif self.kind == "gratitude":
            data["items"] = [line for line in self.query_one("#items", TextArea).text.split("\n")
                             if line.strip()]
        elif self.kind == "mood":
            data["rating"] = parse_rating(self.query_one("#rating", Input).value, "Mood",
                                          problems)
            data["note"] = self.query_one("#note", Input).value
        else:
            for n, activity in enumerate(mappings(data.get("activities"))):
                activity["name"] = self.query_one(f"#name-{n}", Input).value
                keys = ("pleasure", "mastery") if self.kind == "activity_review" \
                    else ("predicted",)
                for key in keys:
                    what = {"pleasure": "pleasure", "mastery": "achievement",
                            "predicted": "expected enjoyment"}[key]
                    activity[key] = parse_rating(self.query_one(f"#{key}-{n}", Input).value,
                                                 f"Activity {n + 1}, {what}", problems)
        return data, problems

    def action_save(self) -> None:
        from coach.tui.screens.confirm import ConfirmScreen

        data, problems = self.corrected()
        shown = self.query_one("#edit-problems", Static)
        if problems:
            shown.update(Content("\n".join(problems)))
            return
        shown.update("")
        day = date.fromisoformat(self.record["day"])

        def answered(yes: bool | None) -> None:
            if yes:
                self.dismiss(data)

        self.app.push_screen(ConfirmScreen(f"Save this change to your entry of "
                                           f"{day:%A %-d %B}?", "Save"), answered)

    def action_cancel(self) -> None:
        self.dismiss(None)
