"""Mood check-in reminders at the times in `mood_reminders`, on pinned clocks: each time
once a day, claimed once across two stores, none just after a check-in, none long after
its time, and never a word the person wrote.

The pinned clock is Sunday 22 November 2026, 20:00 UTC, in the zone UTC."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.config.settings import Settings
from coach.remind.engine import ReminderEngine
from coach.remind.loop import SaidOnce, run_once
from coach.remind.schedule import (FIRST, Plan, Rules, due_now, mood_plans, next_time,
                                   plans_for, upcoming)
from coach.remind.words import MOOD_BODY
from coach.session.quick_mood import mood_record
from coach.session.run import StepOutcome
from coach.store import Store
from tests.conftest import PINNED_NOW, PinnedClock
from tests.remind.test_engine import Recorder, engine_with, write_routine

UTC = timezone.utc
BERLIN = ZoneInfo("Europe/Berlin")
TODAY = date(2026, 11, 22)
NOON, EVENING = time(12, 30), time(20, 0)


def at(hour: int, minute: int = 0, day: int = 22, zone: ZoneInfo | timezone = UTC) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=zone).astimezone(UTC)


def moods(*times: time) -> list[Plan]:
    return mood_plans(Settings(mood_reminders=times))


def due(plans: list[Plan], now: datetime, sent: set | None = None,
        rules: Rules = Rules(UTC)) -> list[tuple[str, date, str | None]]:
    return [(r.routine_id, r.day, r.at) for r in due_now(plans, rules, now, sent=sent or set())]


# -- when they are due ------------------------------------------------------------------------

def test_none_unless_times_are_set() -> None:
    assert moods() == []


def test_each_time_comes_every_day_at_its_time() -> None:
    plans = moods(NOON, EVENING)
    assert due(plans, at(12, 29)) == []
    assert due(plans, at(12, 30)) == [("_mood", TODAY, "12:30")]
    assert next_time(plans, Rules(UTC), at(12, 30)) == at(20)
    assert due(plans, at(20), {("_mood@12:30", TODAY, FIRST)}) == [("_mood", TODAY, "20:00")]
    assert due(plans, at(12, 31, day=23)) == [("_mood", date(2026, 11, 23), "12:30")]


def test_each_time_once_a_day() -> None:
    plans = moods(NOON, EVENING)
    sent = {("_mood@12:30", TODAY, FIRST)}
    assert due(plans, at(12, 45), sent) == []
    assert due(plans, at(20, 5), sent | {("_mood@20:00", TODAY, FIRST)}) == []


def test_in_the_local_zone_and_with_no_follow_up() -> None:
    plans = moods(NOON)
    rules = Rules(BERLIN)
    assert due(plans, at(12, 29, zone=BERLIN), rules=rules) == []
    assert due(plans, at(12, 30, zone=BERLIN), rules=rules) == [("_mood", TODAY, "12:30")]
    assert [r.which for r in upcoming(plans, rules, at(0), at(23, 59))] == [(FIRST,)]


def test_a_time_longer_ago_than_the_grace_is_not_sent() -> None:
    plans = moods(NOON)
    assert due(plans, at(14, 30)) == [("_mood", TODAY, "12:30")]  # the default, 2 hours
    assert due(plans, at(14, 31)) == []
    assert due(plans, at(13, 1), rules=Rules(UTC, grace=timedelta(minutes=30))) == []


def test_after_a_gap_only_the_latest_time_is_sent() -> None:
    plans = moods(time(12, 0), NOON, time(13, 0))
    assert due(plans, at(13, 10)) == [("_mood", TODAY, "13:00")]
    # Once the latest was sent, the earlier ones, still within the grace, stay unsent.
    assert due(plans, at(13, 11), {("_mood@13:00", TODAY, FIRST)}) == []


def test_a_routine_at_the_same_time_is_reminded_of_as_well() -> None:
    routine = Plan("evening", "Evening wind-down", 5, EVENING, tuple(range(7)))
    assert due([routine, *moods(EVENING)], at(20)) == [("evening", TODAY, None),
                                                      ("_mood", TODAY, "20:00")]


def test_never_a_routine_and_never_in_the_routines_plans() -> None:
    assert plans_for([], Settings(mood_reminders=(NOON,))) == []


# -- sent by the engine -----------------------------------------------------------------------

def mood_settings(*times: time, **others: object):  # type: ignore[no-untyped-def]
    return lambda: (Settings(mood_reminders=times, **others), [])  # type: ignore[arg-type]


@pytest.fixture
def store(coach_dirs: dict[str, Path]) -> Store:
    return Store(coach_dirs["data"])


@pytest.fixture(autouse=True)
def check_ins_yesterday(store: Store, pinned_clock: PinnedClock) -> None:
    """Every test here starts with a history: check-ins the evening before."""
    pinned_clock.set(PINNED_NOW - timedelta(days=1))
    store.add(mood_record(store, 7, "yesterday"))
    pinned_clock.set(PINNED_NOW)


def test_sent_once_with_the_same_words_and_recorded_under_the_reserved_id(
        store: Store, pinned_clock: PinnedClock) -> None:
    pinned_clock.set(at(18, 0))  # more than an hour before 19:30
    store.add(mood_record(store, 2, "a private sentence", ["work"]))
    pinned_clock.set(PINNED_NOW)
    records_before = len(store.records())
    recorder = Recorder()
    engine = engine_with(store, recorder, load_settings=mood_settings(time(19, 30)))
    assert [(o.via, o.reminder.title) for o in engine.run_pass().outcomes] == [
        ("recorder", "Mood check-in")]
    [message] = recorder.messages
    assert (message.title, message.body, message.routine_id) == ("coach", MOOD_BODY, "_mood")
    assert not any(word in repr(message) for word in ("private", "work", "2", "yesterday"))
    assert engine.run_pass().outcomes == []
    assert store.reminders_sent(TODAY, TODAY) == {("_mood@19:30", TODAY, "first")}
    [claim] = store.records()[records_before:]
    assert (claim["routine"], claim["at"], claim["which"]) == ("_mood", "19:30", "first")


def test_two_stores_send_each_time_once(coach_dirs: dict[str, Path],
                                        pinned_clock: PinnedClock) -> None:
    recorders = [Recorder(), Recorder()]
    engines = [engine_with(Store(coach_dirs["data"]), recorder,
                           load_settings=mood_settings(time(19, 45), time(20, 30)))
               for recorder in recorders]
    for engine in engines:
        engine.run_pass()
    pinned_clock.set(at(20, 30))
    for engine in reversed(engines):
        engine.run_pass()
    assert [len(r.messages) for r in recorders] == [1, 1]  # 19:45 by one, 20:30 by the other
    assert Store(coach_dirs["data"]).reminders_sent(TODAY, TODAY) == {
        ("_mood@19:45", TODAY, "first"), ("_mood@20:30", TODAY, "first")}


@pytest.mark.parametrize("minutes_before, sent", [(61, True), (59, False), (-5, False)])
def test_not_sent_after_a_check_in_within_the_hour_before_its_time(
        store: Store, pinned_clock: PinnedClock, minutes_before: int, sent: bool) -> None:
    """The time is 19:45, the pass at 20:00; a check-in at 18:44 does not count, one at
    18:46 or at 19:50 (since the time) does."""
    pinned_clock.set(at(19, 45) - timedelta(minutes=minutes_before))
    store.add(mood_record(store, 5))
    pinned_clock.set(PINNED_NOW)
    recorder = Recorder()
    result = engine_with(store, recorder, load_settings=mood_settings(time(19, 45))).run_pass()
    assert bool(recorder.messages) is sent
    if not sent:
        assert [(o.skipped, o.note) for o in result.outcomes] == [
            (True, "a mood was checked in within the hour")]
        assert store.reminders_sent(TODAY, TODAY) == set()  # not claimed


def test_a_mood_step_in_a_routine_counts_as_a_check_in(store: Store) -> None:
    moment = at(19, 10)
    store.record_step("morning", "s1", StepOutcome("feel", "mood", "done", moment, moment,
                                                   {"rating": 6, "feelings": []}), day=TODAY)
    recorder = Recorder()
    engine_with(store, recorder, load_settings=mood_settings(time(19, 45))).run_pass()
    assert recorder.messages == []


def test_a_routine_done_today_does_not_stop_a_mood_reminder(
        store: Store, coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], "19:30")
    store.record_session("evening", "s1", "finished")
    recorder = Recorder()
    engine_with(store, recorder, load_settings=mood_settings(time(19, 30))).run_pass()
    assert [m.body for m in recorder.messages] == [MOOD_BODY]


def test_no_reminder_makes_a_day_of_any_routine(store: Store) -> None:
    engine_with(store, Recorder(), load_settings=mood_settings(time(19, 45))).run_pass()
    assert store.reminders_sent(TODAY, TODAY) == {("_mood@19:45", TODAY, "first")}
    assert store.finished_days("_mood", TODAY) == set()
    assert all(not key.startswith("_") for key in store.series().routines)


def test_the_loop_logs_what_it_sent_and_what_it_left(store: Store,
                                                     pinned_clock: PinnedClock) -> None:
    lines: list[str] = []
    said = SaidOnce(lines.append)
    engine = engine_with(store, Recorder(), load_settings=mood_settings(time(19, 45),
                                                                        time(20, 15)))
    run_once(engine, said)
    store.add(mood_record(store, 8, "do not log me"))
    pinned_clock.set(at(20, 15))
    run_once(engine, said)
    assert lines == ["reminded: Mood check-in, by recorder",
                     "no reminder for Mood check-in: a mood was checked in within the hour"]


def test_the_engine_plans_them_beside_the_routines(store: Store,
                                                   coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], "07:00")
    engine = engine_with(store, Recorder(), load_settings=mood_settings(NOON, EVENING))
    plans = engine.situation().plans
    assert [(p.routine_id, p.at, p.timed) for p in plans] == [
        ("evening", time(7, 0), False), ("_mood", NOON, True), ("_mood", EVENING, True)]
    assert isinstance(engine, ReminderEngine)


def test_the_loop_names_the_mood_times_together_when_it_starts() -> None:
    from coach.cli.remind import _plan_names

    routine = Plan("evening", "Evening wind-down", 5, time(21, 0), tuple(range(7)))
    assert _plan_names([routine, *moods(NOON, EVENING)]) == \
        "Evening wind-down at 21:00, Mood check-in at 12:30 and 20:00"
