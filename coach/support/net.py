"""The safety net: when to offer the support plan after a mood check-in. Pure and small.

The plan is offered (never forced) when:
- the latest rating is 0 or 1 out of 10; or
- each of the last `low_mood_days` routine days, today included, has at
  least one mood rating, and every rating on those days is at or below
  `low_mood_threshold`.

A day with no check-in breaks the run: coach does not know how that day
went, so it is not counted as low. It is offered at most once a routine
day, and never when `safety_net` is off in settings.yaml.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Any, Protocol

#: A rating at or below this is offered the plan straight away.
VERY_LOW = 1


class NetSettings(Protocol):
    """What the rule reads from Settings: read-only, so a frozen Settings answers it."""

    @property
    def safety_net(self) -> bool: ...

    @property
    def low_mood_threshold(self) -> int: ...

    @property
    def low_mood_days(self) -> int: ...


def should_offer(ratings_by_day: Mapping[date, Sequence[int]], today: date,
                 latest_rating: int | None, settings: NetSettings,
                 last_offered: date | None) -> bool:
    """Whether to offer the plan now (see the module's docstring for the rule).

    `latest_rating` counts as one of today's ratings whether or not it is already in
    `ratings_by_day` (the rule looks at each day's highest rating, so twice is the same
    as once): the answer does not depend on asking before or after it is stored.
    """
    if not settings.safety_net or last_offered == today:
        return False
    if latest_rating is not None and latest_rating <= VERY_LOW:
        return True
    days = settings.low_mood_days
    for back in range(days):
        try:
            day = today - timedelta(days=back)
        except OverflowError:
            return False
        ratings = list(ratings_by_day.get(day) or ())
        if back == 0 and latest_rating is not None:
            ratings.append(latest_rating)
        if not ratings or max(ratings) > settings.low_mood_threshold:
            return False
    return days > 0


def load_mood_days(store: Any, today: date, days: int) -> dict[date, list[int]]:
    """The mood ratings of the `days` routine days up to `today`, by day: only the months
    those days fall in are read. Skipped check-ins and check-ins without a rating are left
    out, so a day that has only those has no entry."""
    try:
        since = today - timedelta(days=max(days, 1) - 1)
    except OverflowError:
        since = date.min
    by_day: dict[date, list[int]] = {}
    for record in store.well_formed(since=since, until=today, kind="step"):
        if record.get("type") != "mood" or record.get("status") != "done":
            continue
        data = record.get("data")
        rating = data.get("rating") if isinstance(data, dict) else None
        if isinstance(rating, bool) or not isinstance(rating, int) or not 0 <= rating <= 10:
            continue
        try:
            day = date.fromisoformat(record["day"])
        except (TypeError, ValueError):
            continue
        by_day.setdefault(day, []).append(rating)
    return by_day


def offer_now(store: Any, settings: NetSettings, latest_rating: int | None,
              last_offered: date | None) -> bool:
    """should_offer over the store's recent check-ins, for the routine day it is now."""
    if not settings.safety_net:
        return False
    today = store.today()
    return should_offer(load_mood_days(store, today, settings.low_mood_days), today,
                        latest_rating, settings, last_offered)
