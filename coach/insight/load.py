"""Load the figures for all of history from the store's month digests.

Each month's digest holds what the figures need (finished days, mood
ratings, planned and reviewed activities), so ten years cost about 120 small
reads instead of parsing 70,000 records; a month is parsed again only when
its file changed.
"""

from __future__ import annotations

from datetime import date

from coach.insight.figures import Figures
from coach.store import Store


def load_figures(store: Store) -> Figures:
    finished: dict[str, set[date]] = {}
    moods: dict[date, float] = {}
    predicted: dict[str, int] = {}
    actual: dict[str, int] = {}
    for digest in store.digests():
        for routine, days in digest.finished.items():
            finished.setdefault(routine, set()).update(date.fromisoformat(d) for d in days)
        for day, ratings in digest.moods.items():
            moods[date.fromisoformat(day)] = sum(ratings) / len(ratings)
        for activity_id, plan in digest.plans.items():
            if isinstance(plan.predicted, int):
                predicted[activity_id] = plan.predicted
        for activity_id, review in digest.reviews.items():
            if isinstance(review.pleasure, int):
                actual[activity_id] = review.pleasure
    return Figures(finished_days=finished, mood_by_day=moods,
                   enjoyment=[(predicted[key], actual[key]) for key in actual if key in predicted])
