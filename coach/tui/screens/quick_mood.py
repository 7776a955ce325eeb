"""A quick mood check-in from home (`m`): a number 0-10, a few words, some tags; Enter saves.

The rating is home's two keys: `m`, then a digit ("1" then "0" for 10, as every rating).
After the number the words field takes the keys; tags are the person's own list from
settings (`mood_tags`) and the activities they planned lately, read in a worker thread.
Enter saves at once through the app's saves (coach.session.quick_mood makes the record)
and goes back home with a short note; Esc leaves and keeps nothing, while ^q, a signal
or a closed terminal keep a check-in that has its number. The safety net
looks at it as at a routine's check-in: at 0 or 1, or after low days in a row, the
support plan (p) and "need something now" (n) are offered here first, once a day.
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
from coach.store import StoreError
from coach.tui.app_access import coach_app
from coach.tui.widgets.chips import Chips
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.rating import TEN_WINDOW_SECONDS, Rating
from coach.tui.worker_errors import ReportsWorkerErrors

QUESTION = "How are you feeling right now?"
ASK_FOR_NUMBER = "Choose a number from 0 to 10 first (a digit), or Esc to leave."
HINT = "Enter saves · Esc leaves without saving"
OFFER = ("That sounds like a hard time. Your support plan is here, with what you wrote for "
         "days like this and the people you can reach. If you are in danger now, call your "
         "local emergency number first.")


class QuickMoodScreen(ReportsWorkerErrors, Screen[None]):
    BINDINGS = [Binding("enter", "save", "Save"),
                Binding("p", "plan", "Support plan"),
                Binding("n", "now", "Need something now"),
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
        #: The rating once saved; whether the support plan is being offered.
        self.saved: int | None = None
        self.offering = False

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

    def _tags_read(self, tags: tuple[str, ...]) -> None:
        if not tags or not self.is_attached or self.saved is not None:
            return
        label = self.query_one("#mood-tags-label", Static)
        label.update(Content.styled("Tags (Tab to reach them)", "dim"))
        label.display = True
        self.query_one("#mood-body").mount(Chips(tags, id="mood-tags"),
                                           before=self.query_one("#mood-hint"))

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
        if self.offering:
            self.dismiss()
            return
        if self.saved is not None:
            return  # saved: the offer or home is on its way
        rating = self.query_one(Rating).value
        if rating is None:
            ask = self.query_one("#mood-ask", Static)
            ask.update(ASK_FOR_NUMBER)
            ask.display = True
            self.set_focus(self.query_one(Rating))
            return
        self._store(rating)
        self._offer_or_home(rating)

    def _store(self, rating: int, *, at_once: bool = False) -> None:
        app = coach_app(self)
        chips = self.query("#mood-tags")
        tags = chips.first(Chips).selected() if chips else []
        words = self.query_one("#mood-words", Input).value
        record = mood_record(app.store, rating, words, tags, started=self.started)
        self.saved = rating
        if not at_once:
            app.saves.save_record(app.store.add, record)
            return
        try:  # the terminal is gone: in this thread, as a routine's steps are
            app.store.add(record)
        except StoreError:  # kept in a file of its own as coach ends
            app.saves.not_written.append(record)

    def keep_for_later(self, *, at_once: bool = False) -> bool:
        """Quitting (^q), a signal or a closed terminal keeps a check-in that has its number,
        with its words and tags, as Enter would; Esc is the way to leave it unsaved."""
        if self.saved is not None or not self.is_attached:
            return False
        rating = self.query_one(Rating).value
        if rating is None:
            return False
        self._store(rating, at_once=at_once)
        return True

    @work(thread=True, exit_on_error=False, group="mood-net")
    def _offer_or_home(self, rating: int) -> None:
        """The safety net, as after a routine's check-in: at 0 or 1, or after low days in a
        row (settings), the support plan is offered here, gently, before going home."""
        from coach.support.memory import Memory
        from coach.support.net import load_mood_days, should_offer

        app = coach_app(self)
        today = app.store.today()
        memory = Memory(app.store.directory)
        try:
            days = load_mood_days(app.store, today, app.settings.low_mood_days)
        except StoreError:
            days = {}
        offer = should_offer(days, today, rating, app.settings, memory.offered_on())
        if offer:
            memory.mark_offered(today)
        app.call_from_thread(self._show_offer if offer else self._home)

    def _home(self) -> None:
        self.dismiss()
        self.app.notify(f"Saved: {self.saved}. Thank you for checking in.", title="Mood",
                        markup=False)

    def _show_offer(self) -> None:
        self.offering = True
        body = self.query_one("#mood-body", VerticalScroll)
        body.remove_children()
        body.mount(Static(f"Saved: {self.saved}. Thank you for checking in.", classes="question"),
                   Static(OFFER, id="mood-offer"),
                   Static(Content.assemble(("p", "bold"), " your support plan · ",
                                           ("n", "bold"), " need something now · ",
                                           ("Enter", "bold"), " home"), classes="hint"))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("plan", "now"):
            return self.offering
        return True

    def binding_label(self, action: str) -> str | None:
        """Enter goes home once saved (the key bar names keys by what they do now)."""
        return "Home" if action == "save" and self.offering else None

    def action_plan(self) -> None:
        self.dismiss()
        coach_app(self).action_support()

    def action_now(self) -> None:
        self.dismiss()
        coach_app(self).action_now()

    def action_leave(self) -> None:
        self.dismiss()
