"""The one owner of what is typed in the step on screen: kept on disk as it is typed.

Once a second the runner asks the keeper to look at the step; when what its fields hold
has changed since it was last kept, the step as it stands goes to the store as a draft
(coach.store.typing), through the app's writer, after every save asked for before it.
So whichever way coach ends, kill -9 included, at most the last second of typing is
gone, and the next start finds the rest, with the cursor where it was. Looking once a
second, rather than at each key, keeps a fast typist from writing many times a second,
and notices every kind of change (a rating, a word picked, a toggle) the same way.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.css.query import NoMatches

from coach.session.run import StepOutcome
from coach.tui.app_access import coach_app
from coach.tui.steps.typed import TYPED, typed_now

if TYPE_CHECKING:
    from coach.tui.screens.run import RunScreen
    from coach.tui.steps import StepWidget


def draft_data(widget: StepWidget) -> dict[str, Any] | None:
    """What a draft of the step keeps: what Next would store, where it can be read yet,
    and everything typed as it stands; None when nothing was given."""
    typed = typed_now(widget)
    if not typed:
        return None
    readable = None if widget.timed or widget.problem() else widget.result()
    return {**(readable or {}), TYPED: typed}


class TypingKeeper:
    """Keeps the draft of the runner's open step while it is typed in."""

    def __init__(self, screen: RunScreen) -> None:
        self.screen = screen
        #: What was last kept, of which step: kept again only when it changes.
        self._kept: tuple[str, dict[str, Any] | None] | None = None

    @property
    def session_id(self) -> str:
        return self.screen.session_id

    def look(self) -> None:
        """Keep the step's draft if what it holds changed since it was last kept."""
        screen, widget, step = self.screen, self.screen.widget, self.screen.routine_run.current
        if widget is None or step is None or not (widget.is_attached and widget.is_mounted):
            return  # a step on its way in or out: looked at next second
        if coach_app(screen).saves.behind is not None:
            return  # nothing reaches the disk now: keeping it again and again would pile up
        try:
            data = draft_data(widget)
        except NoMatches:
            return  # its fields are still being put in place: looked at next second
        if self._kept == (step.id, data) or (self._kept is None and data is None):
            return
        self._kept = (step.id, data)
        if data is None:  # erased: the kept draft goes, the step's draft record stays
            screen.store_later(screen.env.store.forget_typing, self.session_id)
            return
        store = screen.env.store
        started = screen.step_started or store.now()
        outcome = StepOutcome(step.id, step.type_name, "draft", started, store.now(), data)
        record = store.step_record(screen.routine_run.routine.id, self.session_id, outcome,
                                   day=screen.env.today)
        screen.store_later(store.keep_typing, record)

    def settled(self) -> None:
        """The step was stored (done, skipped, or left as a draft): its kept draft goes,
        after that save."""
        self._kept = None
        self.screen.store_later(self.screen.env.store.forget_typing, self.session_id)

