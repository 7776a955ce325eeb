"""A question with two answers, asked before something that cannot be undone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.tui.text import literal
from coach.tui.widgets.key_bar import KeyBar


class ConfirmScreen(ModalScreen[bool]):
    """Dismissed with True for `yes`, False for Cancel (focused first, and Esc)."""

    CSS_PATH = "confirm.tcss"
    BINDINGS = [Binding("escape", "answer(False)", "Cancel"),
                Binding("left,right", "app.focus_next", "Switch", show=False)]

    def __init__(self, question: str, yes: str) -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog"):
            yield Static(literal(self.question), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button(self.yes, id="yes", variant="primary")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
