"""Whether a mood check-in was recorded in a stretch of time: what keeps a mood reminder
from coming just after one (coach.remind.engine)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from coach.foundation.paths import data_dir
from coach.session.quick_mood import mood_record
from coach.session.run import StepOutcome
from coach.store import Store

from tests.conftest import PINNED_NOW, PinnedClock

HOUR = timedelta(hours=1)


def test_a_quick_check_in_counts_within_its_stretch_only(pinned_clock: PinnedClock) -> None:
    store = Store(data_dir())
    store.add(mood_record(store, 6, "private words"))  # at 20:00 UTC
    assert store.mood_checked_in(PINNED_NOW - HOUR, PINNED_NOW)
    assert store.mood_checked_in(PINNED_NOW, PINNED_NOW + HOUR)
    assert not store.mood_checked_in(PINNED_NOW + timedelta(seconds=1), PINNED_NOW + HOUR)
    assert not store.mood_checked_in(PINNED_NOW - 2 * HOUR, PINNED_NOW - timedelta(seconds=1))


def test_a_routines_mood_step_counts_and_a_skipped_one_does_not() -> None:
    store = Store(data_dir())
    at = datetime(2026, 11, 22, 7, 10, tzinfo=timezone.utc)
    store.record_step("morning", "s1", StepOutcome("feel", "mood", "skipped", at, at, {}),
                      day=date(2026, 11, 22))
    store.record_step("morning", "s1", StepOutcome("note", "journal", "done", at, at,
                                                   {"text": "mood"}), day=date(2026, 11, 22))
    assert not store.mood_checked_in(at - HOUR, at + HOUR)
    store.record_step("morning", "s1", StepOutcome("feel", "mood", "done", at, at,
                                                   {"rating": 4, "feelings": []}),
                      day=date(2026, 11, 22))
    assert store.mood_checked_in(at - HOUR, at + HOUR)


def test_a_check_in_just_after_midnight_counts_for_a_stretch_across_it(
        pinned_clock: PinnedClock) -> None:
    """Made at 00:20 UTC, it is on the routine day before (the day starts at 04:00)."""
    pinned_clock.set(datetime(2026, 11, 23, 0, 20, tzinfo=timezone.utc))
    store = Store(data_dir())
    store.add(mood_record(store, 3))
    assert store.records()[0]["day"] == "2026-11-22"
    assert store.mood_checked_in(datetime(2026, 11, 22, 23, 50, tzinfo=timezone.utc),
                                 datetime(2026, 11, 23, 0, 50, tzinfo=timezone.utc))


def test_a_deleted_check_in_no_longer_counts_and_an_undone_delete_does(
        pinned_clock: PinnedClock) -> None:
    store = Store(data_dir())
    record = store.add(mood_record(store, 6, "private words"))
    store.delete_entry(record["uid"], date.fromisoformat(record["day"]))
    assert not store.mood_checked_in(PINNED_NOW - HOUR, PINNED_NOW + HOUR)
    [change] = store.last_changes()
    change.undo(store)
    assert store.mood_checked_in(PINNED_NOW - HOUR, PINNED_NOW + HOUR)
