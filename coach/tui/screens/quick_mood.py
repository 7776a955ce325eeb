"""A quick mood check-in from home (`m`): a number 0-10, a few words, some tags; Enter saves.

The rating is home's two keys: `m`, then a digit ("1" then "0" for 10, as every rating).
After the number the words field takes the keys; tags are the person's own list from
settings (`mood_tags`) and the activities they planned lately, read in a worker thread.
Enter saves at once through the app's saves (coach.session.quick_mood makes the record)
and goes back home with a short note; Esc leaves and keeps nothing.
"""

from __future__ import annotations

from datetime import datetime

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Input, Static

from coach.session.quick_mood import mood_record, tag_choices
from coach.tui.app_access import coach_app
from coach.tui.widgets.chips import Chips
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.rating import TEN_WINDOW_SECONDS, Rating
from coach.tui.worker_errors import ReportsWorkerErrors

QUESTION = "How are you feeling right now?"
ASK_FOR_NUMBER = "Choose a number from 0 to 10 first (a digit), or Esc to leave."
HINT = "Enter saves · Esc leaves without saving"


class QuickMoodScreen(ReportsWorkerErrors, Screen[None]):
    BINDINGS = [Binding("enter", "save", "Save"),
                Binding("escape", "leave", "Leave")]
    DEFAULT_CSS = """
    QuickMoodScreen #mood-body { padding: 1 2 0 2; }
    QuickMoodScreen .question { text-style: bold; }
    QuickMoodScreen #mood-words { margin: 1 0 0 0; }
    QuickMoodScreen #mood-ask { color: $warning; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.started: datetime | None = None

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="mood-body"):
            yield Static(Content.styled("Mood check-in", "dim"))
            yield Static(QUESTION, classes="question")
            yield Rating(id="mood-rating")
            yield Static(id="mood-ask")
            yield Input(placeholder="A few words, if you like", id="mood-words",
                        max_length=200)
            yield Static(id="mood-tags-label")
            yield Static(Content.styled(HINT, "dim"), id="mood-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        self.started = coach_app(self).store.now()
        self.query_one("#mood-tags-label", Static).display = False
        self.query_one("#mood-ask", Static).display = False
        self.set_focus(self.query_one(Rating))
        self._read_tags()

    @work(thread=True, exit_on_error=False, group="mood-tags")
    def _read_tags(self) -> None:
        app = coach_app(self)
        tags = tag_choices(app.settings.mood_tags, app.store.recent_activity_names())
        app.call_from_thread(self._tags_read, tags)

    async def _tags_read(self, tags: tuple[str, ...]) -> None:
        if not tags or not self.is_attached:
            return
        label = self.query_one("#mood-tags-label", Static)
        label.update(Content.styled("Tags (Tab to reach them)", "dim"))
        label.display = True
        await self.query_one("#mood-body").mount(Chips(tags, id="mood-tags"), before=
                                                  self.query_one("#mood-hint"))

    @on(Rating.Changed)
    def _rated(self, event: Rating.Changed) -> None:
        self.query_one("#mood-ask", Static).display = False
        if event.value == 1:  # "1" may become 10 with a "0" straight after
            self.set_timer(TEN_WINDOW_SECONDS, self._to_words)
        else:
            self._to_words()

    def _to_words(self) -> None:
        if self.is_attached and self.focused is self.query_one(Rating):
            self.set_focus(self.query_one("#mood-words", Input))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        rating = self.query_one(Rating).value
        if rating is None:
            ask = self.query_one("#mood-ask", Static)
            ask.update(ASK_FOR_NUMBER)
            ask.display = True
            self.set_focus(self.query_one(Rating))
            return
        app = coach_app(self)
        chips = self.query("#mood-tags")
        tags = chips.first(Chips).selected() if chips else []
        words = self.query_one("#mood-words", Input).value
        record = mood_record(app.store, rating, words, tags, started=self.started)
        app.saves.save_record(app.store.add, record)
        self.dismiss()
        app.notify(f"Saved: {rating}. Thank you for checking in.", title="Mood",
                   markup=False)

    def action_leave(self) -> None:
        self.dismiss()
