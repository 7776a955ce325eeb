"""A routine's measured numbers over the days the history screen shows, and the lines that
say them: the target, how often it was reached, and the latest numbers, newest last."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from coach.foundation.measures import number_text, share_of_target, with_unit
from coach.routine.model import Routine
from coach.routine.steps.measure import MeasureStep


@dataclass(frozen=True)
class MeasuredSeries:
    """One measure step's numbers, oldest first."""

    title: str
    unit: str
    target: float
    direction: str
    values: tuple[tuple[date, float], ...]

    @property
    def reached(self) -> int:
        """On how many of the days entered the target was reached."""
        return sum(1 for _, value in self.values
                   if share_of_target(value, self.target, self.direction) >= 1)


def measured_series(routine: Routine, measured: Mapping[date, Mapping[str, list[Any]]],
                    since: date, today: date) -> tuple[MeasuredSeries, ...]:
    """Each measure step of the routine with its numbers from `since` to today (`measured`:
    day -> step id -> [value, unit, target, direction], see store.digest)."""
    found = []
    for step in routine.steps:
        if not isinstance(step, MeasureStep) or step.target is None:
            continue
        values = tuple((day, steps[step.id][0]) for day, steps in sorted(measured.items())
                       if since <= day <= today and step.id in steps)
        found.append(MeasuredSeries(step.title, step.unit, step.target, step.direction,
                                    values))
    return tuple(found)


def measured_lines(series: MeasuredSeries, width: int) -> tuple[str, str]:
    """Two lines within `width` cells: "Hours slept · at least 7 hours · reached on 3 of 5
    days", and the latest numbers ("Dec 5: 7.5, Dec 6: 6", as many as fit, newest last),
    each marked '+' when it reached the target (no colour needed to read it)."""
    head = (f"{series.title} · {series.direction} {with_unit(series.target, series.unit)}")
    if not series.values:
        return head, "  No numbers entered in these days yet."
    count = len(series.values)
    head += f" · reached on {series.reached} of {count} day{'s' if count != 1 else ''}"
    parts: list[str] = []
    room = width - len("  ") - len(" (+ reached)")
    for day, value in reversed(series.values):
        mark = "+" if share_of_target(value, series.target, series.direction) >= 1 else ""
        part = f"{day:%b} {day.day}: {number_text(value)}{mark}"
        if sum(len(p) + 2 for p in parts) + len(part) > room:
            break
        parts.insert(0, part)
    return head, "  " + ", ".join(parts) + " (+ reached)"

