"""Habit strength as in Loop Habit Tracker, and predicted versus actual enjoyment."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.insight.figures import compute_figures, habit_multiplier, habit_strength

START = date(2026, 1, 5)  # a Monday


def test_daily_multiplier_matches_loop() -> None:
    assert habit_multiplier(1.0) == pytest.approx(0.5 ** (1 / 13))


def test_strength_grows_with_practice_and_a_missed_day_only_dents_it() -> None:
    days = [START + timedelta(days=n) for n in range(60)]
    every_day = habit_strength(set(days), days[0], days[-1])
    assert every_day[-1][1] == pytest.approx(1 - habit_multiplier() ** 60)
    missed_one = habit_strength(set(days) - {days[30]}, days[0], days[-1])
    assert missed_one[30][1] < missed_one[29][1]  # a dent...
    assert missed_one[-1][1] > 0.9 * every_day[-1][1]  # ...not a reset
    scores = [s for _, s in every_day]
    assert scores == sorted(scores)


def test_unscheduled_days_leave_the_score_alone() -> None:
    weekdays_only = [START + timedelta(days=n) for n in range(14) if (START + timedelta(days=n)).weekday() < 5]
    series = dict(habit_strength(set(weekdays_only), START, START + timedelta(days=13),
                                 scheduled_weekdays=range(5)))
    saturday, sunday = START + timedelta(days=5), START + timedelta(days=6)
    assert series[saturday] == series[sunday] == series[START + timedelta(days=4)]


def test_figures_from_records() -> None:
    records = [
        {"kind": "session", "routine": "morning", "event": "finished", "day": "2026-01-05"},
        {"kind": "session", "routine": "morning", "event": "left", "day": "2026-01-06"},
        {"kind": "step", "type": "mood", "status": "done", "day": "2026-01-05",
         "data": {"rating": 4}},
        {"kind": "step", "type": "mood", "status": "done", "day": "2026-01-05",
         "data": {"rating": 6}},
        {"kind": "step", "type": "mood", "status": "skipped", "day": "2026-01-06", "data": {}},
        {"kind": "step", "type": "activity_plan", "status": "done", "day": "2026-01-05",
         "data": {"activities": [{"id": "a", "predicted": 3}, {"id": "b", "predicted": 5}]}},
        {"kind": "step", "type": "activity_review", "status": "done", "day": "2026-01-05",
         "data": {"activities": [{"id": "a", "pleasure": 7}, {"id": "b", "pleasure": None}]}},
    ]
    figures = compute_figures(records)
    assert figures.finished_days == {"morning": {date(2026, 1, 5)}}
    assert figures.mood_by_day == {date(2026, 1, 5): 5.0}
    assert figures.enjoyment == [(3, 7)]
    assert figures.enjoyed_more_than_predicted == 4.0
