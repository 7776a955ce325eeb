"""The support plan: what the person wrote for themselves, in the Stanley-Brown order.

Every section is optional and holds any number of entries. People and
professionals are contacts: a plain line is a name, or `{name, how}` says how
to reach them. The fields are declared with `option()`, so this one module is
the model, the checker and the JSON Schema of support.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from coach.routine.kinds import INVALID, Context, ListOf, OneOf, Text
from coach.routine.record import Record, option

#: The most entries one section may hold; far more than a plan needs.
MAX_ENTRIES = 50
ENTRY_LENGTH = 300


@dataclass(frozen=True)
class Contact:
    """Someone to reach: a person, a professional or a service, and how to reach them."""

    name: str = option(Text(120), "Who: a name, a role or a service.", required=True, default="")
    how: str | None = option(Text(ENTRY_LENGTH), "How to reach them: a phone number, an "
                             "address, a time they are there.", default=None)


class _NameOnly(Text):
    """A contact written as one plain line: its name."""

    noun = "a name"

    def read_checked(self, node: yaml.ScalarNode, ctx: Context) -> Any:
        name = super().read_checked(node, ctx)
        return INVALID if name is INVALID else Contact(name)


CONTACT = OneOf(_NameOnly(120), Record(Contact, "a contact"))
_CONTACTS = ListOf(CONTACT, min_items=0, max_items=MAX_ENTRIES)
_LINES = ListOf(Text(ENTRY_LENGTH), min_items=0, max_items=MAX_ENTRIES)


@dataclass(frozen=True, kw_only=True)
class SupportPlan:
    """The seven sections, in order; each a tuple, empty when left out."""

    warning_signs: tuple[str, ...] = option(
        _LINES, "Warning signs: thoughts, moods, situations or habits that tell me a hard "
        "time may be starting.", default=())
    coping: tuple[str, ...] = option(
        _LINES, "Things I can do on my own to feel a little better or take my mind off "
        "things.", default=())
    distractions: tuple[str, ...] = option(
        _LINES, "People and places that help me feel better or take my mind off things.",
        default=())
    people: tuple[Contact, ...] = option(
        _CONTACTS, "People I can ask for help: a name, or {name, how} with how to reach them.",
        default=())
    professionals: tuple[Contact, ...] = option(
        _CONTACTS, "Professionals and services I can contact: my doctor or therapist, "
        "urgent care, a helpline. A name, or {name, how}.", default=())
    safer_surroundings: tuple[str, ...] = option(
        _LINES, "Ways to make my surroundings safer.", default=())
    reasons: tuple[str, ...] = option(
        _LINES, "What matters most to me: my reasons to keep going.", default=())

    def is_empty(self) -> bool:
        return not any(getattr(self, name) for name, _, _ in SECTIONS)


#: (field name, heading as shown to the person, one-line explanation), in plan order:
#: every printer and screen shows the same headings.
SECTIONS: tuple[tuple[str, str, str], ...] = (
    ("warning_signs", "My warning signs",
     "Thoughts, moods, situations or habits that tell me a hard time may be starting."),
    ("coping", "Things I can do on my own",
     "Small things that help me feel a little better or take my mind off things."),
    ("distractions", "People and places that help",
     "People and places that lift me or take my mind off things."),
    ("people", "People I can ask for help",
     "People I trust to talk to when things get hard."),
    ("professionals", "Professionals and services",
     "My doctor or therapist, urgent care and helplines."),
    ("safer_surroundings", "Making my surroundings safer",
     "Things I can do to keep myself safe where I am."),
    ("reasons", "What matters to me",
     "My reasons to keep going."),
)

PLAN_RECORD = Record(SupportPlan, "the support plan")

#: What every screen and command says of a plan that is still the shipped example, before
#: how to fill it in.
NOT_FILLED_IN = "Your support plan is not filled in yet"
EDIT_COMMAND = "coach edit support"
MAKE_IT_YOURS = "Make it yours, with your own people and places:"
#: The example's contacts that stand for the person's own say so in their name; the rest of
#: its contacts are real helplines.
PLACEHOLDER = "(put in their name)"


def helplines(plan: SupportPlan) -> tuple[Contact, ...]:
    """The example plan's real helplines: its professionals, less those to be put in."""
    return tuple(c for c in plan.professionals if PLACEHOLDER not in c.name)
