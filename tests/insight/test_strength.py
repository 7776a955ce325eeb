"""Habit strength, runs and day marks against cases worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.insight import marks
from coach.insight.history import RoutineRecords
from coach.insight.strength import MULTIPLIER, routine_progress

MONDAY = date(2026, 1, 5)
DAILY = frozenset(range(7))
MON_WED_FRI = frozenset({0, 2, 4})


def day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def records(finished=(), touched=None, rest=(), schedules=(), marked=None) -> RoutineRecords:  # type: ignore[no-untyped-def]
    return RoutineRecords(finished={day(n) for n in finished},
                          touched={day(n): k for n, k in (touched or {}).items()},
                          rest={day(n) for n in rest},
                          schedules=[(day(n), w) for n, w in schedules],
                          marked={day(n): mark for n, mark in (marked or {}).items()})


def test_the_multiplier_is_loops_for_a_daily_habit() -> None:
    assert round(MULTIPLIER, 6) == 0.948078  # 2 ** (-1/13): a half-life of 13 scheduled days


def test_the_loop_formula_to_four_places_on_a_sequence_worked_by_hand() -> None:
    # Daily, 4 steps: done, done, nothing, 2 of 4 steps, done, nothing, nothing, done.
    history = records(finished=[0, 1, 4, 7], touched={0: 4, 1: 4, 3: 2, 4: 4, 7: 4})
    progress = routine_progress(history, 4, DAILY, day(7))
    # s = s * m + v * (1 - m), m = 0.948078: 0.051922, 0.101149, 0.095897, 0.116879,
    # 0.162733, 0.154283, 0.146273, 0.190600
    assert round(progress.strength, 4) == 0.1906
    assert progress.days[day(3)] == marks.PARTLY
    assert progress.days[day(2)] == marks.NOT_DONE
    assert (progress.current_run, progress.best_run) == (1, 2)


def test_today_counts_only_once_it_is_done() -> None:
    history = records(finished=[0, 1])
    before = routine_progress(history, 3, DAILY, day(2))
    assert round(before.strength, 4) == 0.1011  # two days, today still open
    assert before.days[day(2)] == marks.TODAY_OPEN
    assert before.current_run == 2  # not broken by a day that is not over
    history.finished.add(day(2))
    after = routine_progress(history, 3, DAILY, day(2))
    assert round(after.strength, 4) == round(1 - MULTIPLIER ** 3, 4)
    assert after.current_run == 3


def test_three_days_a_week_counts_only_scheduled_days() -> None:
    # Mon..Sun of two weeks; done every Mon, Wed, Fri, and once on a Tuesday (no count).
    history = records(finished=[0, 1, 2, 4, 7, 9, 11])
    progress = routine_progress(history, 2, MON_WED_FRI, day(13))
    assert round(progress.strength, 4) == round(1 - MULTIPLIER ** 6, 4)
    assert progress.days[day(5)] == marks.NOT_SCHEDULED  # a Saturday
    assert progress.days[day(1)] == marks.DONE  # done on a Tuesday still shows as done
    assert (progress.current_run, progress.best_run) == (6, 6)


def test_the_score_starts_on_the_first_scheduled_day_on_or_after_the_first_record() -> None:
    # First record on a Tuesday (not scheduled): nothing counts until Wednesday.
    history = records(finished=[1, 2])
    progress = routine_progress(history, 2, MON_WED_FRI, day(2))
    assert round(progress.strength, 4) == round(1 - MULTIPLIER, 4)
    assert min(progress.days) == day(1)


def test_rest_days_leave_the_score_and_the_run_alone() -> None:
    history = records(finished=[0, 1, 3, 4], rest=[2])
    progress = routine_progress(history, 2, DAILY, day(4))
    assert round(progress.strength, 4) == round(1 - MULTIPLIER ** 4, 4)
    assert progress.days[day(2)] == marks.REST
    assert (progress.current_run, progress.best_run) == (4, 4)


def test_a_gap_of_weeks_dents_the_score_and_never_resets_it() -> None:
    done = list(range(28)) + [49]  # four weeks, three weeks away, then back
    history = records(finished=done)
    progress = routine_progress(history, 2, DAILY, day(49))
    after_four_weeks = 1 - MULTIPLIER ** 28
    expected = (after_four_weeks * MULTIPLIER ** 21) * MULTIPLIER + (1 - MULTIPLIER)
    assert round(progress.strength, 4) == round(expected, 4)
    assert progress.strength > 0.2  # a dent, not back to zero
    assert (progress.current_run, progress.best_run) == (1, 28)


def test_partly_done_days_count_their_share_of_steps_done_or_skipped() -> None:
    history = records(touched={0: 1, 1: 3})  # 1 of 4, then 3 of 4 (some skipped), never finished
    progress = routine_progress(history, 4, DAILY, day(2))
    expected = (0.25 * (1 - MULTIPLIER)) * MULTIPLIER + 0.75 * (1 - MULTIPLIER)
    assert round(progress.strength, 4) == round(expected, 4)
    assert progress.best_run == 0


def test_a_changed_schedule_does_not_rewrite_the_past() -> None:
    # Daily for the first week (recorded), Mon/Wed/Fri from the second Monday (recorded).
    history = records(finished=[0, 1, 2, 3, 4, 5, 6, 7, 9],
                      schedules=[(0, DAILY), (7, MON_WED_FRI)])
    progress = routine_progress(history, 2, MON_WED_FRI, day(10))
    # 7 daily days done, then Mon (done), Wed (done); Tue, Thu are not scheduled any more.
    assert round(progress.strength, 4) == round(1 - MULTIPLIER ** 9, 4)
    assert progress.days[day(8)] == marks.NOT_SCHEDULED
    # The same days judged by today's schedule alone would have skipped Tue-Sun of week one.
    without = routine_progress(records(finished=[0, 1, 2, 3, 4, 5, 6, 7, 9]), 2,
                               MON_WED_FRI, day(10))
    assert round(without.strength, 4) == round(1 - MULTIPLIER ** 5, 4)


def test_days_after_the_last_recorded_session_follow_the_schedule_now() -> None:
    history = records(finished=[0], schedules=[(0, DAILY)])
    progress = routine_progress(history, 2, MON_WED_FRI, day(3))
    assert progress.days[day(1)] == marks.NOT_SCHEDULED  # Tuesday, under the new schedule
    assert progress.days[day(2)] == marks.NOT_DONE


def test_change_over_thirty_days_and_the_weekly_trend() -> None:
    history = records(finished=range(0, 60))
    progress = routine_progress(history, 2, DAILY, day(59))
    assert progress.change == pytest.approx((1 - MULTIPLIER ** 60) - (1 - MULTIPLIER ** 30))
    assert len(progress.trend) == 8 and list(progress.trend) == sorted(progress.trend)
    assert progress.trend[-1] == progress.strength


def test_a_routine_without_a_schedule_shows_its_use() -> None:
    history = records(finished=[0, 3, 30, 40])
    progress = routine_progress(history, 2, None, day(40))
    assert not progress.scheduled
    assert progress.done_recent == 2  # day 30 and day 40: the last 30 days, today included
    assert progress.strength == 0.0  # nothing is scheduled, so nothing moves it


def test_no_records_no_strength() -> None:
    progress = routine_progress(records(), 2, DAILY, day(3))
    assert progress.strength is None and progress.days == {}


def test_the_change_is_told_kindly_and_fits_beside_the_calendar() -> None:
    from coach.insight.words import change_words

    assert change_words(0.08) == "up 8 in 30 days"
    assert change_words(-0.05) == "5 lower in 30 days; dips are normal"
    assert change_words(0.001) == "steady over 30 days"
    # In 30 days the score can fall at most to m ** 30 of itself: never 100 points.
    assert all(len(change_words(c)) <= 36 for c in (-0.99, -0.5, 0.0, 1.0))


def test_days_marked_afterwards_count_as_done_and_as_half_or_their_share() -> None:
    # Daily, 4 steps: guided done; marked done; marked partly (nothing recorded); marked
    # partly with 3 of 4 steps done; guided done though marked partly; today marked done.
    history = records(finished=[0, 4], touched={0: 4, 3: 3, 4: 4},
                      marked={1: "done", 2: "partly", 3: "partly", 4: "partly", 5: "done"})
    progress = routine_progress(history, 4, DAILY, day(5))
    m = 0.948078
    score = 0.0
    for value in (1, 1, 0.5, 0.75, 1, 1):  # worked by hand, independently of the code
        score = score * m + value * (1 - m)
    assert round(progress.strength, 4) == round(score, 4)
    assert [progress.days[day(n)] for n in range(6)] == [
        marks.DONE, marks.MARKED_DONE, marks.MARKED_PARTLY, marks.MARKED_PARTLY, marks.DONE,
        marks.MARKED_DONE]
    assert (progress.current_run, progress.best_run) == (2, 2)
    assert progress.done_recent == 4  # guided or marked done


def test_a_day_marked_afterwards_is_the_routine_s_first_record() -> None:
    progress = routine_progress(records(marked={2: "done"}), 3, DAILY, day(3))
    assert min(progress.days) == day(2)
    assert round(progress.strength, 4) == round(1 - MULTIPLIER, 4)  # today still open
