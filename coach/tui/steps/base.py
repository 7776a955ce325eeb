"""What every step widget shares: the step, the environment, and how it reports a result."""

from __future__ import annotations

from collections.abc import Awaitable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar, Protocol, runtime_checkable

from textual import events
from textual.containers import Horizontal
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from coach.practice.clock import Clock
from coach.routine.steps import Step
from coach.store import Store
from coach.tui.text import literal
from coach.tui.widgets.fields import FieldHost, too_long
from coach.tui.widgets.rating import Rating


@dataclass(frozen=True)
class StepEnv:
    """What a step widget may need beyond its step: time, today, stored history, settings."""

    clock: Clock
    store: Store
    today: date
    reduced_motion: bool = False
    bell: bool = False
    #: The person opened this step on its own (a self-check from the palette or `coach
    #: check`), not as a step of one of their routines.
    on_its_own: bool = False


class StepWidget(FieldHost):
    """A widget for one step type. Subclasses set `step_type` and are found by it."""

    DEFAULT_CSS = """
    StepWidget { height: auto; }
    StepWidget .field-problem { height: auto; color: $text-warning; margin: 0 0 0 1; }
    """

    class Advance(Message):
        """The person finished the last field: go on as if Next was pressed."""

    step_type: ClassVar[str] = ""
    #: Timed steps can be paused and resumed.
    timed: ClassVar[bool] = False
    #: Shows what was saved up to today (the review of today's plan, when a self-check was
    #: last taken): the runner lets the saves still being written finish first, then reads
    #: it (read_today) in a worker.
    reads_today: ClassVar[bool] = False

    #: What read_today found, given by the runner before the widget is mounted.
    today_read: Any = None

    def __init__(self, step: Step, env: StepEnv) -> None:
        super().__init__()
        self.step = step
        self.env = env

    @classmethod
    def read_today(cls, env: StepEnv) -> Any:
        """What a widget that `reads_today` shows of the records up to today: read in a
        worker thread, never on the UI's, before the widget is made."""
        return None

    def next_stage(self) -> bool:
        """Move on inside the step (e.g. from a rating to the exercise); False when done."""
        return False

    def back_stage(self) -> bool:
        """Move back inside the step (a self-check's question before); False at its start."""
        return False

    def has_stage_before(self) -> bool:
        """Whether Back moves inside the step rather than to the step before."""
        return False

    def next_label(self) -> str | None:
        """What the key bar calls Next while it does something else than go on with an
        answer (goes on without the step); None: "Next"."""
        return None

    def restore(self, data: dict[str, Any]) -> None:
        """Show what was saved for this step before (going back, or resuming)."""

    def problems(self) -> list[tuple[Widget | None, str]]:
        """Everything that keeps Next from going on (something typed that cannot be read),
        each with the field it is about (None: the step as a whole). A step with fields
        says them here: a field is checked as the keyboard leaves it, and Next names them
        all at once."""
        return []

    def problem(self) -> str | None:
        """The first of the problems, else None."""
        found = self.problems()
        return found[0][1] if found else None

    def every_problem(self) -> list[tuple[Widget | None, str]]:
        """The problems (the one a step that says only one gives), and every other field
        over its length."""
        found = self.problems()
        if not found and (single := self.problem()):
            found = [(None, single)]
        # What the step says of a field is said instead: a time too long to be one is
        # quoted whole as not a time, not also counted.
        said = {field for field, _ in found}
        return [*[(f, text) for f, text in too_long(self) if f not in said], *found]

    def missing(self) -> list[tuple[Widget, str]]:
        """What Next needs that was not given yet (the mood's number), each with its field:
        asked for when Next is pressed, not as the keyboard passes the field."""
        return []

    def kept_on_skip(self) -> dict[str, Any] | None:
        """What Skip keeps of this step as done, when part of it was given (the mood's words
        without its number); None: Skip leaves the step out."""
        return None

    def stopping_next(self) -> list[tuple[Widget | None, str]]:
        """Everything that keeps Next from going on."""
        return [*self.every_problem(), *self.missing()]

    def show_problems(self, problems: list[tuple[Widget | None, str]],
                      only: Widget | None = None) -> None:
        """Say under each field what is wrong with it (of `only`, when given), and take
        back what was said about a field that is now all right. A problem of the step as a
        whole is said at its end."""
        said: dict[Widget, list[str]] = {}
        for field, text in problems:  # a field without an id cannot have a note of its own
            said.setdefault(field if field is not None and field.id else self, []).append(text)
        fields = [only] if only is not None else [w for w in self.query("*") if w.focusable]
        for field in fields:
            self._note_under(field, " ".join(said.get(field, [])))
        if only is None:
            self._note_at_end(" ".join(said.get(self, [])))

    def show_first_problem(self, problems: list[tuple[Widget | None, str]]) -> None:
        """The keyboard to the first field with a problem, its note brought into view, so
        what was said is where the person looks."""
        field = next((f for f, _ in problems if f is not None), None)
        if field is not None and field.focusable:
            self.screen.set_focus(field)
        found = self.query(f"#{field.id}-problem" if field is not None and field.id
                           else "#step-problem")
        if found:
            self.call_after_refresh(found.first().scroll_visible, animate=False)

    def _said_now(self, field: Widget) -> list[tuple[Widget | None, str]]:
        """What to say under `field` now: its problems, and what it was asked for on Next
        while it is still not given."""
        asked = bool(field.id) and bool(self.query(f"#{field.id}-problem"))
        return [*self.every_problem(), *(self.missing() if asked else [])]

    def _note_at_end(self, text: str) -> None:
        found = self.query("#step-problem")
        if not text:
            found.remove()
        elif found:
            found.first(Static).update(literal(text))
        else:
            self.mount(Static(literal(text), id="step-problem", classes="field-problem"))

    def _note_under(self, field: Widget, text: str) -> None:
        if field.id is None or field.parent is None:
            return
        found = self.query(f"#{field.id}-problem")
        if not text:
            found.remove()
            return
        if found:
            found.first(Static).update(literal(text))
            return
        # A field in a row of fields: the note goes under the row, after the notes of
        # the fields before it in the row.
        anchor = field.parent if isinstance(field.parent, Horizontal) else field
        container = anchor.parent
        if not isinstance(container, Widget):
            return
        row = [w.id for w in anchor.children if w.focusable] if anchor is not field else []
        mine = row.index(field.id) if field.id in row else len(row)
        after: Widget = anchor
        for sibling in list(container.children)[container.children.index(anchor) + 1:]:
            earlier = (sibling.has_class("field-problem") and sibling.id is not None
                       and sibling.id.removesuffix("-problem") in row
                       and row.index(sibling.id.removesuffix("-problem")) < mine)
            if not earlier:
                break
            after = sibling
        container.mount(Static(literal(text), id=f"{field.id}-problem",
                               classes="field-problem"), after=after)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """A field is checked as the keyboard leaves it, so a problem shows there and then,
        not only when Next is pressed."""
        field = event.widget
        if self.is_attached and field.is_attached and not self.timed:
            self.show_problems(self._said_now(field), only=field)

    def on_rating_changed(self, event: Rating.Changed) -> None:
        """A number chosen: what was asked of the scale goes."""
        if self.is_attached and event.rating.is_attached and not self.timed:
            self.show_problems(self._said_now(event.rating), only=event.rating)

    def result(self) -> dict[str, Any] | None:
        """The step's data when Next is pressed; None when nothing was given (a skip)."""
        return {}

    def field_submitted(self, field: Input) -> Awaitable[None] | None:
        """Enter in one of the step's fields: the next field, or on after the last. Called
        as the key is handled, so the keys after Enter go where it put the keyboard; what
        it returns is awaited there too."""
        inputs = [i for i in self.query(Input) if i.display]
        if field in inputs and inputs.index(field) + 1 < len(inputs):
            # At once: focus() would move it in a later message, after keys already typed.
            self.screen.set_focus(inputs[inputs.index(field) + 1])
            return None
        return self.advance()

    async def advance(self) -> None:
        """On from the step as if Next was pressed, at once, so the keys typed after go to
        the next step; by the Advance message where the screen has no Next."""
        if not await self.app.run_action("next", self.screen):
            self.post_message(self.Advance())

    def pause(self) -> None:
        """Pause a timed step."""

    def resume(self) -> None:
        """Resume a timed step."""

    def focus_first(self) -> None:
        """Put the keyboard where the person starts: at once, as focus() would do it in a
        later message, after keys already typed for the step (they would go nowhere)."""
        for widget in self.query("*"):
            if widget.focusable:
                self.screen.set_focus(widget)
                return


@runtime_checkable
class ClockedStep(Protocol):
    """What the run screen needs of a step that runs on a clock (coach.tui.steps.timed): its
    stage ("before", "exercise", "after", "finished"), and pausing its exercise."""

    @property
    def stage(self) -> str: ...
    @property
    def is_paused(self) -> bool: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...


def on_the_clock(widget: StepWidget | None) -> ClockedStep | None:
    """The step shown, if it is timed now (an instruction without seconds is not)."""
    if widget is not None and widget.timed and isinstance(widget, ClockedStep):
        return widget
    return None
