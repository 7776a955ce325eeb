"""A fixed month of history for the history screen's tests: written with the real store,
on pinned days, ending on Sunday 22 November 2026 (the harness's today)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.session.run import StepOutcome
from coach.store import Store

TODAY = date(2026, 11, 22)
FIRST = TODAY - timedelta(days=29)
#: Days (before today) the morning routine was not finished; one of them only partly done.
MISSED = {TODAY - timedelta(days=n) for n in (3, 10, 11, 20)}
PARTLY = TODAY - timedelta(days=10)
#: A day the person marked as a rest day.
REST = TODAY - timedelta(days=20)
#: An activity name that looks like markup and holds an escape sequence.
ODD_NAME = "[bold]Walk[/bold] \x1b[2J"
DAILY = [0, 1, 2, 3, 4, 5, 6]


def write_month(data: Path) -> Store:
    """Thirty days of the shipped morning routine (4 steps), evening moods on even days, a
    rated muscle relaxation every third day, an activity planned and reviewed each day."""
    clock = [datetime(2026, 10, 24, 7, tzinfo=timezone.utc)]
    store = Store(data, now=lambda: clock[0], zone=(ZoneInfo("UTC"), "UTC"))
    for n in range(30):
        day = FIRST + timedelta(days=n)
        if day == TODAY:
            break  # today is still open
        morning = datetime(day.year, day.month, day.day, 7, tzinfo=timezone.utc)
        session = f"m{n}"

        def step(step_id: str, step_type: str, data: dict, minutes: int,  # type: ignore[type-arg]
                 routine: str = "morning", at: datetime = morning) -> None:
            started = at + timedelta(minutes=minutes)
            clock[0] = started + timedelta(minutes=1)
            store.record_step(routine, session, StepOutcome(
                step_id, step_type, "done", started, clock[0], data), day=day)

        if day in MISSED and day != PARTLY:
            continue
        step("morning-mood", "mood", {"rating": 3 + n % 5, "feelings": [], "note": ""}, 0)
        if day == PARTLY:
            step("gratitude", "gratitude", {"items": ["tea"]}, 2)
            continue
        step("gratitude", "gratitude", {"items": [f"thing {n}"]}, 2)
        step("plan-activities", "activity_plan", {"activities": [
            {"id": f"a{n}", "name": ODD_NAME if n % 2 else "Call Sam", "time": None,
             "predicted": 4}]}, 4)
        step("morning-breathing", "breathing", {"seconds": 60, "completed": True}, 6)
        clock[0] = morning + timedelta(minutes=9)
        store.record_session("morning", session, "finished", day=day, steps_total=4,
                             weekdays=DAILY)
        evening = morning + timedelta(hours=14)
        session = f"e{n}"
        step("review-activities", "activity_review", {"activities": [
            {"id": f"a{n}", "name": ODD_NAME if n % 2 else "Call Sam", "predicted": 4,
             "done": True, "pleasure": 4 + n % 3, "mastery": 5}]}, 0, "evening", evening)
        if n % 2 == 0:
            step("evening-mood", "mood", {"rating": 6, "feelings": [], "note": ""}, 2, "evening",
                 evening)
        if n % 3 == 0:
            step("evening-pmr", "pmr", {"seconds": 600, "distress_before": 6, "distress_after": 3},
                 4, "evening", evening)
    store.set_rest_day("morning", REST, True)
    return store


def late_morning(data: Path) -> None:
    """Thursday's morning routine (due 07:30) done late, its check-in 3 at 16:00; the
    evening's 8 at 21:00; Friday's morning 5 at 07:45."""
    for routine, day, hour, rating in (("morning", 19, 16, 3), ("evening", 19, 21, 8),
                                       ("morning", 20, 7, 5)):
        at = datetime(2026, 11, day, hour, 45 if day == 20 else 0, tzinfo=timezone.utc)
        store = Store(data, now=lambda at=at: at, zone=(ZoneInfo("UTC"), "UTC"))
        store.record_step(routine, f"s{day}{hour}", StepOutcome(
            "mood", "mood", "done", at, at, {"rating": rating}))


def days_of_mood(data: Path, moods: list[int], finished: set[int],
                 activities: dict[int, str] | None = None) -> None:
    """A mood check-in (in the morning routine) on each of the days before today, the
    morning routine finished on the `finished` ones (counted back from yesterday, 0), and
    on the days in `activities` that activity planned and reviewed as done."""
    for n, rating in enumerate(moods):
        day = TODAY - timedelta(days=n + 1)
        at = datetime(day.year, day.month, day.day, 7, tzinfo=timezone.utc)
        store = Store(data, now=lambda at=at: at, zone=(ZoneInfo("UTC"), "UTC"))
        store.record_step("morning", f"m{n}", StepOutcome(
            "morning-mood", "mood", "done", at, at, {"rating": rating}), day=day)
        if n in finished:
            store.record_session("morning", f"m{n}", "finished", day=day, steps_total=4)
        if activities and n in activities:
            planned = {"id": f"a{n}", "name": activities[n], "time": None, "predicted": 5}
            store.record_step("morning", f"m{n}", StepOutcome(
                "plan", "activity_plan", "done", at, at, {"activities": [planned]}), day=day)
            store.record_step("evening", f"e{n}", StepOutcome(
                "review", "activity_review", "done", at, at,
                {"activities": [planned | {"done": True, "pleasure": 6, "mastery": 5}]}),
                day=day)
