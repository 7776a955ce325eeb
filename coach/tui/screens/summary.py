"""The end of a routine: a short, kind summary of what was done and said, then home."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.insight.progress import format_duration
from coach.session.run import RoutineRun
from coach.tui.app_access import coach_app
from coach.tui.messages import SavingChanged
from coach.tui.saving import why_behind
from coach.tui.text import literal
from coach.tui.widgets.glyphs import plain_words
from coach.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from coach.support.load import PlanResult


#: Where what the person wrote or chose starts, under its step.
_INDENT = "    "
#: #summary's padding on each side (summary.tcss), for the first showing before layout.
_PADDING = 3


def _texts(value: object) -> list[str]:
    """The non-empty texts of a list a record holds (tolerant of hand-edited data)."""
    return [str(item) for item in value if str(item).strip()] if isinstance(value, list) else []


def said_in(step_type: str, data: dict[str, Any]) -> list[Content]:
    """What the person wrote or chose in a step, a line each, shown back literally."""
    if step_type == "gratitude":
        return [literal(item, one_line=True) for item in _texts(data.get("items"))]
    if step_type == "activity_plan":
        activities = data.get("activities")
        return [Content.assemble((f"{activity.get('time') or 'any time'} · ", "dim"),
                                 literal(activity.get("name", ""), one_line=True))
                for activity in (activities if isinstance(activities, list) else [])
                if isinstance(activity, dict) and str(activity.get("name", "")).strip()]
    if step_type == "mood":
        lines = []  # the rating is said above ("Your mood: 7 out of 10.")
        if feelings := _texts(data.get("feelings")):
            lines.append(literal(", ".join(feelings), one_line=True))
        if str(data.get("note") or "").strip():
            lines.append(literal(f"“{data['note']}”", one_line=True))
        return lines
    return []


class SummaryText(Static):
    """The summary, wrapped to its width: made again when the width changes."""

    def on_resize(self, event: events.Resize) -> None:
        screen = self.screen
        if isinstance(screen, SummaryScreen):
            self.update(screen.summary(event.size.width))


class SummaryScreen(Screen[None]):
    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("enter", "home", "Home"),
        Binding("escape", "home", "Home", show=False),
    ]

    def __init__(self, run: RoutineRun, seconds: float) -> None:
        super().__init__()
        self.routine_run = run
        self.seconds = seconds

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="summary"):
            yield SummaryText(self.summary(self.app.size.width - 2 * _PADDING),
                              id="summary-text")
        yield KeyBar()

    def summary(self, width: int) -> Content:
        """The summary; what the person wrote wraps whole at `width` cells, under its step."""
        run = self.routine_run
        done = run.done_count
        total = len(run.steps)
        lines = [Content.assemble(literal(run.routine.title), (" · finished", "")).stylize("bold"),
                 Content("")]
        spent = sum((o.ended - o.started).total_seconds() for o in run.outcomes.values())
        lines.append(Content(f"You did {done} of {total} steps in "
                             f"{format_duration(max(self.seconds, spent))}."))
        mood = run.outcome_of_type("mood")
        if mood and mood.data.get("rating") is not None:
            lines.append(literal(f"Your mood: {mood.data['rating']} out of 10.", one_line=True))
        lines.append(Content(""))
        for step in run.steps:
            outcome = run.outcomes.get(step.id)
            if outcome and outcome.status == "done":
                mark = Content.styled("✓ ", "$success")
            else:
                mark = Content.styled("· ", "dim")
            note = Content.styled("  skipped, and that is fine", "dim") if (
                outcome is None or outcome.status == "skipped") else Content("")
            if outcome is not None and outcome.status == "done":
                before = outcome.data.get("distress_before")
                after = outcome.data.get("distress_after")
                if before is not None or after is not None:
                    shown = plain_words(" → ", coach_app(self).plain).join(str(v) for v in (before, after) if v is not None)
                    note = literal(f"  distress {shown}", one_line=True).stylize("dim")
            lines.append(Content.assemble(mark, literal(step.title), note))
            if outcome is not None and outcome.status == "done":
                lines.extend(Content.assemble(_INDENT, part)
                             for said in said_in(outcome.step_type, outcome.data)
                             for part in said.wrap(max(width - len(_INDENT), 1)))
        lines.append(Content(""))
        behind = coach_app(self).saves.behind
        if behind is not None:  # the summary says what was done, not that it is on disk
            lines.append(Content.styled(
                f"Not all of this is saved yet ({why_behind(behind)}). coach keeps it and "
                "tries again every few seconds; quitting offers to keep it in a file.",
                "$warning"))
            lines.append(Content(""))
        lines.append(Content("Thank you for taking this time for yourself."))
        return Content("\n").join(lines)

    def on_saving_changed(self, _message: SavingChanged) -> None:
        text = self.query_one("#summary-text", SummaryText)
        text.update(self.summary(text.size.width or self.app.size.width - 2 * _PADDING))

    def show_net(self, result: PlanResult) -> None:
        """The gentle net below the summary, after a low check-in at the end of the routine."""
        from coach.tui.widgets.safety_net import SafetyNet

        self.query("#safety-net").remove()
        self.mount(SafetyNet(result), after="#summary")

    def binding_label(self, action: str) -> Content | None:
        """Enter says where it leads: home, or back to the routine (or screen) the quick reset
        was started over, which is what lies below the summary."""
        if action != "home":
            return None
        from coach.tui.screens.home import HomeScreen
        from coach.tui.screens.run import RunScreen

        stack = self.app.screen_stack
        below = stack[stack.index(self) - 1] if self in stack and stack.index(self) > 0 else None
        if below is None or isinstance(below, HomeScreen):
            return None
        if isinstance(below, RunScreen):
            return Content.assemble("Back to ", literal(below.routine_run.routine.title,
                                                        one_line=True))
        return Content("Back")

    def action_home(self) -> None:
        self.dismiss(None)
