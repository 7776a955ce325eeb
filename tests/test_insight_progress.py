"""Progress summaries are kind and correct."""

from datetime import date, timedelta

from coach.insight.progress import format_duration, recent_summary

TODAY = date(2026, 11, 22)


def test_no_history_no_summary() -> None:
    assert recent_summary(set(), TODAY) is None


def test_counts_the_last_seven_days() -> None:
    days = {TODAY - timedelta(days=n) for n in (0, 1, 3, 6, 7, 20)}
    assert recent_summary(days, TODAY) == "done on 4 of the last 7 days"
    assert recent_summary({TODAY}, TODAY) == "first day: well done"
    assert recent_summary({TODAY, TODAY - timedelta(days=2)}, TODAY) == \
        "done on 2 of 3 days so far"


def test_a_gap_is_welcomed_back_not_counted_against() -> None:
    assert recent_summary({TODAY - timedelta(days=12)}, TODAY) == "welcome back"


def test_only_the_window_and_whether_anything_came_before_it_matter() -> None:
    assert recent_summary(set(), TODAY, finished_earlier=True) == "welcome back"
    assert recent_summary({TODAY}, TODAY, finished_earlier=True) == \
        "done on 1 of the last 7 days"
    assert recent_summary({TODAY - timedelta(days=2)}, TODAY, finished_earlier=False) == \
        "done on 1 of 3 days so far"


def test_durations() -> None:
    assert [format_duration(s) for s in (5, 59.6, 61, 179, 3600, 3930)] == \
        ["5 s", "1 min", "1 min", "3 min", "1 h 00 min", "1 h 06 min"]
