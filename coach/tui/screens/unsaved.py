"""Asked when the person quits while saves wait for room on the disk: nothing is dropped
without a word. Try again now, or keep what waits in a file `coach import` reads, and quit."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from coach.tui.app_access import coach_app
from coach.tui.saving import why_behind
from coach.tui.widgets.key_bar import KeyBar


class UnsavedScreen(ModalScreen[str | None]):
    """Dismissed with "retry", "file" (write what waits to a file and quit) or None (stay)."""

    CSS_PATH = "unsaved.tcss"
    BINDINGS = [Binding("r", "answer('retry')", "Try again"),
                Binding("w", "answer('file')", "Keep in a file and quit"),
                Binding("escape", "answer(None)", "Stay"),
                Binding("left,right", "app.focus_next", "Switch", show=False)]

    def __init__(self, waiting: int, why: BaseException) -> None:
        super().__init__()
        self.waiting = waiting
        self.why = why

    def compose(self) -> ComposeResult:
        verb = "is" if self.waiting == 1 else "are"
        with Vertical(id="unsaved-dialog"):
            yield Static(f"{self.waiting} of your records {verb} not saved yet: "
                         f"{why_behind(self.why)}.", id="unsaved-what", markup=False)
            yield Static("coach can try again now, or keep them in a file in your home "
                         "folder that 'coach import' reads once there is room.",
                         id="unsaved-how", markup=False)
            with Horizontal(id="unsaved-buttons"):
                yield Button("Try again (r)", id="retry", variant="primary")
                yield Button("Keep in a file and quit (w)", id="file")
        yield KeyBar()

    def on_mount(self) -> None:
        self.app.clear_notifications()  # the note that saving is behind: said here in full
        self.query_one("#retry", Button).focus()

    def on_unmount(self) -> None:
        coach_app(self).saves.say_behind()  # staying: the note again

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id)

    def action_answer(self, answer: str | None) -> None:
        self.dismiss(answer)
