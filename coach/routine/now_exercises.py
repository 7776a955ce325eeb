"""The exercises "I need something now" can offer: three shipped with coach, and every
breathing, muscle relaxation or grounding step of the person's own routines.

The shipped three are steps like any routine's, built from the same step types with
short everyday settings: slow breathing (the NHS's relaxed breathing, in and out for a
count of five, two minutes), 5-4-3-2-1 grounding, and progressive muscle relaxation in
its four-group version (tense about 5 s, release about 15 s; see shared practice notes
on PMR). Each exercise has a key that its records and ratings carry: "coach:breathing"
for a shipped one, "<routine id>/<step id>" for a routine's step.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from coach.practice.breathing import PRESETS as BREATHING
from coach.practice.pmr import PRESETS as PMR
from coach.routine.model import Routine
from coach.routine.steps import Step
from coach.routine.steps.breathing import BreathingStep
from coach.routine.steps.grounding import GroundingStep
from coach.routine.steps.pmr import PmrStep

#: The step types that help with distress now and can be offered on their own.
NOW_TYPES = ("breathing", "grounding", "pmr")
SHIPPED_PREFIX = "coach:"


@dataclass(frozen=True)
class Exercise:
    #: "coach:breathing", or "<routine id>/<step id>".
    key: str
    step: Step
    #: The routine it comes from, by title ("" for a shipped one).
    routine_title: str = ""
    #: What it does, in a few words: the reason given before the person has tried it.
    about: str = ""

    @property
    def title(self) -> str:
        return self.step.title or self.step.title_by_default()


SHIPPED: tuple[Exercise, ...] = (
    Exercise("coach:breathing", BreathingStep(
        id="breathing", title="Slow breathing",
        text="Breathe in gently through your nose for a count of five, then out for five. "
             "If you feel dizzy, breathe normally for a moment; that is fine.",
        pattern=BREATHING["relaxed"].pattern, minutes=2),
        about="a good first thing to try: slow breaths settle the body"),
    Exercise("coach:grounding", GroundingStep(
        id="grounding", title="Grounding: 5-4-3-2-1",
        text="Bring yourself back to the present, one sense at a time. A word or two for "
             "each thing is enough."),
        about="brings you back to here and now, one sense at a time"),
    Exercise("coach:pmr", PmrStep(
        id="pmr", title="Short muscle relaxation",
        text="Tense each group of muscles for a few seconds, then let go and notice the "
             "difference. Gently: it should never hurt.",
        groups=PMR[4], tense_seconds=5, release_seconds=15, closing_seconds=30),
        about="lets tension go from the body, a group of muscles at a time"),
)


def routine_exercises(routines: Iterable[Routine]) -> list[Exercise]:
    """Each breathing, muscle relaxation or grounding step of the routines, once (by key).
    The "now" path asks for the ratings itself, so a step's own are turned off."""
    found: dict[str, Exercise] = {}
    for routine in routines:
        for step in routine.steps:
            if step.type_name not in NOW_TYPES:
                continue
            if getattr(step, "rate_distress", False):
                step = replace(step, rate_distress=False)  # type: ignore[call-arg]
            found.setdefault(f"{routine.id}/{step.id}", Exercise(f"{routine.id}/{step.id}", step,
                                                                  routine.title))
    return list(found.values())


def now_exercises(routines: Iterable[Routine]) -> list[Exercise]:
    """The shipped three, then the routines' own."""
    return [*SHIPPED, *routine_exercises(routines)]
