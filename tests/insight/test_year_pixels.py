"""A year at a glance: twelve whole months up to today, each day's mood the rounded average
of its check-ins, read from the twelve months' digests only."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from coach.insight.year_pixels import MONTHS_SHOWN, day_mood, first_month, load_year, year_grid
from coach.session.run import StepOutcome
from coach.store import Store


def moods(*days: tuple[date, int]) -> dict[date, list[tuple[int, str, str]]]:
    by_day: dict[date, list[tuple[int, str, str]]] = {}
    for day, rating in days:
        by_day.setdefault(day, []).append((rating, "m", "morning"))
    return by_day


def test_twelve_whole_months_end_on_today_in_the_middle_of_its_month() -> None:
    grid = year_grid({}, date(2026, 11, 22))
    assert grid.today == date(2026, 11, 22)
    assert [(row.year, row.label) for row in grid.rows] == [
        (2025, "Dec"), (2026, "Jan"), (2026, "Feb"), (2026, "Mar"), (2026, "Apr"),
        (2026, "May"), (2026, "Jun"), (2026, "Jul"), (2026, "Aug"), (2026, "Sep"),
        (2026, "Oct"), (2026, "Nov")]
    assert [len(row.days) for row in grid.rows] == [
        31, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 22]  # no days after today
    assert grid.checked_in == 0
    assert all(mood is None for row in grid.rows for mood in row.days)


def test_a_leap_february_has_29_days() -> None:
    grid = year_grid(moods((date(2028, 2, 29), 7)), date(2028, 3, 1))
    february = grid.rows[-2]
    assert (february.year, february.label, len(february.days)) == (2028, "Feb", 29)
    assert february.days[28] == 7
    assert len(grid.rows[-1].days) == 1  # today, the 1st of March
    assert grid.rows[0].first() == date(2027, 4, 1)


def test_in_january_the_oldest_month_is_last_february() -> None:
    assert first_month(date(2027, 1, 31)) == date(2026, 2, 1)
    assert first_month(date(2026, 12, 1)) == date(2026, 1, 1)
    assert len(year_grid({}, date(2027, 1, 31)).rows) == MONTHS_SHOWN


def test_each_day_shows_the_rounded_average_of_its_check_ins() -> None:
    today = date(2026, 11, 22)
    grid = year_grid(moods((date(2026, 11, 3), 6), (date(2026, 11, 3), 7),  # 6.5 -> 7
                           (date(2026, 11, 4), 4), (date(2026, 11, 4), 5), (date(2026, 11, 4), 5),
                           (date(2026, 11, 5), 0), (date(2026, 11, 6), 10),
                           (date(2025, 12, 31), 3), (today, 8)), today)
    november = grid.rows[-1]
    assert november.days[2:6] == (7, 5, 0, 10)
    assert november.days[6] is None  # no check-in: a gap, never a zero
    assert november.days[21] == 8  # today counts
    assert grid.rows[0].days[30] == 3
    assert grid.mood_on(date(2026, 11, 5)) == 0
    assert grid.mood_on(date(2026, 11, 7)) is None
    assert grid.checked_in == 6


def test_check_ins_outside_the_twelve_months_are_left_out() -> None:
    today = date(2026, 11, 22)
    grid = year_grid(moods((date(2025, 11, 30), 9), (date(2026, 11, 23), 9)), today)
    assert grid.checked_in == 0
    assert grid.mood_on(date(2025, 11, 30)) is None


@pytest.mark.parametrize(("ratings", "shown"), [
    ([5], 5), ([5, 6], 6), ([4, 5], 5), ([0, 1], 1), ([0, 0, 1], 0), ([9, 10], 10), ([], None),
    ([11], 10), ([10, 13], 10), ([-1], 0)])  # a hand-edited rating stays within 0-10
def test_a_day_s_mood_rounds_half_up(ratings: list[int], shown: int | None) -> None:
    assert day_mood([(rating, "e", "evening") for rating in ratings]) == shown


def test_the_first_year_of_the_calendar_has_fewer_months() -> None:
    grid = year_grid({}, date(1, 3, 5))
    assert [row.label for row in grid.rows] == ["Jan", "Feb", "Mar"]


def _write_moods(data: Path, days: list[tuple[date, int]]) -> Store:
    clock = [datetime(2025, 1, 1, tzinfo=timezone.utc)]
    store = Store(data, now=lambda: clock[0], zone=(ZoneInfo("UTC"), "UTC"))
    for n, (day, rating) in enumerate(days):
        clock[0] = datetime(day.year, day.month, day.day, 20, tzinfo=timezone.utc)
        store.record_step("evening", f"s{n}", StepOutcome(
            "evening-mood", "mood", "done", clock[0], clock[0],
            {"rating": rating, "feelings": [], "note": ""}), day=day)
    return store


def test_only_the_twelve_months_digests_are_read(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    today = date(2026, 11, 22)
    store = _write_moods(tmp_path / "data", [
        (date(2024, 6, 1), 1), (date(2025, 11, 30), 2), (date(2025, 12, 1), 3),
        (date(2026, 2, 14), 9), (date(2026, 11, 22), 6)])
    asked: list[dict[str, Any]] = []
    digests = store.digests

    def counted(**options: Any) -> Any:
        asked.append(options)
        return digests(**options)

    monkeypatch.setattr(store, "digests", counted)
    grid = load_year(store, today)
    assert asked == [{"since": date(2025, 12, 1), "until": today}]
    assert grid.checked_in == 3
    assert (grid.mood_on(date(2025, 12, 1)), grid.mood_on(date(2026, 2, 14)),
            grid.mood_on(today)) == (3, 9, 6)
