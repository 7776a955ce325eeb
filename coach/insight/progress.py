"""Durations as a person would say them."""

from __future__ import annotations


def format_duration(seconds: float) -> str:
    """'45 s', '3 min', '1 h 05 min'."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
