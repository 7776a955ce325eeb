"""Mood, before-and-after ratings and activities over a range, from real stored records."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from coach.insight import marks
from coach.insight.activities import activity_figures
from coach.insight.history import Plan, Review, load_history
from coach.insight.mood import mood_summary
from coach.insight.strength import routine_progress
from coach.insight.words import activity_lines, effect_line, mood_line
from coach.session.run import StepOutcome
from coach.store import Store

BERLIN = ZoneInfo("Europe/Berlin")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 2, 6, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now


def store_at(tmp_path: Path, clock: Clock) -> Store:
    return Store(tmp_path / "data", now=clock, zone=(BERLIN, "Europe/Berlin"))


def step(store: Store, clock: Clock, at: datetime, step_type: str, data: dict,
         routine: str = "morning", status: str = "done") -> None:
    clock.now = at
    store.record_step(routine, "s" + at.isoformat(), StepOutcome(
        step_type, step_type, status, at, at + timedelta(minutes=1), data))


def utc(day: int, hour: int, minute: int = 0) -> datetime:
    """A November 2026 time in Berlin (UTC+1), as UTC."""
    return datetime(2026, 11, day, hour, minute, tzinfo=BERLIN).astimezone(timezone.utc)


def test_mood_has_gaps_and_tells_morning_from_evening_by_local_time(tmp_path: Path) -> None:
    clock = Clock()
    store = store_at(tmp_path, clock)
    step(store, clock, utc(2, 8), "mood", {"rating": 4})
    step(store, clock, utc(2, 21), "mood", {"rating": 8})
    step(store, clock, utc(5, 1, 30), "mood", {"rating": 2})  # the night after the 4th
    step(store, clock, utc(6, 9), "mood", {"rating": 0})
    history = load_history(store)
    mood = mood_summary(history.moods, date(2026, 11, 1), date(2026, 11, 6))
    assert [p.day for p in mood.points] == [date(2026, 11, 2), date(2026, 11, 4),
                                            date(2026, 11, 6)]  # gaps, not zeros
    assert (mood.points[0].morning, mood.points[0].evening) == (4, 8)
    assert mood.points[1].evening == 2 and mood.points[1].morning is None
    assert mood.points[2].average == 0  # a 0 is a rating, not a gap
    assert (mood.morning_average, mood.evening_average) == (2, 5)
    assert mood.average == 3.5
    assert mood_line(mood) == ("Average 3.5 over 3 days with a check-in "
                               "(morning 2.0, evening 5.0)")


def test_a_check_in_at_14_59_is_the_morning_s_and_at_15_00_the_evening_s(tmp_path: Path) -> None:
    clock = Clock()
    store = store_at(tmp_path, clock)
    # A check-in counts at the minute it ended, a minute after it started here.
    step(store, clock, utc(2, 14, 58), "mood", {"rating": 4})  # ends 14:59
    step(store, clock, utc(2, 14, 59), "mood", {"rating": 8})  # ends 15:00
    mood = mood_summary(load_history(store).moods, date(2026, 11, 2), date(2026, 11, 2))
    assert [(p.day, p.morning, p.evening) for p in mood.points] == [(date(2026, 11, 2), 4, 8)]


def test_a_routine_finished_after_midnight_counts_for_the_evening_before(tmp_path: Path) -> None:
    clock = Clock()
    store = store_at(tmp_path, clock)
    for day in (2, 3):
        clock.now = utc(day + 1, 0, 40)  # 00:40 on the next calendar day
        store.record_session("evening", f"e{day}", "finished")
    progress = routine_progress(load_history(store).routine("evening"), 3,
                                frozenset(range(7)), date(2026, 11, 4))
    assert progress.days[date(2026, 11, 2)] == progress.days[date(2026, 11, 3)] == marks.DONE
    assert progress.days[date(2026, 11, 4)] == marks.TODAY_OPEN


def test_partly_done_counts_distinct_steps_done_or_skipped(tmp_path: Path) -> None:
    clock = Clock()
    store = store_at(tmp_path, clock)
    step(store, clock, utc(2, 8), "mood", {"rating": 5})
    step(store, clock, utc(2, 8, 5), "mood", {"rating": 6})  # the same step again
    step(store, clock, utc(2, 8, 10), "journal", {}, status="skipped")
    records = load_history(store).routine("morning")
    assert records.touched == {date(2026, 11, 2): 2}
    assert routine_progress(records, 4, frozenset(range(7)),
                            date(2026, 11, 3)).days[date(2026, 11, 2)] == marks.PARTLY


def test_before_and_after_per_exercise(tmp_path: Path) -> None:
    clock = Clock()
    store = store_at(tmp_path, clock)
    for day, before, after in ((2, 7, 4), (3, 5, 3), (4, 6, 2)):
        step(store, clock, utc(day, 21), "pmr",
             {"seconds": 600, "distress_before": before, "distress_after": after})
    step(store, clock, utc(4, 8), "breathing", {"seconds": 60, "distress_before": 4,
                                                 "distress_after": 4})
    step(store, clock, utc(5, 8), "breathing", {"seconds": 60, "distress_before": 5})
    from coach.insight.exercises import exercise_effects

    effects = exercise_effects(load_history(store).rated, date(2026, 11, 1), date(2026, 11, 30))
    assert [effect_line(e) for e in effects] == [
        "Muscle relaxation: 6.0 before, 3.0 after, over 3 sessions",
        "Paced breathing: 4.0 before, 4.0 after, over 1 session"]
    assert exercise_effects(load_history(store).rated, date(2026, 11, 3),
                            date(2026, 11, 3))[0].sessions == 1


def test_predicted_against_actual_by_day_and_by_activity() -> None:
    day1, day2, day3 = date(2026, 11, 2), date(2026, 11, 3), date(2026, 11, 4)
    plans = {"a": Plan("Walk", 3, day1), "b": Plan("Call Sam", 6, day1),
             "c": Plan("walk ", 5, day2), "d": Plan("Bake", 7, day3), "e": Plan("Read", 2, day3)}
    reviews = {"a": Review(True, 6, 5, day1), "b": Review(True, 5, 7, day1),
               "c": Review(True, 4, None, day2), "d": Review(True, 7, 8, day3),
               "e": Review(False, None, None, day3)}
    figures = activity_figures(plans, reviews, day1, day3)
    # Day 1: predicted 3 and 6, felt 6 and 5: +1 on average, more. Day 2: 5 -> 4, less.
    # Day 3: only Bake is done and rated: 7 -> 7, as expected.
    assert (figures.planned, figures.done) == (5, 4)
    assert (figures.compared_days, figures.enjoyed_more_days,
            figures.enjoyed_as_expected_days) == (3, 1, 1)
    walk = figures.rows[0]
    assert (walk.name, walk.done, walk.predicted, walk.pleasure, walk.mastery) == \
        ("walk ", 2, 4.0, 5.0, 5.0)  # one activity however it was typed; the latest name
    assert [row.name for row in figures.rows] == ["walk ", "Bake", "Call Sam", "Read"]
    assert activity_lines(figures) == [
        "4 of 5 planned activities done.",
        "On 1 of 3 days you enjoyed them more than you expected, on 1 as much."]
    later = activity_figures(plans, reviews, day2, day3)
    assert (later.planned, later.compared_days) == (3, 2)


def test_a_routine_s_part_of_the_day_is_by_its_time_and_the_small_hours_are_evening() -> None:
    from coach.insight.mood import parts_of
    from coach.routine.loader import load_routine_bytes

    def routine(at: str | None) -> Any:
        schedule = f"schedule: {{at: '{at}'}}\n" if at else ""
        text = f"title: R\n{schedule}steps: [{{type: mood}}]\n"
        return load_routine_bytes(text.encode(), Path("r.yaml")).routine

    routines = {"early": routine("04:00"), "late-morning": routine("14:59"),
                "afternoon": routine("15:00"), "night": routine("01:30"), "any-time": routine(None)}
    assert parts_of(routines) == (("afternoon", "e"), ("early", "m"), ("late-morning", "m"),
                                  ("night", "e"))
