"""The small choice the history screen's `m` opens: how a past day went, marked afterwards.

Done, partly done, a rest day, or no mark of the person's own; each by its first letter
or chosen in the list with Enter. Esc leaves the day as it was. The screen is dismissed
with the state chosen (see coach.store.marking), which the history screen saves.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.store.marking import DONE, NONE, PARTLY, RESTED
from coach.tui.text import literal
from coach.tui.widgets.key_bar import KeyBar

#: The choices in order: (key, state, words).
CHOICES = (("d", DONE, "Done"), ("p", PARTLY, "Partly done"), ("r", RESTED, "Rest day"),
           ("c", NONE, "Clear my mark"))


class MarkDayScreen(ModalScreen[str | None]):
    """Dismissed with the state chosen, or None (Esc)."""

    DEFAULT_CSS = """
    MarkDayScreen { align: center middle; }
    MarkDayScreen #mark-dialog {
        width: 44; max-width: 100%; height: auto; padding: 0 1;
        border: round $primary; background: $surface;
    }
    MarkDayScreen #mark-question { height: auto; margin: 0 0 1 0; }
    MarkDayScreen #mark-choices { height: auto; border: none; padding: 0; }
    """
    BINDINGS = [Binding("escape", "choose(None)", "Leave as it is"),
                *(Binding(key, f"choose('{state}')", words, show=False)
                  for key, state, words in CHOICES)]

    def __init__(self, routine_title: str, day: date, current: str) -> None:
        super().__init__()
        self.routine_title = routine_title
        self.day = day
        #: What the person marked the day so far, so the list starts on it.
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="mark-dialog"):
            yield Static(Content.assemble(
                (f"How did {self.day:%A} {self.day.day} {self.day:%B} go?", "bold"), "\n",
                literal(self.routine_title, one_line=True)), id="mark-question")
            yield OptionList(*(Option(f"{key}  {words}", id=state)
                               for key, state, words in CHOICES), id="mark-choices")
        yield KeyBar()

    def on_mount(self) -> None:
        choices = self.query_one(OptionList)
        states = [state for _, state, _ in CHOICES]
        choices.highlighted = states.index(self.current) if self.current in states else 0
        choices.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_choose(self, state: str | None) -> None:
        self.dismiss(state)
