"""Distress before and after each kind of exercise: what helps, in the person's own ratings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from coach.insight.history import Rated


@dataclass(frozen=True)
class Effect:
    step_type: str
    before: float
    after: float
    sessions: int


def exercise_effects(rated: Iterable[Rated], first: date, last: date) -> list[Effect]:
    """Average distress before and after, per step type, for the days from `first` to
    `last`; the most practised first."""
    by_type: dict[str, list[Rated]] = defaultdict(list)
    for entry in rated:
        if first <= entry.day <= last:
            by_type[entry.step_type].append(entry)
    effects = [Effect(step_type, sum(e.before for e in entries) / len(entries),
                      sum(e.after for e in entries) / len(entries), len(entries))
               for step_type, entries in by_type.items()]
    return sorted(effects, key=lambda e: (-e.sessions, e.step_type))
