"""Text fields that move on with Enter: to the next field, or out of the step after the last.

Fields never hold a raw control character. What the person types or pastes is
cleaned as it goes in (a pasted ESC sequence is dropped, not stored), and text
restored from a record is shown with its control characters written out
(`\\x1b`, `U+202E`). Such text is kept byte for byte unless the person changes
the field: then what they saw and edited is what is saved.

Nothing typed or pasted is dropped: joiners and variation selectors go in as typed (a
family emoji stays one), a paste of several lines fills the empty fields of the same kind
that follow, and a one-line field has a length it should keep to but no hard cut: near it
a counter shows, and the step does not go on while a field is over (`too_long`).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable
from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Input, Static, TextArea
from textual.widgets.text_area import EditResult, Location

from coach.foundation.visible import joins, visible, without_controls

MAX_ENTRY_LENGTH = 300


class FieldHost(Widget):
    """What holds a step's fields (coach.tui.steps.base.StepWidget): Enter in a field tells
    it. Named here so that the fields need not import the steps, which import the fields."""

    def field_submitted(self, field: Input) -> Awaitable[None] | None:
        """Enter in `field`: where the keyboard goes next (what is returned is awaited while
        the key is handled)."""
        raise NotImplementedError  # StepWidget, the one host, says where the keyboard goes


class KeepsStored:
    """A field that may be filled from a record: shown visibly, read back as stored.
    A subclass says whether it is one line, and how its text is read and set."""

    one_line = True
    _stored: tuple[str, str] | None = None  # (what the field was given to show, the record's)

    def _field_text(self) -> str:
        raise NotImplementedError  # every field class overrides this

    def _set_field_text(self, text: str) -> None:
        raise NotImplementedError  # every field class overrides this

    def show_saved(self, text: object) -> None:
        """Fill the field with what a record holds."""
        self._set_field_text(self._remember(text))

    def _remember(self, text: object) -> str:
        """Keep the record's text; the text to show for it."""
        stored = str(text)
        self._stored = (visible(stored, one_line=self.one_line), stored)
        return self._stored[0]

    @property
    def value_to_save(self) -> str:
        """The field's text: the record's own text while the field still shows it unchanged."""
        current = self._field_text()
        if self._stored is not None and current == self._stored[0]:
            return self._stored[1]
        return current

    @property
    def unchanged(self) -> bool:
        """The field still shows the record's text as it was given."""
        return self._stored is not None and self._field_text() == self._stored[0]

    @property
    def shows_codes(self) -> bool:
        """The restored text held characters that are shown written out."""
        return self._stored is not None and self._stored[0] != self._stored[1]


#: How near its length a field's text must come for the counter to show.
COUNT_MARGIN = 50

_LINE_BREAK = re.compile("\r\n?|[\n\v\f\x1c-\x1e\x85\u2028\u2029]")


def _side_by_side(lines: list[str]) -> str:
    return " ".join(line.strip() for line in lines) if len(lines) > 1 else lines[0]


def _kind(field: Entry) -> tuple[frozenset[str], int | None]:
    """What makes fields alike: their classes (not the passing ones, such as -valid), length."""
    return frozenset(c for c in field.classes if not c.startswith("-")), field.limit


class FieldCount(Static):
    """How long a field's text is against its length, next to the field."""

    DEFAULT_CSS = """
    FieldCount { width: 100%; height: 1; text-align: right; color: $text-muted; }
    FieldCount.-beside { width: auto; margin: 0 1 0 0; }
    FieldCount.-over { color: $warning; text-style: bold; }
    """


