"""A support plan of the test's choosing, and low days in the store, for the support tests."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from coach.routine.problems import Problem
from coach.session.run import StepOutcome
from coach.store import Store
from coach.support.load import PlanResult
from coach.support.plan import Contact, SupportPlan
from tests.tui.harness import NOON

TODAY = date(2026, 11, 22)  # NOON's routine day

PLAN = SupportPlan(
    warning_signs=("Not answering messages", "Staying in bed past noon"),
    coping=("Slow breathing", "A walk around the block", "A shower, then tea", "Music"),
    distractions=("The library",),
    people=(Contact("Sam", "07700 900123, evenings"), Contact("My sister")),
    professionals=(Contact("Dr Okafor", "the surgery, 9-5 weekdays"),
                   Contact("Samaritans", "116 123, any time")),
    safer_surroundings=("Ask Sam to keep hold of my pills",),
    reasons=("My cat, Miso", "Seeing the sea again"),
)


def plan_loader(plan: SupportPlan = PLAN, *, source: str = "yours",
                problems: tuple[Problem, ...] = (), calls: list[int] | None = None):  # type: ignore[no-untyped-def]
    def load() -> PlanResult:
        if calls is not None:
            calls.append(1)
        return PlanResult(plan, problems, source, Path("/config/support.yaml"))  # type: ignore[arg-type]
    return load


def record_moods(store: Store, ratings_by_days_ago: dict[int, int]) -> None:
    """A finished mood check-in on each of those days before today, with that rating."""
    for days_ago, rating in ratings_by_days_ago.items():
        day = TODAY - timedelta(days=days_ago)
        moment = NOON - timedelta(days=days_ago)
        store.record_step("morning", f"s{days_ago}", StepOutcome(
            "morning-mood", "mood", "done", moment, moment, {"rating": rating, "feelings": []}),
            day=day)
