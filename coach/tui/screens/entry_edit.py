"""Correcting one entry: its text and ratings in fields, checked all at once, saved after a
question. Nothing typed is dropped: a problem keeps the fields as they are.

The fields are coach's own (widgets/fields.py): text holding control characters is shown
with them written out (`\\x1b`), never sent to the terminal, and a field left unchanged
keeps the entry's text byte for byte."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from coach.foundation.visible import visible

from coach.store.records import mappings, texts
from coach.tui.text import literal
from coach.tui.widgets.fields import Area, Entry
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


def _entry(text: object, field_id: str) -> Entry:
    return Entry.holding(text, id=field_id)


def _area(text: object, field_id: str) -> Area:
    return Area.holding(text, id=field_id, soft_wrap=True, tab_behavior="focus")


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
            yield _area(self.data.get("text", ""), "text")
        elif self.kind == "gratitude":
            yield Label("One good thing a line:")
            # Each item on its own line, even one that holds a line break.
            yield _area("\n".join(visible(item, one_line=True)
                                  for item in texts(self.data.get("items"))), "items")
        elif self.kind == "mood":
            yield Label("Mood, 0 to 10:")
            yield _entry(_rating_text(self.data.get("rating")), "rating")
            yield Label("Note:")
            yield _entry(self.data.get("note", ""), "note")
        else:
            review = self.kind == "activity_review"
            for n, activity in enumerate(mappings(self.data.get("activities"))):
                yield Label(f"Activity {n + 1}:")
                yield _entry(activity.get("name") or "", f"name-{n}")
                if review:
                    yield Label("Pleasure, 0 to 10:")
                    yield _entry(_rating_text(activity.get("pleasure")), f"pleasure-{n}")
                    yield Label("Achievement, 0 to 10:")
                    yield _entry(_rating_text(activity.get("mastery")), f"mastery-{n}")
                else:
                    yield Label("Expected enjoyment, 0 to 10:")
                    yield _entry(_rating_text(activity.get("predicted")), f"predicted-{n}")

    def _text(self, field_id: str) -> str:
        field = self.query_one(f"#{field_id}")
        assert isinstance(field, (Entry, Area))
        return field.value_to_save

    def on_mount(self) -> None:
        fields = self.query("Entry, Area")
        if fields:
            fields.first().focus()

    def corrected(self) -> tuple[dict[str, Any], list[str]]:
        """The data as the fields now say, and every problem with it."""
        data = copy.deepcopy(self.data)
        problems: list[str] = []
        if self.kind == "journal":
            data["text"] = self._text("text")
        elif self.kind == "gratitude":
            if not self.query_one("#items", Area).unchanged:
                data["items"] = [line for line in self._text("items").split("\n")
                                 if line.strip()]
        elif self.kind == "mood":
            data["rating"] = parse_rating(self._text("rating"), "Mood", problems)
            data["note"] = self._text("note")
        else:
            for n, activity in enumerate(mappings(data.get("activities"))):
                activity["name"] = self._text(f"name-{n}")
                keys = ("pleasure", "mastery") if self.kind == "activity_review" \
                    else ("predicted",)
                for key in keys:
                    what = {"pleasure": "pleasure", "mastery": "achievement",
                            "predicted": "expected enjoyment"}[key]
                    activity[key] = parse_rating(self._text(f"{key}-{n}"),
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
