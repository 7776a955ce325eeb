"""Durations read as a person would say them."""

from coach.insight.progress import format_duration


def test_durations() -> None:
    assert [format_duration(s) for s in (5, 59.6, 61, 179, 3600, 3930)] == \
        ["5 s", "1 min", "1 min", "3 min", "1 h 00 min", "1 h 06 min"]
