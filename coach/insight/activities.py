"""Behavioural activation: planned activities done, and enjoyment predicted against felt.

People low in mood tend to expect less pleasure than an activity then gives;
seeing that gap, in their own numbers, is much of what makes planning the
next one easier. A day counts as "enjoyed more than expected" when the
pleasure of its reviewed activities, on average, was above what was
predicted for them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from coach.insight.history import Plan, Review


class ActivityRow(NamedTuple):
    """One activity's figures (a named tuple, as insight.mood.MoodPoint)."""

    name: str
    done: int
    predicted: float | None
    pleasure: float | None
    mastery: float | None


@dataclass(frozen=True)
class ActivityFigures:
    planned: int
    done: int
    #: Days with a reviewed activity that had both a prediction and a pleasure rating.
    compared_days: int
    enjoyed_more_days: int
    enjoyed_as_expected_days: int
    #: Per activity name, the most done first.
    rows: tuple[ActivityRow, ...]
    #: Activities planned for today and not yet reviewed: not counted until their day is
    #: over (at noon the evening's plans are not "not done").
    waiting: int = 0


def name_key(name: str) -> str:
    """What tells one activity from another: its name whatever its case and spacing."""
    return " ".join(name.split()).casefold()


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def activity_figures(plans: Mapping[str, Plan], reviews: Mapping[str, Review], first: date,
                     last: date) -> ActivityFigures:
    """For activities planned on the days from `first` to `last` (today; reviewed any time
    after). A plan of today counts once it is reviewed or the day is over."""
    planned = {key: plan for key, plan in plans.items() if first <= plan.day <= last}
    waiting = [key for key, plan in planned.items() if plan.day == last and key not in reviews]
    for key in waiting:
        del planned[key]
    by_day: dict[date, list[tuple[int, int]]] = defaultdict(list)
    by_name: dict[str, list[tuple[Plan, Review | None]]] = defaultdict(list)
    done = 0
    for key, plan in planned.items():
        review = reviews.get(key)
        by_name[name_key(plan.name)].append((plan, review))
        if review is None or not review.done:
            continue
        done += 1
        if plan.predicted is not None and review.pleasure is not None:
            by_day[plan.day].append((plan.predicted, review.pleasure))
    more = as_expected = 0
    for pairs in by_day.values():
        gap = sum(actual - predicted for predicted, actual in pairs) / len(pairs)
        more += gap > 0
        as_expected += gap == 0
    rows = []
    for entries in by_name.values():
        done_reviews = [(plan, review) for plan, review in entries
                        if review is not None and review.done]
        latest = max(entries, key=lambda entry: entry[0].day)[0]
        rows.append(ActivityRow(
            latest.name, len(done_reviews),
            _mean([p.predicted for p, _ in entries if p.predicted is not None]),
            _mean([r.pleasure for _, r in done_reviews if r.pleasure is not None]),
            _mean([r.mastery for _, r in done_reviews if r.mastery is not None])))
    rows.sort(key=lambda row: (-row.done, row.name.casefold()))
    return ActivityFigures(len(planned), done, len(by_day), more, as_expected, tuple(rows),
                           len(waiting))
