"""Mood by day over a range: gaps where there was no check-in, morning and evening apart.

A check-in is the morning's or the evening's as its routine is: a routine due before 15:00
is a morning routine, so a morning routine done late still counts for the morning. Records
do not hold the routine's time, and a routine's name is the person's free text, so its
time now is what tells (a routine moved from morning to evening moves its past check-ins
with it). A check-in of a routine with no set time, or one no longer there, is the part of
the day it was given in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

from coach.store.digest import EVENING_FROM_HOUR, MORNING_FROM_HOUR

if TYPE_CHECKING:
    from coach.routine.model import Routine

#: Routine id -> "m" (a morning routine) or "e" (an evening one), for routines with a time;
#: a sorted tuple of pairs, so figures can be kept by it.
Parts = tuple[tuple[str, str], ...]


def parts_of(routines: Mapping[str, Routine]) -> Parts:
    """Each scheduled routine's part of the day, by its time (as a check-in's clock is split:
    the small hours before the day starts are the evening before)."""
    return tuple(sorted(
        (routine_id, "m" if MORNING_FROM_HOUR <= routine.schedule.at.hour < EVENING_FROM_HOUR
         else "e")
        for routine_id, routine in routines.items() if routine.schedule is not None))


class MoodPoint(NamedTuple):
    """The check-ins of one routine day (0-10); None where there was none. A named tuple:
    all history is thousands of them, made three times faster than a frozen dataclass."""

    day: date
    morning: float | None
    evening: float | None
    #: Of every rating that day.
    average: float | None


@dataclass(frozen=True)
class MoodSummary:
    #: Only the days with a check-in, oldest first: a day without one is a gap, never a 0.
    points: tuple[MoodPoint, ...]
    average: float | None
    morning_average: float | None
    evening_average: float | None

    @property
    def both_parts(self) -> bool:
        """Whether there are morning and evening check-ins to tell apart."""
        return self.morning_average is not None and self.evening_average is not None


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def mood_summary(moods: Mapping[date, list[tuple[int, str, str]]], first: date,
                 last: date, parts: Parts = ()) -> MoodSummary:
    """The check-ins of the days from `first` to `last`, by day and on average (each
    check-in counts once, so a day with two weighs twice), morning and evening by their
    routines' `parts`."""
    part_of = dict(parts)
    points = []
    every: list[int] = []
    by_part: dict[str, list[int]] = {"m": [], "e": []}
    for day in sorted(d for d in moods if first <= d <= last):
        ratings = moods[day]
        if not ratings:
            continue
        morning, evening = [], []
        for rating, given_in, routine in ratings:
            (morning if part_of.get(routine, given_in) == "m" else evening).append(rating)
        every.extend(rating for rating, _, _ in ratings)
        by_part["m"].extend(morning)
        by_part["e"].extend(evening)
        points.append(MoodPoint(day, _mean(morning), _mean(evening),
                                _mean([rating for rating, _, _ in ratings])))
    return MoodSummary(tuple(points), _mean(every), _mean(by_part["m"]), _mean(by_part["e"]))
