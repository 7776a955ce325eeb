"""journal: free writing, started by a prompt that changes from day to day."""

from __future__ import annotations

from dataclasses import dataclass

from coach.practice.prompts import JOURNAL_PROMPTS
from coach.routine.kinds import ListOf, Text
from coach.routine.record import option
from coach.routine.steps.base import Step, register


@register
@dataclass(frozen=True, kw_only=True)
class JournalStep(Step):
    type_name = "journal"
    typical_seconds = 300
    default_title = "Journal"
    summary = "Write freely; a prompt from the list helps you start, a different one each day."

    prompts: tuple[str, ...] = option(ListOf(Text(300), max_items=100),
                                      "Prompts shown in turn, one a day.",
                                      default=JOURNAL_PROMPTS)
