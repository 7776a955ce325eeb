"""Text fields that move on with Enter: to the next field, or out of the step after the last."""

from __future__ import annotations

from textual.widgets import Input

from coach.tui.steps.base import StepWidget

MAX_ENTRY_LENGTH = 300


def entry(placeholder: str, *, id: str | None = None, classes: str = "",
          max_length: int = MAX_ENTRY_LENGTH, **kwargs: object) -> Input:
    return Input(placeholder=placeholder, id=id, classes=f"entry {classes}".strip(),
                 max_length=max_length, compact=True, **kwargs)  # type: ignore[arg-type]


def advance_from(widget: StepWidget, field: Input) -> None:
    """Enter in `field`: focus the next input of the step, or ask the screen to go on."""
    inputs = [i for i in widget.query(Input) if i.display]
    if field in inputs and inputs.index(field) + 1 < len(inputs):
        inputs[inputs.index(field) + 1].focus()
    else:
        widget.post_message(StepWidget.Advance())