class Entry(KeepsStored, Input):
    """A one-line field; see the module docstring for what it does with control characters.

    `limit` is the length the text should keep to (None: any); `field_name` names the field when
    it is too long ("thing 2")."""

    def __init__(self, *args: Any, limit: int | None = None, field_name: str | None = None,
                 **kwargs: Any) -> None:
        # Coming back to a field goes on from the end of its text. Textual would select it
        # all, so the next key typed replaced what was written (unseen with NO_COLOR).
        kwargs.setdefault("select_on_focus", False)
        super().__init__(*args, **kwargs)
        self.limit = limit
        self.field_name = field_name
        self._count: FieldCount | None = None

    def replace(self, text: str, start: int, end: int) -> None:
        # Every insertion comes through here: a key, a bracketed paste, the local clipboard.
        super().replace(without_controls(text, one_line=True), start, end)

    async def _on_key(self, event: events.Key) -> None:
        # Input inserts only printable keys; a joiner typed between two emoji is part of them.
        character = event.character
        if character and not event.is_printable and joins(character):
            event.stop()
            event.prevent_default()
            self.replace(character, *self.selection)

    def _on_paste(self, event: events.Paste) -> None:
        # Input keeps the first line of a paste; here every line goes somewhere.
        event.stop()
        event.prevent_default()
        lines = [line for line in _LINE_BREAK.split(event.text) if line.strip()]
        if len(lines) <= 1:
            self.replace(lines[0] if lines else event.text, *self.selection)
            return
        followers = [f for f in self.following_alike() if not f.value]
        rest = lines[1:]
        for field in followers:
            if not rest:
                break
            taken = rest if field is followers[-1] else rest[:1]  # the last takes what is left
            field.replace(_side_by_side(taken), 0, 0)
            rest = rest[len(taken):]
        # With no empty field of the kind after this one, the lines stay here, side by side.
        self.replace(_side_by_side([lines[0], *rest]), *self.selection)

    async def action_submit(self) -> None:
        """Enter: a step's field tells its step at once, while the key is handled, rather
        than in a message that comes after the keys typed next (they would land here)."""
        step = next((a for a in self.ancestors if isinstance(a, FieldHost)), None)
        if step is None:
            await super().action_submit()
        elif (moving_on := step.field_submitted(self)) is not None:
            await moving_on

    def following_alike(self) -> list[Entry]:
        """The fields of the same kind after this one in its step (the next lines of a list)."""
        step = next((a for a in self.ancestors if isinstance(a, FieldHost)), None)
        if step is None:
            return []
        fields = [f for f in step.query(Entry) if f.display and not f.disabled]
        if self not in fields:
            return []
        kind = _kind(self)
        return [f for f in fields[fields.index(self) + 1:] if _kind(f) == kind]

    @property
    def over(self) -> int:
        """How many characters the text is longer than its limit (0 when it fits)."""
        return max(0, len(self.value) - self.limit) if self.limit else 0

    def watch_value(self, value: str) -> None:
        parent = self.parent
        if not self.limit or not isinstance(parent, Widget):
            return
        length, margin = len(value), min(COUNT_MARGIN, self.limit // 4)
        shown = length > self.limit or (margin > 0 and length >= self.limit - margin)
        if self._count is None:
            if not shown:
                return
            self._count = FieldCount()
            if parent.styles.layout and parent.styles.layout.name == "horizontal":
                self._count.add_class("-beside")
            parent.mount(self._count, after=self)
        self._count.display = shown
        self._count.set_class(length > self.limit, "-over")
        self._count.update(f"{length}/{self.limit}")

    @classmethod
    def holding(cls, text: object, **kwargs: Any) -> Entry:
        """A new field filled with what a record holds."""
        field = cls(**kwargs)
        field.value = field._remember(text)
        return field

    def _field_text(self) -> str:
        return self.value

    def _set_field_text(self, text: str) -> None:
        self.value = text


class Area(KeepsStored, TextArea):
    """A field of several lines: control characters are kept out as in `Entry`; newlines
    and tabs stay."""

    one_line = False
    #: The length the text should keep to (None: any); the step waits while it is longer.
    limit: int | None = None
    field_name: str | None = None

    @property
    def over(self) -> int:
        """How many characters the text is longer than its limit (0 when it fits)."""
        return max(0, len(self.text) - self.limit) if self.limit else 0

    def _replace_via_keyboard(self, insert: str, start: Location,
                              end: Location) -> EditResult | None:
        # Typing, a bracketed paste and the local clipboard all insert through here.
        return super()._replace_via_keyboard(without_controls(insert), start, end)

    async def _on_key(self, event: events.Key) -> None:
        # TextArea inserts only printable keys; a joiner typed between two emoji is part of them.
        character = event.character
        if character and not event.is_printable and joins(character) and not self.read_only:
            event.stop()
            event.prevent_default()
            if result := self._replace_via_keyboard(character, *self.selection):
                self.move_cursor(result.end_location)

    @classmethod
    def holding(cls, text: object, **kwargs: Any) -> Area:
        """A new field filled with what a record holds."""
        shown = visible(str(text))
        field = cls(shown, **kwargs)
        field._remember(text)
        return field

    def _field_text(self) -> str:
        return self.text

    def _set_field_text(self, text: str) -> None:
        self.text = text


def entry(placeholder: str, *, id: str | None = None, classes: str = "",
          limit: int = MAX_ENTRY_LENGTH, field_name: str | None = None, **kwargs: Any) -> Entry:
    return Entry(placeholder=placeholder, id=id, classes=f"entry {classes}".strip(),
                 limit=limit, field_name=field_name, compact=True, **kwargs)


def too_long(widget: Widget) -> list[tuple[Widget, str]]:
    """Why the step cannot go on yet: each field that holds more than its length, with what
    to say under it."""
    fields: list[Entry | Area] = [f for f in widget.query("Entry, Area")
                                  if isinstance(f, (Entry, Area)) and f.display]
    found: list[tuple[Widget, str]] = []
    for number, field in enumerate(fields, start=1):
        if field.over:
            name = field.field_name or ("this field" if len(fields) == 1 else f"field {number}")
            found.append((field, f"{name[:1].upper()}{name[1:]} is {field.over:,} "
                          f"character{'s' if field.over != 1 else ''} over the "
                          f"{field.limit:,} it can hold. Everything you wrote is still there: "
                          "shorten it a little when you are ready, and then go on."))
    return found
