"""Self-check records as the design of the check step writes them (type "check", the form
as step id when standalone, under the reserved routine `_check`), for the screens' tests."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.session.run import StepOutcome
from coach.store import Store

ITEMS = {"phq9": 9, "gad7": 7}


def answers_for(form: str, total: int) -> list[int]:
    """Answers (0-3 each) that add up to `total`, item 9 always 0."""
    answers = [0] * ITEMS[form]
    for index in range(ITEMS[form] - (form == "phq9")):
        answers[index] = min(3, total - sum(answers))
    return answers


def write_checks(data: Path, checks: list[tuple[date, str, int]],
                 routine: str = "_check") -> Store:
    """Each (day, form, total) as a done self-check at noon that day."""
    clock = [datetime(2026, 1, 1, tzinfo=timezone.utc)]
    store = Store(data, now=lambda: clock[0], zone=(ZoneInfo("UTC"), "UTC"))
    for day, form, total in checks:
        at = datetime(day.year, day.month, day.day, 12, tzinfo=timezone.utc)
        clock[0] = at
        answers = answers_for(form, total)
        assert sum(answers) == total
        store.record_step(routine, f"check-{day}-{form}", StepOutcome(
            form, "check", "done", at, at,
            {"form": form, "answers": answers,
             "difficulty": 1 if form == "phq9" else None, "total": total}), day=day)
    return store
