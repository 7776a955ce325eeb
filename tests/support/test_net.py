"""The safety-net rule on fixed histories, and reading check-ins from a store by routine day."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from coach.session.run import StepOutcome
from coach.config.settings import Settings
from coach.store import Store
from coach.support.net import load_mood_days, offer_now, should_offer

TODAY = date(2026, 11, 22)
ON = Settings()


def days(*ratings: list[int] | None) -> dict[date, list[int]]:
    """Ratings for consecutive days ending today: days([2], None, [1]) is 2 days ago, ..."""
    start = TODAY - timedelta(days=len(ratings) - 1)
    return {start + timedelta(days=i): r for i, r in enumerate(ratings) if r is not None}


def test_a_single_rating_of_0_or_1_offers_the_plan() -> None:
    assert should_offer(days([8]), TODAY, 1, ON, None)
    assert should_offer(days([0]), TODAY, 0, ON, None)
    assert not should_offer(days([2]), TODAY, 2, ON, None)


def test_three_low_days_in_a_row_offer_the_plan() -> None:
    assert should_offer(days([3], [2, 1], [3]), TODAY, 3, ON, None)


def test_a_rating_above_the_threshold_on_any_of_those_days_does_not() -> None:
    assert not should_offer(days([3], [2, 4], [3]), TODAY, 3, ON, None)
    assert not should_offer(days([2], [2], [6]), TODAY, 6, ON, None)  # a good day today


def test_the_latest_rating_counts_for_today_stored_or_not() -> None:
    assert should_offer(days([2], [3], None), TODAY, 2, ON, None)
    assert should_offer(days([2], [3], [2]), TODAY, 2, ON, None)
    assert not should_offer(days([2], [3], [2]), TODAY, 5, ON, None)  # just now: better
    assert not should_offer(days([2], [3], None), TODAY, None, ON, None)


def test_two_low_days_are_not_enough() -> None:
    assert not should_offer(days([2], [2]), TODAY, 2, ON, None)


def test_a_day_without_a_check_in_breaks_the_run() -> None:
    assert not should_offer(days([2], [2], None, [2]), TODAY, 2, ON, None)
    assert not should_offer(days([2], None, [2], [2]), TODAY, 2, ON, None)
    assert should_offer(days([2], None, [2], [2], [2]), TODAY, 2, ON, None)


def test_at_most_once_a_day() -> None:
    assert not should_offer(days([0]), TODAY, 0, ON, TODAY)
    assert should_offer(days([0]), TODAY, 0, ON, TODAY - timedelta(days=1))


def test_turned_off_it_never_offers() -> None:
    off = Settings(safety_net=False)
    assert not should_offer(days([0]), TODAY, 0, off, None)
    assert not should_offer(days([1], [1], [1]), TODAY, 1, off, None)


def test_the_threshold_and_the_number_of_days_come_from_settings() -> None:
    five_days = Settings(low_mood_days=5, low_mood_threshold=5)
    assert not should_offer(days([5], [5], [5], [5]), TODAY, 5, five_days, None)
    assert should_offer(days([5], [5], [4], [5], [5]), TODAY, 5, five_days, None)
    one_day = Settings(low_mood_days=1, low_mood_threshold=2)
    assert should_offer(days([2]), TODAY, 2, one_day, None)


def mood(store: Store, rating: object, ended: datetime, status: str = "done") -> None:
    outcome = StepOutcome("mood", "mood", status, ended - timedelta(minutes=1), ended,
                          {"rating": rating, "feelings": []})
    store.record_step("evening", "s-" + ended.isoformat(), outcome)


def low_evenings(tmp_path, day_start_hour: int) -> Store:
    """Low check-ins at 21:00 on the 20th, 02:00 on the 22nd and 19:00 on the 22nd (UTC)."""
    store = Store(tmp_path / "data", day_start_hour=day_start_hour)
    for rating, day, hour in ((2, 20, 21), (3, 22, 2), (1, 22, 19)):
        mood(store, rating, datetime(2026, 11, day, hour, 0, tzinfo=timezone.utc))
    return store


def test_check_ins_are_read_by_routine_day(tmp_path) -> None:
    store = low_evenings(tmp_path, day_start_hour=4)  # 02:00 on the 22nd counts for the 21st
    utc = timezone.utc
    mood(store, None, datetime(2026, 11, 22, 19, 30, tzinfo=utc))  # no rating given
    mood(store, 0, datetime(2026, 11, 22, 19, 40, tzinfo=utc), status="skipped")
    mood(store, 0, datetime(2026, 11, 10, 19, 0, tzinfo=utc))  # long before
    assert load_mood_days(store, TODAY, 3) == {
        date(2026, 11, 20): [2], date(2026, 11, 21): [3], date(2026, 11, 22): [1]}
    assert offer_now(store, ON, 3, None)  # three low days in a row
    assert not offer_now(store, ON, 3, TODAY)


def test_with_a_day_start_of_midnight_the_run_is_broken(tmp_path) -> None:
    """The same check-ins with the day starting at 00:00: the 21st has none, so no offer."""
    store = low_evenings(tmp_path, day_start_hour=0)
    assert sorted(load_mood_days(store, TODAY, 3)) == [date(2026, 11, 20), date(2026, 11, 22)]
    assert not offer_now(store, ON, 3, None)
