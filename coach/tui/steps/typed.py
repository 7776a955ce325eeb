"""Everything a step's fields hold, as typed or chosen, and putting it back.

A step's `result()` is what Next stores, and it can only be made from what can be read:
a time such as "half nine" has no result yet, nor does a breathing step before it is
done. What the person typed is theirs all the same, so a draft keeps it as it stands:
each field's text, each rating, choice and toggle, the field the keyboard was in and
where its cursor was. Fields are found by their ids, which every step gives its fields.
"""

from __future__ import annotations

from typing import Any

from textual.widget import Widget
from textual.widgets import Input, TextArea

from coach.tui.widgets.chips import Chips
from coach.tui.widgets.fields import KeepsStored
from coach.tui.widgets.rating import Rating
from coach.tui.widgets.toggle import Toggle

#: The key a draft's data keeps what was typed under (beside the step's own fields).
TYPED = "typed"


def typed_now(step: Widget) -> dict[str, Any]:
    """{"fields": {id: value}, "focus": id, "cursor": position} of what was given in the
    step's fields; empty when nothing was."""
    fields: dict[str, Any] = {}
    for widget in step.query("*"):
        if widget.id is None:
            continue
        value = _value(widget)
        if value not in (None, "", [], False):
            fields[widget.id] = value
    if not fields:
        return {}
    typed: dict[str, Any] = {"fields": fields}
    focused = step.screen.focused if step.is_attached else None
    if focused is not None and focused.id is not None and step in focused.ancestors:
        typed["focus"] = focused.id
        if isinstance(focused, Input):
            typed["cursor"] = focused.cursor_position
        elif isinstance(focused, TextArea):
            typed["cursor"] = list(focused.cursor_location)
    return typed


def _value(widget: Widget) -> Any:
    if isinstance(widget, KeepsStored):
        return widget.value_to_save
    if isinstance(widget, Rating):
        return widget.value
    if isinstance(widget, Chips):
        return sorted(widget.chosen)
    if isinstance(widget, Toggle):
        return widget.value
    return None


def put_back(step: Widget, typed: Any) -> Widget | None:
    """Fill the step's fields from `typed_now`'s record (data from a file: anything odd in
    it is passed over); the field the keyboard was in, with its cursor, if it is there."""
    if not isinstance(typed, dict) or not isinstance(fields := typed.get("fields"), dict):
        return None
    for field_id, value in fields.items():
        widget = _field(step, field_id)
        if widget is not None:
            _set(widget, value)
    focus = _field(step, typed.get("focus"))
    if focus is None:
        return None
    cursor = typed.get("cursor")
    if isinstance(focus, Input) and type(cursor) is int:
        focus.cursor_position = max(0, min(cursor, len(focus.value)))
    elif isinstance(focus, TextArea) and isinstance(cursor, list) and len(cursor) == 2 and \
            all(type(n) is int and n >= 0 for n in cursor):
        focus.move_cursor(focus.clamp_visitable((cursor[0], cursor[1])))
    return focus


def _field(step: Widget, field_id: Any) -> Widget | None:
    if not isinstance(field_id, str) or not field_id.replace("-", "").replace("_", "").isalnum():
        return None
    found = step.query(f"#{field_id}")
    return found.first() if found else None


def _set(widget: Widget, value: Any) -> None:
    if isinstance(widget, KeepsStored) and isinstance(value, str):
        widget.show_saved(value)
    elif isinstance(widget, Rating) and type(value) is int and 0 <= value <= 10:
        widget.value = value
    elif isinstance(widget, Chips) and isinstance(value, list):
        widget.chosen = frozenset(n for n in value if type(n) is int and n >= 0)
    elif isinstance(widget, Toggle) and type(value) is bool:
        widget.value = value
