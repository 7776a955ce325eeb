"""One pass against a real store and real routine files, on the pinned clock: done-today
and in-progress routines, two processes, an edited routine, and what the loop logs."""

from __future__ import annotations

import threading
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.remind.backends.base import Availability, Delivery, Message
from coach.remind.engine import ReminderEngine
from coach.remind.loop import SaidOnce, run_loop, run_once
from coach.session.run import StepOutcome
from coach.store import Store

from tests.conftest import PINNED_NOW, PinnedClock

TODAY = date(2026, 11, 22)  # the pinned clock's day (Sunday, 20:00 UTC, TZ=UTC)


class Recorder:
    """A way to remind that keeps what it was given."""

    name = "recorder"

    def __init__(self, works: bool = True) -> None:
        self.works = works
        self.messages: list[Message] = []

    def available(self) -> Availability:
        return Availability(self.works, "" if self.works else "switched off for the test")

    def send(self, message: Message) -> Delivery:
        self.messages.append(message)
        return Delivery(True)


def write_routine(routines: Path, at: str, routine_id: str = "evening",
                  extra: str = "") -> None:
    routines.mkdir(parents=True, exist_ok=True)
    (routines / f"{routine_id}.yaml").write_text(
        f"title: Evening wind-down\nschedule:\n  at: \"{at}\"\n{extra}"
        "steps:\n  - type: journal\n    title: A few lines\n", encoding="utf-8")


def engine_with(store: Store, recorder: Recorder, **kwargs: object) -> ReminderEngine:
    def only_shipped_none():  # the test's own routines, none of the shipped ones
        from coach.routine.catalog import RoutineDir, load_catalog
        from coach.foundation.paths import user_routines_dir

        catalog = load_catalog([RoutineDir(user_routines_dir(), False)])
        return catalog.ordered(), []

    return ReminderEngine(store, load_routines=only_shipped_none,
                          backends=lambda settings, show: [recorder], **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def store(coach_dirs: dict[str, Path]) -> Store:
    return Store(coach_dirs["data"])


def test_due_routine_is_reminded_once(store: Store, coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], "19:30")
    recorder = Recorder()
    engine = engine_with(store, recorder)
    first = engine.run_pass()
    assert [(o.via, o.reminder.routine_id) for o in first.outcomes] == [("recorder", "evening")]
    assert recorder.messages[0].body == "Evening wind-down is ready when you are (about 5 min)"
    assert engine.run_pass().outcomes == []
    assert store.reminders_sent(TODAY, TODAY) == {("evening", TODAY, "first")}


def test_done_today_gets_no_reminder(store: Store, coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], "19:30")
    store.record_session("evening", "s1", "finished")
    recorder = Recorder()
    result = engine_with(store, recorder).run_pass()
    assert [o.note for o in result.outcomes] == ["it is done for today"]
    assert recorder.messages == [] and store.reminders_sent(TODAY, TODAY) == set()


def test_a_routine_in_progress_still_gets_its_reminder(store: Store,
                                                        coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], "19:30")
    now = PINNED_NOW - timedelta(minutes=5)
    store.record_session("evening", "s1", "started")
    store.record_step("evening", "s1", StepOutcome("a-few-lines", "journal", "done", now, now, {}))
    recorder = Recorder()
    engine_with(store, recorder).run_pass()
    assert len(recorder.messages) == 1


def test_the_routine_open_in_the_app_is_not_reminded(store: Store,
                                                      coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], "19:30")
    recorder = Recorder()
    result = engine_with(store, recorder, running_now=lambda: "evening").run_pass()
    assert recorder.messages == [] and result.outcomes[0].skipped


def test_two_processes_send_each_reminder_once(coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], "19:30")
    recorders = [Recorder(), Recorder()]
    engines = [engine_with(Store(coach_dirs["data"]), r) for r in recorders]
    outcomes = [engine.run_pass().outcomes for engine in engines]
    assert sum(len(r.messages) for r in recorders) == 1
    assert outcomes[1] == []  # it read the first one's record; a true race: tests/store


def test_an_edited_routine_counts_from_the_next_pass(store: Store, coach_dirs: dict[str, Path],
                                                     pinned_clock: PinnedClock) -> None:
    write_routine(coach_dirs["routines"], "21:00")
    recorder = Recorder()
    engine = engine_with(store, recorder)
    result = engine.run_pass()
    assert result.outcomes == []
    assert result.next_time == datetime(2026, 11, 22, 21, 0, tzinfo=timezone.utc)
    write_routine(coach_dirs["routines"], "19:55")
    assert [o.via for o in engine.run_pass().outcomes] == ["recorder"]


def test_follow_up_from_the_routine_file(store: Store, coach_dirs: dict[str, Path],
                                         pinned_clock: PinnedClock) -> None:
    write_routine(coach_dirs["routines"], "19:30", extra="remind_again_after: 45m\n")
    recorder = Recorder()
    engine = engine_with(store, recorder)
    engine.run_pass()
    pinned_clock.set(PINNED_NOW + timedelta(minutes=15))  # 20:15, the follow-up's time
    engine.run_pass()
    assert [m.body for m in recorder.messages] == [
        "Evening wind-down is ready when you are (about 5 min)",
        "Evening wind-down is still here whenever you are ready (about 5 min)"]
    pinned_clock.set(PINNED_NOW + timedelta(minutes=30))
    assert engine.run_pass().outcomes == []


