"""What coach is, said once when it first opens, and again on request from the support plan."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.tui.widgets.key_bar import KeyBar

#: How the support key is said in words (the key bar shows it as ^g).
SUPPORT_KEY_NAME = "Ctrl+G"


def statement() -> Content:
    return Content("\n\n").join([
        Content.styled("Before you start", "bold"),
        Content("coach helps you look after yourself with small daily routines. It does not "
                "replace help from a doctor, therapist or other professional."),
        Content.assemble(("If you are in danger, call your local emergency number.", "bold")),
        Content.assemble("Your support plan is one key away, from any screen: ",
                         (SUPPORT_KEY_NAME, "bold"), " (^g on the bottom line)."),
    ])


class StatementScreen(ModalScreen[None]):
    CSS_PATH = "statement.tcss"
    BINDINGS = [
        Binding("enter", "close", "Continue"),
        Binding("escape", "close", "Continue", show=False),
    ]

    def __init__(self, *, first_run: bool = False) -> None:
        super().__init__()
        #: Shown because coach opened for the first time (not asked for from the plan).
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        with Vertical(id="statement-dialog"):
            yield Static(statement(), id="statement-text")
            yield Static(Content.styled("Enter to go on", "dim"), id="statement-hint")
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)
