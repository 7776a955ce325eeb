"""The support plan, one key away from every screen: what the person wrote for harder days.

A modal screen over wherever the person was, so closing it (Esc, or the key
that opened it) returns them there exactly as they left it. The plan is read
in a worker thread (a file, and perhaps a private copy written); everything in
it is shown literally.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from coach.support.load import PlanResult
from coach.support.plan import (
    EDIT_COMMAND,
    MAKE_IT_YOURS,
    NOT_FILLED_IN,
    SECTIONS,
    Contact,
    SupportPlan,
)
from coach.tui.app_access import coach_app
from coach.tui.text import literal
from coach.tui.widgets.glyphs import plain_words
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.worker_errors import ReportsWorkerErrors

EMERGENCY = "If you are in danger now, call your local emergency number first."
RESTORE_COMMAND = "coach support --restore"


def contact_line(contact: Contact) -> Content:
    """A name, and how to reach them when the plan says."""
    if not contact.how:
        return literal(contact.name).stylize("bold")
    return Content.assemble(literal(contact.name).stylize("bold"), ("  ·  ", "dim"),
                            literal(contact.how))


def entry_line(entry: str | Contact) -> Content:
    body = contact_line(entry) if isinstance(entry, Contact) else literal(entry)
    return Content.assemble(("• ", "$accent"), body)


def plan_sections(plan: SupportPlan) -> Content:
    """Each section that has something in it: its heading, what it is for, its entries."""
    blocks = []
    for field, heading, explanation in SECTIONS:
        entries = getattr(plan, field)
        if not entries:
            continue
        lines = [Content.styled(heading, "bold $accent"), Content.styled(explanation, "dim")]
        lines.extend(entry_line(entry) for entry in entries)
        blocks.append(Content("\n").join(lines))
    if not blocks:
        return Content(f"Your plan is empty so far. Write it on a calmer day with: {EDIT_COMMAND}")
    return Content("\n\n").join(blocks)


def source_note(result: PlanResult) -> Content | None:
    """A gentle word when the plan shown is not support.yaml as it is now, and how to change it."""
    if result.source == "yours" and not result.errors and not result.is_example:
        return None
    if result.emptied:
        when = f", from {result.saved_on:%-d %B %Y}" if result.saved_on else ""
        lines = [Content.assemble(f"Your support plan is empty, so this is the last plan you "
                                  f"saved{when}, kept at ", literal(str(result.path)), "."),
                 Content.assemble("Put it back with: ", (RESTORE_COMMAND, "bold"))]
        lines.extend(literal(str(problem)).stylize("dim") for problem in result.problems)
        return Content("\n").join(lines)
    how = " Change it with: "
    if result.source == "example" and result.errors:
        said = ("Your support plan has a mistake and no earlier version was kept, so this "
                "is the example that comes with coach.")
    elif result.source == "last good" and result.is_example:
        said = ("Your support plan has a mistake, so this is the last version that worked: "
                "the example that comes with coach, not filled in yet.")
    elif result.is_example:
        said, how = f"{NOT_FILLED_IN}: this is the example that comes with coach.", \
            f" {MAKE_IT_YOURS} "
    elif result.source == "last good":
        said = ("Your support plan has a mistake, so this is the last version that worked; "
                "nothing in it is lost.")
    else:
        said = "Your support plan has something to look at."
    lines = [Content.assemble(said, how, (EDIT_COMMAND, "bold"))]
    lines.extend(literal(str(problem)).stylize("dim") for problem in result.problems)
    return Content("\n").join(lines)


class SupportScreen(ReportsWorkerErrors, ModalScreen[None]):
    CSS_PATH = "support.tcss"
    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("r", "quick_reset", "Quick reset"),
        Binding("n", "statement", "About coach"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="support-dialog"):
            yield Static("Your support plan", id="support-title")
            yield Static(EMERGENCY, id="support-emergency")
            with VerticalScroll(id="support-scroll"):
                yield Static(id="support-note")
                opening = plain_words("Opening your plan…", coach_app(self).plain)
                yield Static(Content.styled(opening, "dim"), id="support-plan")
                yield Static(self._offer(), id="support-offer")
        yield KeyBar()

    def _offer(self) -> Content:
        """The quick reset offered, with its length as the routine is now (the person's own
        copy may be longer or shorter than the shipped one)."""
        from coach.insight.progress import format_duration
        from coach.tui.routine_start import QUICK_RESET

        routine = coach_app(self).catalog.routines.get(QUICK_RESET)
        length = f" (about {format_duration(routine.estimated_seconds())})" if routine else ""
        return Content.assemble(
            "Press ", ("r", "bold"), f" for a quick reset{length}: slow breathing with a long "
            "out-breath, then grounding. What you were doing waits for you.")

    def on_mount(self) -> None:
        self.query_one("#support-note", Static).display = False
        self.query_one("#support-scroll", VerticalScroll).focus()
        self.load_plan()

    def binding_label(self, action: str) -> str | None:
        """The key that opened the plan closes it here."""
        return "Close" if action == "support" else None

    @work(thread=True, exit_on_error=False)
    def load_plan(self) -> None:
        try:
            result = coach_app(self).support_loader()
        except Exception as err:  # the plan's own loader reports problems; this is a last guard
            self.app.call_from_thread(self.show_failure, err)
            return
        self.app.call_from_thread(self.show_plan, result)

    def show_plan(self, result: PlanResult) -> None:
        self.result = result
        note = source_note(result)
        widget = self.query_one("#support-note", Static)
        widget.display = note is not None
        if note is not None:
            widget.update(note)
        self.query_one("#support-plan", Static).update(plan_sections(result.plan))

    def show_failure(self, err: Exception) -> None:
        self.query_one("#support-plan", Static).update(Content.assemble(
            "Your plan could not be opened: ", literal(str(err) or type(err).__name__),
            f". Check it with: {EDIT_COMMAND}"))

    def action_close(self) -> None:
        self.dismiss(None)

    def action_quick_reset(self) -> None:
        coach_app(self).routines.quick_reset()

    def action_statement(self) -> None:
        from coach.tui.screens.statement import StatementScreen

        self.app.push_screen(StatementScreen())
