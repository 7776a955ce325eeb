"""pmr: progressive muscle relaxation, group by group."""

from __future__ import annotations

from dataclasses import dataclass

from coach.practice.pmr import DEFAULT_INSTRUCTION, PRESETS, MuscleGroup
from coach.routine.kinds import Choice, Flag, ListOf, Number, OneOf, Text
from coach.routine.record import Record, option
from coach.routine.steps.base import Step, register


@dataclass(frozen=True, kw_only=True)
class CustomGroup:
    name: str = option(Text(60), "The muscle group.", required=True, default="")
    instruction: str = option(Text(300), "How to tense it.", default=DEFAULT_INSTRUCTION)

    def to_group(self) -> MuscleGroup:
        return MuscleGroup(self.name, self.instruction)


class _GroupName(Text):
    """A bare group name in a custom list, with the default instruction."""

    def read_checked(self, node, ctx):  # type: ignore[no-untyped-def]
        value = super().read_checked(node, ctx)
        return value if not isinstance(value, str) else MuscleGroup(value, DEFAULT_INSTRUCTION)


_GROUPS = OneOf(
    Choice({str(count): groups for count, groups in PRESETS.items()}, "16, 7 or 4"),
    ListOf(OneOf(_GroupName(60), Record(CustomGroup, "a muscle group",
                                        build=CustomGroup.to_group)),
           min_items=1, max_items=30, single_ok=False),
)


@register
@dataclass(frozen=True, kw_only=True)
class PmrStep(Step):
    type_name = "pmr"
    default_title = "Progressive muscle relaxation"
    summary = "Tense and release each muscle group in turn, with timed countdowns."

    groups: tuple[MuscleGroup, ...] = option(
        _GROUPS, "16, 7 or 4 (the standard scripts), or your own list of groups: names, or "
        "{name: ..., instruction: ...}.", default=PRESETS[7])
    tense_seconds: float = option(Number(2, 20, unit="seconds"),
                                  "Seconds to hold the tension (5-7 is usual).", default=5)
    release_seconds: float = option(Number(5, 90, unit="seconds"),
                                    "Seconds to release and notice the difference "
                                    "(30-40 in the full version, 15-20 for everyday use).",
                                    default=20)
    closing_seconds: float = option(Number(0, 600, unit="seconds"),
                                    "A quiet time at the end to notice the relaxation.",
                                    default=60)
    rate_distress: bool = option(Flag(), "Ask for a 0-10 distress rating before and after.",
                                 default=False)

    @property
    def length_seconds(self) -> float:
        return len(self.groups) * (self.tense_seconds + self.release_seconds) + self.closing_seconds
