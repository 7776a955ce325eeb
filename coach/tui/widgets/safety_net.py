"""The gentle net: after a low check-in, what the person wrote for such days, never in the way.

Not focusable and not modal: it sits below what the person is doing. It shows
only their own coping strategies and contacts from the support plan, and the
key to the whole plan; never what they wrote in a journal, never a verdict.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from coach.support.plan import Contact, SupportPlan
from coach.tui.text import literal

#: Entries shown from each part of the plan, and how much of each; the whole plan is one key
#: away. One line a part keeps the net small enough to sit below a step at 80x24.
MOST_SHOWN = 2
LONGEST_SHOWN = 40


def _short(text: str) -> Content:
    shown = literal(text, one_line=True)
    if shown.cell_length > LONGEST_SHOWN:
        shown = shown[:LONGEST_SHOWN - 1] + "…"
    return shown


def _entry(entry: str | Contact) -> Content:
    if isinstance(entry, Contact):
        return Content.assemble(_short(entry.name), *((", ", _short(entry.how))
                                                      if entry.how else ()))
    return _short(entry)


def _part(label: str, entries: tuple[str | Contact, ...]) -> Content:
    shown = [_entry(entry) for entry in entries[:MOST_SHOWN]]
    if len(entries) > MOST_SHOWN:
        shown.append(Content.styled(f"and {len(entries) - MOST_SHOWN} more", "dim"))
    return Content.assemble((label, "bold"), "  ", Content(" · ").join(shown))


def net_message(plan: SupportPlan) -> Content:
    """A thank-you, then what the person wrote to do and whom to reach, then the key."""
    lines = [Content("Thank you for checking in. For days like this, you wrote:")]
    for label, entries in (("Things you can do", plan.coping), ("People", plan.people),
                           ("Professionals", plan.professionals)):
        if entries:
            lines.append(_part(label, entries))
    lines.append(Content.assemble(("^g", "bold"), (" your whole plan · in an emergency, call "
                                                   "your local emergency number first", "dim")))
    return Content("\n").join(lines)


class SafetyNet(Static):
    DEFAULT_CSS = """
    SafetyNet {
        height: auto; padding: 0 2;
        border-top: solid $primary; background: $boost;
    }
    """

    def __init__(self, plan: SupportPlan) -> None:
        super().__init__(net_message(plan), id="safety-net")
