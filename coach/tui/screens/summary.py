"""The end of a routine: a short, kind summary, then home."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.insight.progress import format_duration
from coach.session.run import RoutineRun
from coach.support.plan import SupportPlan
from coach.tui.text import literal
from coach.tui.widgets.key_bar import KeyBar


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
            yield Static(self.summary(), id="summary-text")
        yield KeyBar()

    def summary(self) -> Content:
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
                    shown = " → ".join(str(v) for v in (before, after) if v is not None)
                    note = literal(f"  distress {shown}", one_line=True).stylize("dim")
            lines.append(Content.assemble(mark, literal(step.title), note))
        lines.append(Content(""))
        lines.append(Content("Thank you for taking this time for yourself."))
        return Content("\n").join(lines)

    def show_net(self, plan: SupportPlan) -> None:
        """The gentle net below the summary, after a low check-in at the end of the routine."""
        from coach.tui.widgets.safety_net import SafetyNet

        self.query("#safety-net").remove()
        self.mount(SafetyNet(plan), after="#summary")

    def action_home(self) -> None:
        self.dismiss(None)
