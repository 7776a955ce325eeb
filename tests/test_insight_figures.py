"""Figures straight from records: finished days, mood by day, predicted versus actual enjoyment."""

from __future__ import annotations

from datetime import date

from coach.insight.figures import compute_figures


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
