"""Which exercises to offer when a person needs something now, from their own ratings.

Each exercise's distress ratings before and after (0-10) give its average drop. An
exercise rated at least KNOWN_AFTER times is "known"; the known ones that lowered
distress come first, the most helpful first. Few sessions say little, so each reason
says how many an average rests on, and "few sessions so far" below that. One exercise
not tried in the last FRESH_DAYS days (or never) always has a place when there is one,
so the list does not narrow to one exercise forever. Without any history: paced
breathing, then grounding, then a short muscle relaxation (the usual first tools for
acute distress). Exercises the person marked "not for me" are never offered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from coach.insight.history import Rated
from coach.routine.now_exercises import Exercise

if TYPE_CHECKING:
    from coach.store.series import Series

#: Sessions from which an exercise's average is taken to say something.
KNOWN_AFTER = 3
#: An exercise not tried in this many days is offered again.
FRESH_DAYS = 14
#: How many suggestions are shown.
SHOWN = 3
#: The order without history: by key, the rest after them as they come.
DEFAULT_ORDER = ("coach:breathing", "coach:grounding", "coach:pmr")


@dataclass(frozen=True)
class Tried:
    """What the person's ratings say of one exercise."""

    sessions: int
    drop: float  # the average of before - after
    last: date
    #: The average rating before, and after.
    before: float
    after: float


@dataclass(frozen=True)
class Suggestion:
    exercise: Exercise
    #: Why it is offered, in plain words ("lowered your distress by 2.3 on average, 6 times").
    reason: str
    tried: Tried | None


def tried_by_key(rated: Iterable[Rated]) -> dict[str, Tried]:
    """Each exercise's sessions, average drop and last day, by key."""
    by_key: dict[str, list[Rated]] = defaultdict(list)
    for entry in rated:
        if entry.key:
            by_key[entry.key].append(entry)
    return {key: Tried(len(entries), sum(e.before - e.after for e in entries) / len(entries),
                       max(e.day for e in entries), sum(e.before for e in entries) / len(entries),
                       sum(e.after for e in entries) / len(entries))
            for key, entries in by_key.items()}


def tried_of_series(series: Series) -> dict[str, Tried]:
    """tried_by_key over every rating ever given, from the months' totals the routines'
    series keeps (no month is read)."""
    totals: dict[str, list[Any]] = {}
    for month in series.exercises.values():
        for key, seen in month.items():
            into = totals.setdefault(key, [0, 0.0, 0.0, seen.last])
            into[0] += seen.sessions
            into[1] += seen.before
            into[2] += seen.after
            into[3] = max(into[3], seen.last)
    return {key: Tried(n, (before - after) / n, date.fromisoformat(last), before / n, after / n)
            for key, (n, before, after, last) in totals.items()}


def with_rating(tried: Mapping[str, Tried], key: str, day: date, before: float,
                after: float) -> dict[str, Tried]:
    """`tried` with one more rating of the exercise `key` (one just given)."""
    seen = tried.get(key)
    n = 1 if seen is None else seen.sessions + 1
    before_sum = before + (0 if seen is None else seen.before * seen.sessions)
    after_sum = after + (0 if seen is None else seen.after * seen.sessions)
    last = day if seen is None else max(day, seen.last)
    return {**tried, key: Tried(n, (before_sum - after_sum) / n, last, before_sum / n,
                                after_sum / n)}


def times(n: int) -> str:
    return {1: "once", 2: "twice"}.get(n, f"{n} times")


def _figure(value: float) -> str:
    return f"{abs(value):.1f}"


def what_it_did(tried: Tried) -> str:
    """An exercise's average in plain words, with what it rests on."""
    if tried.drop > 0.05 and tried.sessions == 1:
        words = f"lowered your distress by {_figure(tried.drop)}, once"
    elif tried.drop > 0.05:
        words = f"lowered your distress by {_figure(tried.drop)} on average, {times(tried.sessions)}"
    elif tried.drop < -0.05:
        words = (f"your distress was {_figure(tried.drop)} higher after it on average, "
                 f"{times(tried.sessions)}")
    else:
        words = f"your distress stayed about the same on average, {times(tried.sessions)}"
    if tried.sessions < KNOWN_AFTER:
        words += "; few sessions so far"
    return words


def suggest(exercises: Iterable[Exercise], rated: Iterable[Rated], today: date,
            not_for_me: Collection[str] = ()) -> list[Suggestion]:
    """Up to SHOWN exercises to offer, best first, each with its reason."""
    return suggest_from(exercises, tried_by_key(rated), today, not_for_me)


def suggest_from(exercises: Iterable[Exercise], tried: Mapping[str, Tried], today: date,
                 not_for_me: Collection[str] = ()) -> list[Suggestion]:
    """suggest, from what the ratings say of each exercise (tried_by_key, tried_of_series)."""
    candidates = [e for e in exercises if e.key not in not_for_me]
    default = {key: n for n, key in enumerate(DEFAULT_ORDER)}
    place = {e.key: n for n, e in enumerate(candidates)}

    def rank(exercise: Exercise) -> tuple[int, float, int, int]:
        seen = tried.get(exercise.key)
        if seen is None:  # never rated: in the default order, after what has helped
            return (2, 0.0, default.get(exercise.key, len(default)), place[exercise.key])
        if seen.sessions >= KNOWN_AFTER and seen.drop > 0:
            return (0, -seen.drop, 0, place[exercise.key])
        if seen.drop > 0:  # helped, over few sessions
            return (1, -seen.drop, 0, place[exercise.key])
        return (3, -seen.drop, 0, place[exercise.key])

    ordered = sorted(candidates, key=rank)
    chosen = ordered[:SHOWN]

    def fresh(exercise: Exercise) -> bool:
        seen = tried.get(exercise.key)
        return seen is None or seen.last < today - timedelta(days=FRESH_DAYS)

    if chosen and not any(map(fresh, chosen)):
        waiting = next((e for e in ordered[SHOWN:] if fresh(e)), None)
        if waiting is not None:
            chosen[-1] = waiting
    return [Suggestion(e, _reason(e, tried.get(e.key), fresh(e), bool(tried)), tried.get(e.key))
            for e in chosen]


def _reason(exercise: Exercise, seen: Tried | None, fresh: bool, any_history: bool) -> str:
    if seen is None:
        if any_history:
            return "you have not tried this yet"
        return "a step from your own routine" if exercise.routine_title else \
            exercise.about or "a good first thing to try"
    if fresh:
        return f"you have not tried this lately; it {what_it_did(seen)}" \
            if seen.drop > 0.05 else f"you have not tried this lately ({what_it_did(seen)})"
    return what_it_did(seen)


def change_sentence(before: int | None, after: int | None) -> str:
    """The change in one kind sentence; never a judgement of the person."""
    if before is None or after is None:
        return "Thank you for taking this time for yourself."
    if after < before:
        return f"Your distress went from {before} to {after}."
    if after == before:
        return "About the same as before; that happens, and trying was worth it."
    return (f"A little higher than before ({before} to {after}). That happens on hard "
            "days, and trying was worth it.")


def came_down(before: int | None, after: int | None) -> bool:
    """Whether a rating came down (unknown counts as not)."""
    return before is not None and after is not None and after < before
