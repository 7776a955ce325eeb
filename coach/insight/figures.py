"""Figures straight from records (finished days, mood by day, predicted versus actual
enjoyment): the reference the month digests are checked against (see insight.load).
Habit strength and the history screen's figures are in insight.strength and
insight.overview."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from coach.store.records import mappings


def _day(record: dict[str, Any]) -> date | None:
    try:
        return date.fromisoformat(record["day"])
    except (KeyError, TypeError, ValueError):
        return None


@dataclass
class Figures:
    finished_days: dict[str, set[date]] = field(default_factory=dict)
    mood_by_day: dict[date, float] = field(default_factory=dict)
    #: (predicted, pleasure) for each reviewed activity that had both.
    enjoyment: list[tuple[int, int]] = field(default_factory=list)

    @property
    def enjoyed_more_than_predicted(self) -> float | None:
        if not self.enjoyment:
            return None
        return sum(actual - predicted for predicted, actual in self.enjoyment) / len(self.enjoyment)


def compute_figures(records: Iterable[dict[str, Any]]) -> Figures:
    """Pure: the figures from records (see insight.load for loading all of history fast)."""
    finished: dict[str, set[date]] = defaultdict(set)
    moods: dict[date, list[int]] = defaultdict(list)
    predicted: dict[str, int] = {}
    actual: dict[str, int] = {}
    for record in records:
        kind = record.get("kind")
        if kind == "session":
            if record.get("event") == "finished" and (day := _day(record)):
                finished[str(record.get("routine", ""))].add(day)
            continue
        data = record.get("data")
        if kind != "step" or record.get("status") != "done" or not isinstance(data, dict):
            continue
        step_type = record.get("type")
        if step_type == "mood" and isinstance(data.get("rating"), int) and (day := _day(record)):
            moods[day].append(data["rating"])
        elif step_type == "activity_plan":
            for activity in mappings(data.get("activities")):
                if isinstance(activity.get("predicted"), int):
                    predicted[str(activity.get("id", ""))] = activity["predicted"]
        elif step_type == "activity_review":
            for activity in mappings(data.get("activities")):
                if isinstance(activity.get("pleasure"), int):
                    actual[str(activity.get("id", ""))] = activity["pleasure"]
    return Figures(
        finished_days=dict(finished),
        mood_by_day={day: sum(values) / len(values) for day, values in moods.items()},
        enjoyment=[(predicted[key], actual[key]) for key in actual if key in predicted],
    )