def test_with_no_way_working_nothing_is_claimed_and_it_is_tried_again(
        store: Store, coach_dirs: dict[str, Path]) -> None:
    """A process that cannot deliver (no desktop yet, nobody attached to tmux) leaves the
    reminder to a later pass, or to another process that can."""
    write_routine(coach_dirs["routines"], "19:30")
    lines: list[str] = []
    recorder = Recorder(works=False)
    engine = engine_with(store, recorder)
    said = SaidOnce(lines.append)
    run_once(engine, said)
    run_once(engine, said)
    assert lines == ["cannot remind of Evening wind-down yet: no way works here (recorder: "
                     "not available: switched off for the test); trying again each minute "
                     "while it is due"]
    assert store.reminders_sent(TODAY, TODAY) == set()
    recorder.works = True
    run_once(engine, said)
    assert lines[-1] == "reminded: Evening wind-down, by recorder"
    assert len(recorder.messages) == 1


def test_a_follow_up_after_the_day_started_counts_what_was_done_since(
        coach_dirs: dict[str, Path], pinned_clock: PinnedClock) -> None:
    """At 03:50 with the day starting at 04:00: finished at 04:10 (the new routine day),
    the 04:20 follow-up does not come."""
    write_routine(coach_dirs["routines"], "03:50", extra="remind_again_after: 30m\n")
    store = Store(coach_dirs["data"])
    recorder = Recorder()
    engine = engine_with(store, recorder)
    pinned_clock.set(datetime(2026, 11, 23, 3, 51, tzinfo=timezone.utc))
    engine.run_pass()
    pinned_clock.set(datetime(2026, 11, 23, 4, 10, tzinfo=timezone.utc))
    store.record_session("evening", "s1", "finished")
    pinned_clock.set(datetime(2026, 11, 23, 4, 21, tzinfo=timezone.utc))
    result = engine.run_pass()
    assert [o.note for o in result.outcomes] == ["it is done for today"]
    assert len(recorder.messages) == 1


def test_a_read_error_is_said_again_after_a_good_pass(store: Store,
                                                      coach_dirs: dict[str, Path]) -> None:
    from coach.store import StoreError

    lines: list[str] = []
    said = SaidOnce(lines.append)
    engine = engine_with(store, Recorder())
    failing = {"now": True}
    real_pass = engine.run_pass

    def flaky_pass():  # type: ignore[no-untyped-def]
        if failing["now"]:
            raise StoreError("the data folder is gone")
        return real_pass()

    engine.run_pass = flaky_pass  # type: ignore[method-assign]
    run_once(engine, said)
    run_once(engine, said)
    failing["now"] = False
    run_once(engine, said)
    failing["now"] = True
    run_once(engine, said)
    assert lines == ["reminders could not be checked: the data folder is gone; trying again "
                     "in a minute", "reminders can be checked again",
                     "reminders could not be checked: the data folder is gone; trying again "
                     "in a minute"]


def test_a_stopping_engine_sends_nothing_more(store: Store, coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], "19:30")
    recorder = Recorder()
    engine = engine_with(store, recorder)
    engine.stopping = True
    assert engine.run_pass().outcomes == [] and recorder.messages == []


def test_the_loop_stops_when_asked_and_notices_a_clock_jump(store: Store,
                                                             coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], "19:30")
    recorder = Recorder()
    lines: list[str] = []
    stop = threading.Event()
    walls = iter([1000.0, 1000.0 + 3 * 3600])  # three hours pass on the wall clock...
    monotonic = iter([50.0, 51.0])              # ...during one second of sleep (a suspend)

    def wall() -> float:
        return next(walls)

    def mono() -> float:
        value = next(monotonic)
        stop.set()
        return value

    run_loop(engine_with(store, recorder), lines.append, stop, max_nap=0.01, wall=wall,
             monotonic=mono)
    assert lines[0] == "reminded: Evening wind-down, by recorder"
    assert lines[1].startswith("the clock moved forward by about 180 min")
    assert len(recorder.messages) == 1


def test_the_loop_leaves_reminders_to_an_open_app(store: Store,
                                                  coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], "19:30")
    recorder = Recorder()
    lines: list[str] = []
    stop = threading.Event()

    def app_open() -> bool:
        stop.set()
        return True

    run_loop(engine_with(store, recorder), lines.append, stop, app_open=app_open, max_nap=0.01)
    assert recorder.messages == []
    assert lines == ["coach is open, so it shows reminders itself for now"]


def test_the_loop_says_once_what_is_at_the_app_s_lock_and_reminds_meanwhile(
        store: Store, coach_dirs: dict[str, Path]) -> None:
    """A named pipe where the app's presence lock goes: no app can hold it, so the loop
    reminds from here, and says so once rather than every pass (or stopping)."""
    import os

    from coach.remind.presence import PRESENCE_FILE_NAME, app_is_open

    write_routine(coach_dirs["routines"], "19:30")
    coach_dirs["data"].mkdir(parents=True, exist_ok=True)
    os.mkfifo(coach_dirs["data"] / PRESENCE_FILE_NAME)
    recorder = Recorder()
    lines: list[str] = []
    stop = threading.Event()
    passes = []

    def app_open() -> bool:
        passes.append(1)
        if len(passes) == 3:
            stop.set()
        return app_is_open(coach_dirs["data"])

    # No timed wait between passes: under libfaketime (make test-shifted) one never ends.
    run_loop(engine_with(store, recorder), lines.append, stop, app_open=app_open, max_nap=0.01,
             sleep=lambda _seconds: None)
    assert len(recorder.messages) == 1
    assert lines == [f"{coach_dirs['data'] / PRESENCE_FILE_NAME} is a named pipe (FIFO), not a "
                     "file coach made: move it away; reminding from here meanwhile",
                     "reminded: Evening wind-down, by recorder"]
