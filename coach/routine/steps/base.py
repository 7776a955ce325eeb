"""The fields every step shares, and the registry of step types."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from coach.routine.kinds import Identifier, Text
from coach.routine.record import Finding, option

#: The step classes imported so far, by type; coach.routine.steps.STEP_TYPES imports the
#: others when they are asked for.
REGISTERED: dict[str, type[Step]] = {}

S = TypeVar("S", bound="type[Step]")


def register(cls: S) -> S:
    """Make a step class known by its `type_name`."""
    REGISTERED[cls.type_name] = cls
    return cls


@dataclass(frozen=True, kw_only=True)
class Step:
    """One step of a routine. Subclasses add the fields of their type."""

    #: The `type:` written in the routine file.
    type_name: ClassVar[str] = ""
    #: The title shown when the file gives none.
    default_title: ClassVar[str] = ""
    #: One line on what the step does, for the schema and `coach schema`.
    summary: ClassVar[str] = ""
    #: About how long a person takes over a step that is not timed, for the routine's
    #: "about N min" (a timed step's own length counts instead).
    typical_seconds: ClassVar[int] = 90

    id: str = option(Identifier(), "A stable id for this step; its history follows the id, so "
                     "the title can change freely. Defaults to the type (breathing, "
                     "breathing-2, ...).", default="")
    title: str = option(Text(60), "The heading shown for the step.", default="")
    text: str | None = option(Text(2000, multiline=True), "What the step says to you, "
                              "in your own words. Each type has a kind default.", default=None)

    def title_by_default(self) -> str:
        """The title shown when the file gives none; a type may make it follow its fields."""
        return self.default_title

    def check(self) -> Iterable[Finding]:
        """Problems that involve more than one field; none by default."""
        return ()
