"""Strength of a routine with a measure step, recomputed here without the code under test:
the step counts by the share of its target reached (Loop's numeric habits), worked out by
hand, and the store's digests, series and the strength walk must agree."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.foundation.measures import AT_LEAST, AT_MOST, share_of_target
from coach.insight.history import load_history
from coach.insight.strength import routine_progress
from coach.routine.model import Routine
from coach.routine.steps.journal import JournalStep
from coach.routine.steps.measure import MeasureStep
from coach.session.measure_value import value_record
from coach.store import Store

FIRST = date(2026, 11, 2)
#: The day after the last number: today counts only once the routine is finished.
TODAY = FIRST + timedelta(days=4)
DAILY = frozenset(range(7))
NOON = datetime(2026, 11, 6, 12, 0, tzinfo=timezone.utc)


def loop_share(value: float, target: float, at_most: bool) -> float:
    """Loop Habit Tracker's day value for a numeric habit (ScoreList.recompute)."""
    if at_most:
        return min(1.0, max(0.0, 1 - (value - target) / target))
    return min(1.0, value / target)


def loop_score(values: list[float]) -> float:
    m = 0.5 ** (1 / 13)
    score = 0.0
    for value in values:
        score = score * m + value * (1 - m)
    return score


@pytest.mark.parametrize(("value", "target", "direction", "share"), [
    (8, 7, AT_LEAST, 1.0), (0.25, 0.5, AT_LEAST, 0.5), (3, 0, AT_LEAST, 1.0),
    (0, 0, AT_LEAST, 1.0),
    (1, 3, AT_MOST, 1.0), (0.75, 0.5, AT_MOST, 0.5), (0, 0, AT_MOST, 1.0),
    (0.5, 0, AT_MOST, 0.0), (1, 0, AT_MOST, 0.0),
])
def test_the_share_of_the_target_at_its_edges(value: float, target: float, direction: str,
                                              share: float) -> None:
    # Beyond the target counts no more than the target; a target under 1 is a share like
    # any other; a target of 0 is reached by anything at least, and only by 0 at most.
    assert share_of_target(value, target, direction) == share


def stored(tmp_path: Path, routine: Routine, numbers: dict[int, float]) -> Store:
    store = Store(tmp_path / "data", now=lambda: NOON, zone=(ZoneInfo("UTC"), "UTC"))
    for offset, number in numbers.items():
        store.add(value_record(store, routine, number, FIRST + timedelta(days=offset)))
    return store


def routine_of(*steps) -> Routine:  # type: ignore[no-untyped-def]
    return Routine(id="sleep", title="Sleep", steps=steps)


def strength_both_ways(store: Store, routine: Routine) -> tuple[float, float]:
    """From the series (home) and from the month digests (figures over a range)."""
    steps = len(routine.steps)
    series = routine_progress(store.series().routine("sleep"), steps, DAILY, TODAY)
    digests = routine_progress(load_history(store).routine("sleep"), steps, DAILY, TODAY)
    assert series.strength is not None and digests.strength is not None
    return series.strength, digests.strength


def test_hours_slept_at_least_7_counts_the_share_of_the_target(tmp_path: Path) -> None:
    routine = routine_of(MeasureStep(id="hours", label="Hours slept", at_least=7))
    # 7.5 h (all of it), 3.5 h (half), nothing entered, 7 h (all).
    store = stored(tmp_path, routine, {0: 7.5, 1: 3.5, 3: 7})
    shares = [loop_share(7.5, 7, False), loop_share(3.5, 7, False), 0.0,
              loop_share(7, 7, False)]
    assert shares == [1.0, 0.5, 0.0, 1.0]
    expected = loop_score(shares)
    assert round(expected, 6) == 0.119505  # by hand: 0.051922, 0.075188, 0.071284, 0.119505
    for strength in strength_both_ways(store, routine):
        assert strength == pytest.approx(expected, abs=1e-9)


def test_cups_of_coffee_at_most_3_loses_a_third_a_cup_over(tmp_path: Path) -> None:
    routine = routine_of(MeasureStep(id="coffee", label="Cups of coffee", at_most=3))
    store = stored(tmp_path, routine, {1: 4, 2: 6, 3: 2})
    # The first record's day begins the walk: 4 cups (2/3), 6 cups (0), 2 cups (all).
    shares = [loop_share(4, 3, True), loop_share(6, 3, True), loop_share(2, 3, True)]
    assert shares == [pytest.approx(2 / 3), 0.0, 1.0]
    expected = loop_score(shares)
    assert round(expected, 6) == 0.083036
    for strength in strength_both_ways(store, routine):
        assert strength == pytest.approx(expected, abs=1e-9)


def test_a_measure_step_beside_another_counts_as_its_share_of_one_step(
        tmp_path: Path) -> None:
    routine = routine_of(MeasureStep(id="hours", label="Hours slept", at_least=8),
                         JournalStep(id="journal"))
    # Only the number is entered, on two days: 8 h is one step of two done (1/2); 6 h is
    # three quarters of one step of two (3/8).
    store = stored(tmp_path, routine, {2: 8, 3: 6})
    expected = loop_score([1 / 2, loop_share(6, 8, False) / 2])
    for strength in strength_both_ways(store, routine):
        assert strength == pytest.approx(expected, abs=1e-9)


def test_a_later_number_for_the_same_day_takes_the_place_of_the_first(
        tmp_path: Path) -> None:
    routine = routine_of(MeasureStep(id="hours", label="Hours slept", at_least=8))
    store = stored(tmp_path, routine, {3: 2})
    later = NOON + timedelta(minutes=5)
    store.now = lambda: later  # type: ignore[method-assign]
    store.add(value_record(store, routine, 8, FIRST + timedelta(days=3)))
    for strength in strength_both_ways(store, routine):
        assert strength == pytest.approx(loop_score([1.0]), abs=1e-9)
