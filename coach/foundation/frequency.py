"""A flexible schedule: a number of times per week or month, or once every few days.

Routines (`days: {times: 3, per: week}`, `days: {every: 2}`), the session records that
keep the schedule in force, strength and reminders all share this one value.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

#: The periods a number of times is counted over, and Loop Habit Tracker's length of each
#: in days (its frequency is times / days: 3 a week is 3/7, twice a month 2/30).
PERIOD_DAYS = {"week": 7, "month": 30}
#: The most times a period can ask for (7 a week is daily), and the shortest and the
#: longest `every` (every 1 day is daily).
MOST_TIMES = {"week": 6, "month": 29}
SHORTEST_EVERY, LONGEST_EVERY = 2, 30


@dataclass(frozen=True)
class Frequency:
    """`times` a `per` ("week" or "month"), or once every `every` days (then `per` is
    "days" and `times` 1)."""

    times: int
    per: str
    every: int = 0

    @property
    def days(self) -> int:
        """The period's length in days."""
        return self.every if self.per == "days" else PERIOD_DAYS[self.per]

    @property
    def share(self) -> float:
        """Times per day: Loop's frequency (3/7, 1/2, 2/30)."""
        return self.times / self.days

    def describe(self) -> str:
        """'3 times a week', 'twice a month', 'once a week', 'every 2 days'."""
        if self.per == "days":
            return "every day" if self.every == 1 else f"every {self.every} days"
        count = {1: "once", 2: "twice"}.get(self.times, f"{self.times} times")
        return f"{count} a {self.per}"

    def to_json(self) -> dict[str, Any]:
        """As written in YAML and kept with sessions: {"times": 3, "per": "week"} or
        {"every": 2}."""
        return {"every": self.every} if self.per == "days" else \
            {"times": self.times, "per": self.per}


def every(days: int) -> Frequency:
    return Frequency(1, "days", days)


def frequency_of_json(value: Any) -> Frequency | None:
    """The Frequency a session record or a cache keeps, or None if `value` is not one."""
    if type(value) is not dict:
        return None
    if set(value) == {"every"} and type(value["every"]) is int \
            and SHORTEST_EVERY <= value["every"] <= LONGEST_EVERY:
        return every(value["every"])
    if set(value) == {"times", "per"} and value["per"] in PERIOD_DAYS \
            and type(value["times"]) is int \
            and 1 <= value["times"] <= MOST_TIMES[value["per"]]:
        return Frequency(value["times"], value["per"])
    return None


def period_start(frequency: Frequency, day: date) -> date:
    """The first day of the calendar period `day` is in: its Monday, the first of its
    month; for `every`, `day` itself (each done day starts the next wait)."""
    if frequency.per == "week":
        return day - timedelta(days=day.weekday())
    if frequency.per == "month":
        return day.replace(day=1)
    return day


def done_in_period(frequency: Frequency, day: date, done: Iterable[date]) -> int:
    """How many of the `done` days fall in the period of `day`, up to `day` (for `every`,
    in the `every` days ending on `day`)."""
    first = day - timedelta(days=frequency.every - 1) if frequency.per == "days" \
        else period_start(frequency, day)
    return sum(1 for when in done if first <= when <= day)


def period_met(frequency: Frequency, day: date, done: Iterable[date]) -> bool:
    """Whether the period of `day` already has its count by `day`: 3 done days this week
    for 3 times a week; for every 2 days, a done day yesterday or today."""
    return done_in_period(frequency, day, done) >= frequency.times


#: A schedule as figures and records carry it: the weekdays it is due on (Monday 0), a
#: Frequency, or None for a routine started any time.
InForce = frozenset[int] | Frequency | None


def schedule_of_json(value: Any) -> InForce:
    """A schedule as a session record keeps it ("weekdays": null, [0, 2, 4] or
    {"times": 3, "per": "week"}); ValueError for anything else."""
    if value is None:
        return None
    if type(value) is list and all(type(d) is int and 0 <= d <= 6 for d in value):
        return frozenset(value)
    frequency = frequency_of_json(value)
    if frequency is None:
        raise ValueError("weekdays")
    return frequency


def is_schedule_json(value: Any) -> bool:
    try:
        schedule_of_json(value)
    except ValueError:
        return False
    return True


def schedule_to_json(schedule: InForce) -> Any:
    """A schedule as records and caches keep it: null, its days in order, or a mapping."""
    if isinstance(schedule, Frequency):
        return schedule.to_json()
    return sorted(schedule) if schedule is not None else None
