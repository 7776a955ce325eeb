"""What goes with better days: the day's mood on days with an activity or a routine, and
on the other days.

A day's mood is the average of its check-ins; only days with a check-in count, on either
side. An activity is "with" a day it was reviewed as done that day; a routine, a day it
was finished. A line is given only when both sides rest on at least MIN_DAYS days: a
handful of days says little. These are days that went together, never causes, and the
words that show them say so (see RULE).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple, Protocol

from coach.insight.activities import name_key
from coach.insight.history import Plan, Review

#: Days with a check-in each side needs before a line is shown.
MIN_DAYS = 5
RULE = (f"Shown when both sides have at least {MIN_DAYS} days with a check-in. "
        "Days that go together, not causes.")


class Side(NamedTuple):
    """The average of the day's moods over `days` days."""

    mood: float
    days: int


@dataclass(frozen=True)
class Line:
    #: The activity as the person last wrote it, or the routine's id.
    name: str
    with_: Side
    without: Side

    @property
    def difference(self) -> float:
        return self.with_.mood - self.without.mood


@dataclass(frozen=True)
class BetterDays:
    #: Each sorted by the difference, largest first; only lines with MIN_DAYS each side.
    activities: tuple[Line, ...]
    routines: tuple[Line, ...]
    #: Days of the range with a check-in.
    mood_days: int

    def with_better_days(self) -> list[str]:
        """The activities' names that went with better days, the largest difference first."""
        return [line.name for line in self.activities if line.difference > 0]


class FinishedDays(Protocol):
    """What a routine's records answer (insight.history.RoutineRecords, store.series)."""

    def is_finished(self, day: date) -> bool: ...


def day_moods(moods: Mapping[date, list[tuple[int, str, str]]], first: date,
              last: date) -> dict[date, float]:
    """Each day from `first` to `last` with a check-in, and the average of its check-ins."""
    return {day: sum(rating for rating, _, _ in ratings) / len(ratings)
            for day, ratings in moods.items() if first <= day <= last and ratings}


def _line(name: str, with_days: Iterable[date], by_day: Mapping[date, float],
          total: float) -> Line | None:
    """The line for the days in `with_days` (those with a mood), or None short of MIN_DAYS."""
    moods = [by_day[day] for day in with_days if day in by_day]
    other_days = len(by_day) - len(moods)
    if len(moods) < MIN_DAYS or other_days < MIN_DAYS:
        return None
    with_sum = sum(moods)
    return Line(name, Side(with_sum / len(moods), len(moods)),
                Side((total - with_sum) / other_days, other_days))


def _sorted(lines: Iterable[Line | None]) -> tuple[Line, ...]:
    return tuple(sorted((line for line in lines if line is not None),
                        key=lambda line: (-line.difference, line.name.casefold())))


def better_days(moods: Mapping[date, list[tuple[int, str, str]]], plans: Mapping[str, Plan],
                reviews: Mapping[str, Review], routines: Mapping[str, FinishedDays],
                first: date, last: date) -> BetterDays:
    """Over the days from `first` to `last`: each activity (grouped by its name, whatever
    its case and spacing) and each routine (ids starting with "_" are not routines)."""
    by_day = day_moods(moods, first, last)
    total = sum(by_day.values())
    days_of: dict[str, set[date]] = {}
    latest: dict[str, Plan] = {}
    for key, review in reviews.items():
        plan = plans.get(key)
        if not review.done or plan is None or not first <= review.day <= last:
            continue
        name = name_key(plan.name)
        if not name:
            continue
        days_of.setdefault(name, set()).add(review.day)
        if name not in latest or plan.day >= latest[name].day:
            latest[name] = plan
    activities = _sorted(_line(latest[name].name, days, by_day, total)
                         for name, days in days_of.items())
    routine_lines = _sorted(
        _line(routine_id, [day for day in by_day if records.is_finished(day)], by_day, total)
        for routine_id, records in routines.items() if not routine_id.startswith("_"))
    return BetterDays(activities, routine_lines, len(by_day))


def better_first(names: list[str], figures: BetterDays) -> list[str]:
    """`names` with those that went with better days first (the largest difference first),
    the rest in their order."""
    rank = {name_key(name): n for n, name in enumerate(figures.with_better_days())}
    return sorted(names, key=lambda name: rank.get(name_key(name), len(rank)))


TITLE = "What goes with better days"
#: When no line qualifies: what it takes, kindly.
NOTHING_YET = (f"Nothing to compare yet: this needs at least {MIN_DAYS} days with a check-in "
               f"on days with an activity or a routine, and {MIN_DAYS} without. Each "
               "check-in helps.")


def _side(side: Side) -> str:
    return f"{side.mood:.1f} ({side.days} days)"


def activity_words(line: Line) -> tuple[str, str]:
    """What is said before and after the activity's name (the person's text, shown as
    written)."""
    return ("On days with ", f" your mood averaged {_side(line.with_)}; on other days "
                             f"{_side(line.without)}.")


def routine_words(line: Line) -> str:
    """What is said after the routine's title."""
    return f": finished {_side(line.with_)}, not finished {_side(line.without)}."
