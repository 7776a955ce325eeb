"""One-line summaries of recent progress; a missed day is never a failure."""

from __future__ import annotations

from datetime import date, timedelta


def recent_summary(finished_days: set[date], today: date, window: int = 7, *,
                   finished_earlier: bool = False) -> str | None:
    """'done on 5 of the last 7 days'; in the first week 'done on 2 of 3 days so far';
    after a gap just 'welcome back' (no count of missed days); None before any history.

    Only the days of the window matter, and whether any came before it
    (`finished_earlier`, or days before the window in `finished_days`), so a caller never needs to read further back than that.
    """
    start = today - timedelta(days=window - 1)
    past = {d for d in finished_days if start <= d <= today}
    finished_earlier = finished_earlier or any(d < start for d in finished_days)
    if not past and not finished_earlier:
        return None
    recent = len(past)
    since_first = window if finished_earlier else (today - min(past)).days + 1
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
