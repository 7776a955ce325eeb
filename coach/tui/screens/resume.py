"""Asked when a routine was started earlier today and not finished."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.tui.text import literal
from coach.tui.widgets.key_bar import KeyBar


class ResumeScreen(ModalScreen[bool]):
    """Dismissed with True to resume, False to start over."""

    CSS_PATH = "resume.tcss"

    BINDINGS = [
        Binding("r", "choose(True)", "Resume"),
        Binding("s", "choose(False)", "Start over"),
        Binding("escape", "app.pop_screen", "Cancel"),
    ]

    def __init__(self, title: str, done: int, total: int) -> None:
        super().__init__()
        self.routine_title = title
        self.done = done
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical(id="resume-dialog"):
            yield Static(Content.assemble("You started ", literal(self.routine_title),
                                          f" earlier today ({self.done} of {self.total} steps)."))
            yield Static("Go on where you stopped?")
            yield Button("Resume (r)", id="resume", variant="primary")
            yield Button("Start over (s)", id="restart")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.clear_notifications()  # "See you soon" has said its piece; the question is here
        self.query_one("#resume", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "resume")

    def action_choose(self, resume: bool) -> None:
        self.dismiss(resume)
