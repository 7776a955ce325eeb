"""The gentle net: after a low check-in, what the person wrote for such days, never in the way.

Not focusable and not modal: it sits below what the person is doing. It shows
only their own coping strategies and contacts from the support plan, whole and
wrapped, and the key to the whole plan; never what they wrote in a journal,
never a verdict. While the plan is still the shipped example, it says so and
how to fill it in, and shows the example's helplines instead.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from coach.support.load import PlanResult
from coach.support.plan import EDIT_COMMAND, NOT_FILLED_IN, Contact, helplines
from coach.tui.text import literal

#: Entries shown from each part of the plan, each whole; the whole plan is one key away.
MOST_SHOWN = 2
THANKS = "Thank you for checking in."


def _entry(entry: str | Contact) -> Content:
    if isinstance(entry, Contact):
        return Content.assemble(literal(entry.name, one_line=True),
                                *((", ", literal(entry.how, one_line=True)) if entry.how else ()))
    return literal(entry, one_line=True)


def _part(label: str, entries: tuple[str | Contact, ...], most: int = MOST_SHOWN) -> Content:
    shown = [_entry(entry) for entry in entries[:most]]
    if len(entries) > most:
        shown.append(Content.styled(f"and {len(entries) - most} more", "dim"))
    return Content.assemble((label, "bold"), "  ", Content(" · ").join(shown))


def _key_line(what: str, *, emergency: bool = True) -> Content:
    said = f" {what} · in an emergency, call your local emergency number first" if emergency \
        else f" {what}"
    return Content.assemble(("^g", "bold"), (said, "dim"))


def net_message(result: PlanResult) -> tuple[Content, Content]:
    """A thank-you, then what the person wrote to do and whom to reach; for the example plan,
    that it is not filled in yet, how to fill it, and the helplines. Then, apart, the key to
    the whole plan."""
    plan = result.plan
    if result.is_example:
        lines = [Content.assemble(f"{THANKS} {NOT_FILLED_IN}; make it yours with: ",
                                  (EDIT_COMMAND, "bold"))]
        if lines_to_call := helplines(plan):
            lines.append(_part("Helplines", lines_to_call, most=len(lines_to_call)))
        # The example's helplines end with the local emergency number: said once is enough
        # in the little room the net has.
        return Content("\n").join(lines), _key_line("the example plan",
                                                     emergency=not lines_to_call)
    parts = [_part(label, entries) for label, entries in (
        ("Things you can do", plan.coping), ("People", plan.people),
        ("Professionals", plan.professionals)) if entries]
    if parts:
        lines = [Content(f"{THANKS} For days like this, you wrote:"), *parts]
    else:
        lines = [Content.assemble(f"{THANKS} Your plan has no things to do or people to reach "
                                  "yet; add them on a calmer day with: ", (EDIT_COMMAND, "bold"))]
    return Content("\n").join(lines), _key_line("your whole plan")


class SafetyNet(VerticalScroll, can_focus=False):
    """The net: at most half the screen, so the step keeps its room. What a long plan holds
    beyond that scrolls (the whole plan is one key away); the key line stays in sight."""

    DEFAULT_CSS = """
    SafetyNet {
        height: auto; max-height: 50%; padding: 0 2;
        border-top: solid $primary; background: $boost;
    }
    SafetyNet > #safety-net-key { dock: bottom; }
    """

    def __init__(self, result: PlanResult) -> None:
        super().__init__(id="safety-net")
        self.words, self.key_line = net_message(result)

    def compose(self) -> ComposeResult:
        yield Static(self.words, id="safety-net-words")
        yield Static(self.key_line, id="safety-net-key")
