"""Routine days across clock changes and travel: never a day doubled or dropped."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

# tests/conftest.py pins coach.store.days.utc_now; this is the real one.
from coach.store.days import routine_day, utc_now

# The weekends the clocks change in 2026.
CHANGES = [
    ("Europe/Berlin", date(2026, 3, 28)),      # spring forward, Sunday 29 March 02:00
    ("Europe/Berlin", date(2026, 10, 24)),     # fall back, Sunday 25 October 03:00
    ("America/New_York", date(2026, 3, 7)),    # spring forward, Sunday 8 March 02:00
    ("America/New_York", date(2026, 10, 31)),  # fall back, Sunday 1 November 02:00
]


@pytest.mark.parametrize(("zone_name", "saturday"), CHANGES,
                         ids=[f"{z} {d}" for z, d in CHANGES])
def test_every_instant_has_one_day_and_days_follow_each_other(zone_name: str,
                                                                saturday: date) -> None:
    zone = ZoneInfo(zone_name)
    start = datetime(saturday.year, saturday.month, saturday.day, tzinfo=zone) \
        .astimezone(timezone.utc)
    days = [routine_day(start + timedelta(minutes=15 * n), zone) for n in range(4 * 24 * 4)]
    distinct = sorted(set(days))
    # Consecutive, none skipped: Friday (before 04:00 Saturday) through Tuesday.
    assert distinct == [distinct[0] + timedelta(days=n) for n in range(len(distinct))]
    assert days == sorted(days)
    # Each day changes at 04:00 local time, on the clock-change night too.
    for before, after, instant in zip(days, days[1:], range(1, len(days))):
        if before != after:
            local = (start + timedelta(minutes=15 * instant)).astimezone(zone)
            assert (local.hour, local.minute) == (4, 0), local


def test_the_short_and_long_nights_count_23_and_25_hours() -> None:
    zone = ZoneInfo("Europe/Berlin")
    start = datetime(2026, 3, 27, 12, tzinfo=zone).astimezone(timezone.utc)
    quarters: dict[date, int] = {}
    for n in range(4 * 24 * 5):
        day = routine_day(start + timedelta(minutes=15 * n), zone)
        quarters[day] = quarters.get(day, 0) + 1
    assert quarters[date(2026, 3, 28)] == 23 * 4  # 04:00 Sat to 04:00 Sun, an hour lost


def test_an_evening_after_midnight_belongs_to_the_evening() -> None:
    zone = ZoneInfo("America/New_York")
    late = datetime(2026, 11, 1, 0, 45, tzinfo=zone)  # the fall-back night, before the change
    assert routine_day(late, zone) == date(2026, 10, 31)


def test_travel_each_record_uses_the_zone_it_was_made_in() -> None:
    berlin, new_york = ZoneInfo("Europe/Berlin"), ZoneInfo("America/New_York")
    morning_in_berlin = datetime(2026, 6, 10, 7, 0, tzinfo=berlin)
    evening_in_new_york = datetime(2026, 6, 10, 21, 0, tzinfo=new_york)  # after the flight
    next_morning = datetime(2026, 6, 11, 7, 0, tzinfo=new_york)
    assert routine_day(morning_in_berlin, berlin) == date(2026, 6, 10)
    assert routine_day(evening_in_new_york, new_york) == date(2026, 6, 10)
    assert routine_day(next_morning, new_york) == date(2026, 6, 11)


def test_the_day_start_hour_is_configurable() -> None:
    zone = ZoneInfo("UTC")
    instant = datetime(2026, 6, 10, 5, 30, tzinfo=zone)
    assert routine_day(instant, zone, day_start_hour=4) == date(2026, 6, 10)
    assert routine_day(instant, zone, day_start_hour=6) == date(2026, 6, 9)
    assert routine_day(instant, zone, day_start_hour=0) == date(2026, 6, 10)


def test_now_is_this_moment_in_utc() -> None:
    now = utc_now()
    assert now.tzinfo is timezone.utc and abs(now.timestamp() - time.time()) < 60

