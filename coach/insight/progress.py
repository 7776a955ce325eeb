"""One-line summaries of recent progress; a missed day is never a failure."""

from __future__ import annotations

from datetime import date, timedelta


def recent_summary(finished_days: set[date], today: date, window: int = 7) -> str | None:
    """'done on 5 of the last 7 days'; in the first week 'done on 2 of 3 days so far';
    after a gap just 'welcome back' (no count of missed days); None before any history."""
    past = {d for d in finished_days if d <= today}
    if not past:
        return None
    start = today - timedelta(days=window - 1)
    recent = sum(1 for d in past if d >= start)
    since_first = (today - min(past)).days + 1
    if since_first == 1:
        return "first day: well done"
    if since_first < window:
        return f"done on {recent} of {since_first} days so far"
    if recent:
        return f"done on {recent} of the last {window} days"
    return "welcome back"


def format_duration(seconds: float) -> str:
    """'45 s', '3 min', '1 h 05 min'."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    minutes = round(seconds / 60)
    if minutes < 60:
        return f"{minutes} min"
    return f"{minutes // 60} h {minutes % 60:02d} min"
