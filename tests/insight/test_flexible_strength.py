"""Habit strength and runs of a routine kept a number of times per period, against cases
worked out by hand and against a plain recomputation from Loop's formula."""

from __future__ import annotations

from datetime import date, timedelta
from math import sqrt

import pytest

from coach.foundation.frequency import Frequency, every
from coach.insight import marks
from coach.insight.history import RoutineRecords
from coach.insight.strength import frequency_multiplier, routine_progress

MONDAY = date(2026, 1, 5)
THREE_A_WEEK = Frequency(3, "week")


def day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def records(finished: list[int], rest: list[int] = ()) -> RoutineRecords:  # type: ignore[assignment]
    return RoutineRecords(finished={day(n) for n in finished},
                          touched={day(n): 2 for n in finished},
                          rest={day(n) for n in rest})


def recomputed(done: set[int], rest: set[int], times: int, period: int, today: int) -> float:
    """Loop's score written out plainly, one day at a time from day 0: each day that is
    over (and today once done), not a rest day, moves the score towards the share done
    over the last 2 * period days (pro rata for the days there are) of 2 * times."""
    m = 0.5 ** (sqrt(times / period) / 13)
    score = 0.0
    for n in range(today + 1):
        if n in rest or (n == today and n not in done):
            continue
        window = range(max(0, n - 2 * period + 1), n + 1)
        target = 2 * times * len(window) / (2 * period)
        share = min(1.0, sum(1 for k in window if k in done and k not in rest) / target)
        score = score * m + share * (1 - m)
    return score


def test_the_multiplier_is_loops_for_the_frequency() -> None:
    # 0.5 ** (sqrt(3/7) / 13): sqrt(3/7) = 0.654654, / 13 = 0.050358, 2 ** -0.050358 = 0.9656967
    assert round(frequency_multiplier(THREE_A_WEEK), 6) == 0.965697
    assert round(frequency_multiplier(every(2)), 7) == 0.9629996  # sqrt(1/2) / 13 = 0.054393


def test_a_first_week_kept_three_times_worked_by_hand() -> None:
    # Mon, Wed, Fri done; today Sunday, not done. Each day Monday to Saturday reaches its
    # pro rata target (3/7 of a day, 6/7 after two, ... 2.57 after six), so its share is 1
    # and the score is 1 - m ** 6 = 1 - 0.965697 ** 6 = 0.1890.
    progress = routine_progress(records([0, 2, 4]), 2, THREE_A_WEEK, day(6))
    assert round(progress.strength, 4) == 0.1890
    assert progress.days[day(1)] == marks.NOT_SCHEDULED  # no day of it is owed
    assert progress.days[day(6)] == marks.TODAY_OPEN
    assert (progress.current_run, progress.best_run) == (1, 1)  # one week met


def test_every_two_days_worked_by_hand() -> None:
    # Days 0 and 2 done, today (day 3) open: three days reach their share, 1 - m ** 3.
    progress = routine_progress(records([0, 2]), 2, every(2), day(3))
    assert round(progress.strength, 4) == round(1 - 0.962999 ** 3, 4) == 0.1069


def test_three_times_a_week_kept_for_half_a_year_is_a_strong_habit() -> None:
    done = [7 * week + d for week in range(26) for d in (0, 2, 4)]
    progress = routine_progress(records(done), 2, THREE_A_WEEK, day(26 * 7 - 1))
    assert progress.strength > 0.99
    as_daily = routine_progress(records(done), 2, frozenset(range(7)), day(26 * 7 - 1))
    assert as_daily.strength < 0.45  # the same days, read as a daily habit missed 4 of 7
    assert (progress.current_run, progress.best_run) == (26, 26)  # weeks, not days


def test_two_of_three_a_week_settles_near_two_thirds_not_near_nothing() -> None:
    # Loop's users found a share of 2/7 here when only "done or not" counted.
    done = [7 * week + d for week in range(52) for d in (1, 4)]
    progress = routine_progress(records(done), 2, THREE_A_WEEK, day(52 * 7 - 1))
    assert progress.strength == pytest.approx(2 / 3, abs=0.02)
    assert progress.current_run == 0


@pytest.mark.parametrize(("frequency", "times", "period"), [
    (THREE_A_WEEK, 3, 7), (Frequency(2, "month"), 2, 30), (every(3), 1, 3)])
def test_the_score_agrees_with_a_plain_recomputation(frequency: Frequency, times: int,
                                                       period: int) -> None:
    # An uneven year: busy stretches, lapses, rest days, done on varying days.
    done = {n for n in range(365) if (n * 7919) % 11 < (3 if n < 120 else 6 if n < 250 else 1)}
    rest = {n for n in range(365) if n % 37 == 5} - done
    progress = routine_progress(records(sorted(done), sorted(rest)), 2, frequency, day(364))
    assert progress.strength == pytest.approx(recomputed(done, rest, times, period, 364),
                                              abs=1e-9)


def test_runs_count_periods_met_and_a_week_short_ends_one() -> None:
    # Weeks 0-3 met (3 times), week 4 twice, weeks 5-6 met.
    done = [7 * w + d for w in range(7) for d in ((0, 3) if w == 4 else (0, 3, 5))]
    progress = routine_progress(records(done), 2, THREE_A_WEEK, day(7 * 7 - 1))
    assert (progress.current_run, progress.best_run) == (2, 4)


def test_a_week_not_over_yet_does_not_end_a_run() -> None:
    # Two weeks met; this Wednesday, once so far.
    progress = routine_progress(records([0, 1, 2, 7, 8, 9, 14]), 2, THREE_A_WEEK, day(16))
    assert progress.current_run == 2


def test_every_two_days_counts_a_run_of_periods_not_days() -> None:
    # Done every day for 10 days: 5 periods of 2 days met; then a gap of 3 days ends it.
    progress = routine_progress(records(list(range(10))), 2, every(2), day(9))
    assert progress.current_run == 5
    broken = routine_progress(records(list(range(10))), 2, every(2), day(12))
    assert (broken.current_run, broken.best_run) == (0, 5)


def test_a_day_marked_done_afterwards_counts_as_one_done_in_the_app() -> None:
    # Mon and Wed guided, Fri marked done afterwards: the same week as three guided days.
    marked = RoutineRecords(finished={day(0), day(2)}, touched={day(0): 2, day(2): 2},
                            marked={day(4): "done"})
    progress = routine_progress(marked, 2, THREE_A_WEEK, day(6))
    assert round(progress.strength, 4) == round(recomputed({0, 2, 4}, set(), 3, 7, 6), 4) \
        == 0.1890
    assert progress.days[day(4)] == marks.MARKED_DONE
    assert (progress.current_run, progress.best_run) == (1, 1)
    # Marked partly: half a day towards the week's count, and the week is not met.
    marked.marked[day(4)] = "partly"
    partly = routine_progress(marked, 2, THREE_A_WEEK, day(6))
    assert progress.strength > partly.strength > routine_progress(
        records([0, 2]), 2, THREE_A_WEEK, day(6)).strength
    assert partly.current_run == 0
