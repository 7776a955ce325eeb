"""Records of "I need something now" (routine `_now`) feed the ratings, never a routine."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from coach.session.run import StepOutcome
from coach.store import Store
from coach.store.records import record_problem

UTC = (timezone.utc, "UTC")
AT = datetime(2026, 11, 20, 9, tzinfo=timezone.utc)


def now_exercise(store: Store, key: str, step_type: str, data: dict, at: datetime) -> dict:
    outcome = StepOutcome(key, step_type, "done", at, at + timedelta(minutes=2),
                          {**data, "exercise": key})
    return store.record_step("_now", "n1", outcome)


def test_a_now_exercise_is_rated_by_its_key_and_makes_no_routine(tmp_path: Path) -> None:
    store = Store(tmp_path, zone=UTC, now=lambda: AT)
    now_exercise(store, "coach:grounding", "grounding",
                 {"see": ["a lamp"], "distress_before": 8, "distress_after": 5}, AT)
    store.record_session("_now", "n1", "finished")  # never written by coach; still no routine
    store.set_rest_day("_check", AT.date())
    store.record_step("evening", "e1", StepOutcome(
        "calm", "breathing", "done", AT, AT + timedelta(minutes=3),
        {"seconds": 180.0, "completed": True, "distress_before": 6, "distress_after": 4}))
    store.record_session("evening", "e1", "finished")
    [digest] = list(store.digests())
    assert [r.to_json() for r in digest.distress] == [
        ["2026-11-20", "grounding", 8, 5, "coach:grounding"],
        ["2026-11-20", "breathing", 6, 4, "evening/calm"]]
    assert set(digest.finished) == set(digest.touched) == set(digest.steps_done) == {"evening"}
    assert digest.rest == {} and set(digest.schedules) <= {"evening"}
    assert set(store.series().routines) == {"evening"}


def test_a_grounding_record_may_hold_its_ratings_and_exercise_key(tmp_path: Path) -> None:
    store = Store(tmp_path, zone=UTC, now=lambda: AT)
    record = now_exercise(store, "coach:grounding", "grounding",
                          {"see": ["a lamp"], "distress_before": 8}, AT)
    assert record_problem(record) is None
    bad = {**record, "data": {"see": ["a lamp"], "distress_before": "eight"}}
    assert record_problem(bad) == "the grounding data does not hold lists of text"
