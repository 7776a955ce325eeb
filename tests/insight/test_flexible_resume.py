"""A routine kept a number of times per period goes on from a checkpoint, kept as the
series keeps it, with exactly the figures of the walk from its first record; a saved
state that is damaged or odd is not used."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.foundation.frequency import Frequency, InForce, every
from coach.insight.history import RoutineRecords
from coach.insight.overview import checkpoint_of_json, checkpoint_to_json, series_progress, \
    series_strength_weeks
from coach.insight.strength import RESUME_BEFORE, RoutineProgress, routine_progress
from coach.insight.strength_weeks import strength_weeks
from coach.store.series import FINISHED, MARKED_DONE, REST, RoutineSeries, Series

#: A Thursday: weeks and months do not begin with the history.
FIRST = date(2026, 1, 1)
DAYS = 150
FLEXIBLE = (Frequency(3, "week"), Frequency(2, "month"), every(2), every(3))

schedules_in_force = st.sampled_from(FLEXIBLE) | st.none() | st.frozensets(st.integers(0, 6))


def _day(n: int) -> date:
    return FIRST + timedelta(days=n)


def _figures(progress: RoutineProgress) -> tuple[object, ...]:
    return (progress.strength, progress.change, progress.current_run, progress.best_run,
            progress.done_recent, progress.trend, progress.period, progress.new)


def _through_the_series(kept: Any) -> Any:
    """A checkpoint saved in the series' file and read back."""
    saved = Series(checkpoints={"k": checkpoint_to_json(kept)}).to_bytes()
    read = Series.from_bytes(saved)
    assert read is not None
    return checkpoint_of_json(read.checkpoints["k"])


#: What each day of a history can be: finished, nothing, a rest day, marked done or partly
#: done afterwards, started and left (repeated to weigh them).
DAY_STATES = ("finished", "nothing", "finished", "nothing", "rest", "done", "partly", "left")


def _records(states: list[str], lefts: list[int], changes: list[tuple[int, InForce]]
             ) -> RoutineRecords:
    """A routine's records from each day's state (a first record on day 0; a schedule is
    recorded by a session, on a day with a record)."""
    touched = {n: lefts[n % len(lefts)] for n, state in enumerate(states) if state == "left"}
    return RoutineRecords({_day(n) for n, state in enumerate(states) if state == "finished"},
                          {_day(n): count for n, count in
                           ({0: 1} | {n: 1 for n, _ in changes} | touched).items()},
                          {_day(n) for n, state in enumerate(states) if state == "rest"},
                          sorted(((_day(n), weekdays) for n, weekdays in changes),
                                 key=lambda change: change[0]),
                          marked={_day(n): state for n, state in enumerate(states)
                                  if state in ("done", "partly")})


@settings(max_examples=300, deadline=None)
@given(states=st.lists(st.sampled_from(DAY_STATES), min_size=1, max_size=DAYS),
       lefts=st.lists(st.integers(1, 4), min_size=1, max_size=3),
       current=st.sampled_from(FLEXIBLE),
       changes=st.lists(st.tuples(st.integers(0, DAYS), schedules_in_force), max_size=3),
       steps=st.integers(1, 4), keep=st.integers(1, DAYS), kept_later=st.integers(0, 40),
       later=st.lists(st.integers(0, 40), min_size=1, max_size=4), again=st.integers(0, 60))
def test_a_walk_from_any_days_checkpoint_gives_the_full_walks_figures(
        states: list[str], lefts: list[int], current: Frequency,
        changes: list[tuple[int, InForce]], steps: int, keep: int, kept_later: int,
        later: list[int], again: int) -> None:
    records = _records(states, lefts, changes)
    # The checkpoint is kept on one day and gone on from on others, each far enough on.
    kept_on = _day(keep + RESUME_BEFORE + kept_later)
    kept = routine_progress(records, steps, current, kept_on, False, keep_at=_day(keep)).kept
    assert kept is not None and kept[0] == _day(keep) and kept[4] is not None
    resume = _through_the_series(kept)
    assert resume == kept
    for today in {_day(keep + RESUME_BEFORE + n) for n in later}:
        full = routine_progress(records, steps, current, today)
        resumed = routine_progress(records, steps, current, today, resume=resume)
        assert _figures(resumed) == _figures(full), today
        assert resumed.scores == {day: s for day, s in full.scores.items() if day >= _day(keep)}
        assert resumed.days == {day: m for day, m in full.days.items() if day >= _day(keep)}
        light = routine_progress(records, steps, current, today, False, resume=resume)
        assert _figures(light) == _figures(full), today
    # The whole state (score, runs, Flexible's) on a day after the checkpoint, too: the
    # runs of periods it holds may differ for a while without showing in the figures.
    on = _day(keep + again)
    assert routine_progress(records, steps, current, today, False, resume, on).kept == \
        routine_progress(records, steps, current, today, False, keep_at=on).kept


def _runs_from(records: RoutineRecords, frequency: Frequency, keep: int,
               today: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(current run, best run) walked from the first record, and from day `keep`."""
    kept = routine_progress(records, 2, frequency, _day(today), False, keep_at=_day(keep)).kept
    full = routine_progress(records, 2, frequency, _day(today))
    resumed = routine_progress(records, 2, frequency, _day(today), resume=kept)
    return (full.current_run, full.best_run), (resumed.current_run, resumed.best_run)


def test_a_run_of_every_two_days_broken_after_the_checkpoint_is_broken() -> None:
    # Done on days 0 and 40 (a run of one), kept as day 41 begins, nothing since: the run
    # was broken on day 42, two days after the last done, which the walk from day 41 knows
    # only from the state.
    full, resumed = _runs_from(RoutineRecords({_day(0), _day(40)}), every(2), 41, 120)
    assert full == resumed == (0, 1)


def test_a_week_with_a_rest_day_before_the_checkpoint_does_not_break_the_run() -> None:
    # Three times a week (FIRST is a Thursday: weeks begin on day 4). Weeks 0-9 met; in
    # week 10 a rest day on Monday and one day done before the checkpoint (Thursday), then
    # weeks 11-19 met again: the rest day keeps week 10 from breaking the run.
    met = {4 + 7 * week + d for week in [*range(10), *range(11, 20)] for d in (0, 2, 4)}
    records = RoutineRecords({_day(n) for n in met | {4 + 70 + 1}}, rest={_day(4 + 70)})
    full, resumed = _runs_from(records, Frequency(3, "week"), 4 + 70 + 3, 4 + 140 - 1)
    assert full == resumed == (19, 19)


def test_a_checkpoint_without_the_state_is_not_used_for_a_flexible_routine() -> None:
    """A checkpoint kept as a fixed routine's (four figures) holds nothing of the rolling
    period: the walk starts from the first record."""
    records = RoutineRecords({_day(n) for n in range(0, DAYS, 2)})
    today = _day(DAYS)
    kept = routine_progress(records, 2, every(2), today, False, keep_at=_day(40)).kept
    assert kept is not None
    without = kept[:4] + (None,)
    assert checkpoint_of_json(checkpoint_to_json(without)) == without
    resumed = routine_progress(records, 2, every(2), today, resume=without)
    assert min(resumed.scores) == _day(0)
    assert _figures(resumed) == _figures(routine_progress(records, 2, every(2), today))


def _three_a_week() -> tuple[RoutineSeries, Any]:
    """Two years of a routine kept three times a week: done Monday, Wednesday and Friday,
    a Saturday rest now and then, a Friday marked done afterwards every few weeks."""
    days = RoutineSeries()
    first = date(2024, 11, 4)
    for n in range(0, 750):
        day = first + timedelta(days=n)
        if day.weekday() in (0, 2) or (day.weekday() == 4 and n % 5):
            days.set(day, FINISHED)
        elif day.weekday() == 4:
            days.set(day, MARKED_DONE)
        elif day.weekday() == 5 and n % 3 == 0:
            days.set(day, REST)
    routine = SimpleNamespace(id="walk", steps=[None] * 2,
                              schedule=SimpleNamespace(days=Frequency(3, "week")))
    return days, routine


TODAY = date(2026, 11, 23)


def test_the_series_keeps_the_state_and_goes_on_from_it(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The first walk leaves a checkpoint with Flexible's state in the series; read back
    from its file, the next walks (progress and the strength chart) begin there and give
    the full walk's figures."""
    days, routine = _three_a_week()
    series = Series(routines={"walk": days})
    first = series_progress(series, routine, TODAY, detail=False)
    [saved] = series.checkpoints.values()
    assert len(saved) == 5 and saved[4]["period"] == ["2025-10-27", {"times": 3, "per": "week"}]
    read = Series.from_bytes(series.to_bytes())
    assert read is not None and read.checkpoints == series.checkpoints
    walked_from: list[date] = []
    real = RoutineSeries.states

    def states(self: RoutineSeries, first_day: date) -> Any:
        walked_from.append(first_day)
        return real(self, first_day)

    monkeypatch.setattr(RoutineSeries, "states", states)
    again = series_progress(read, routine, TODAY, detail=False)
    weeks = series_strength_weeks(read, routine, TODAY)
    kept_day = date.fromisoformat(saved[0])
    assert walked_from == [kept_day, kept_day]
    full = routine_progress(days, 2, Frequency(3, "week"), TODAY)
    assert _figures(again) == _figures(first) == _figures(full)
    assert weeks == strength_weeks(full.scores, days.first_day, TODAY)
    assert 0.9 < full.strength < 1 and full.current_run > 50


def _spoil(saved: list[Any], where: str, value: Any) -> list[Any]:
    state = dict(saved[4])
    if value is KeyError:
        del state[where]
    else:
        state[where] = value
    return saved[:4] + [state]


@pytest.mark.parametrize("spoil", [
    lambda saved: saved[:4] + ["state"],
    lambda saved: saved[:4] + [None],
    lambda saved: saved + [saved[4]],
    lambda saved: _spoil(saved, "walked", KeyError),
    lambda saved: _spoil(saved, "extra", 1),
    lambda saved: _spoil(saved, "recent", saved[4]["recent"][1:]),
    lambda saved: _spoil(saved, "recent", [1] * 60),
    lambda saved: _spoil(saved, "recent", [1.5] * 60),
    lambda saved: _spoil(saved, "walked", "many"),
    lambda saved: _spoil(saved, "walked", -1),
    lambda saved: _spoil(saved, "period", ["2025-10-28", {"times": 3, "per": "week"}]),
    lambda saved: _spoil(saved, "period", ["2025-10-27", {"times": 9, "per": "week"}]),
    lambda saved: _spoil(saved, "period", ["2025-10-27", {"every": 2}]),
    lambda saved: _spoil(saved, "period", ["2025-11-03", {"times": 3, "per": "week"}]),
    lambda saved: _spoil(saved, "period", ["2025-10-27"]),
    lambda saved: _spoil(saved, "done", 1.0),
    lambda saved: _spoil(saved, "done", 40),
    lambda saved: _spoil(saved, "rest", 0),
    lambda saved: _spoil(saved, "last_done", "2025-11-01"),
    lambda saved: _spoil(saved, "last_done", "2025-10-31T00:00"),
    lambda saved: _spoil(saved, "last_counted", 20251031),
], ids=["not a mapping", "none", "a sixth figure", "a key missing", "a key more",
        "a day short", "whole numbers", "above one", "walked as text", "walked below 0",
        "a period not a Monday", "a frequency out of range", "a period of every",
        "a period after the checkpoint", "a period without frequency", "done as a fraction",
        "done more than a month", "rest as a number", "a last day after the checkpoint",
        "a last day with a time", "a last day as a number"])
def test_a_damaged_saved_state_is_not_used_and_a_good_one_is_kept_again(spoil: Any) -> None:
    days, routine = _three_a_week()
    series = Series(routines={"walk": days})
    expected = _figures(series_progress(series, routine, TODAY, detail=False))
    [(key, good)] = series.checkpoints.items()
    assert good[0] == "2025-11-01" and checkpoint_of_json(good) is not None
    series.checkpoints[key] = spoilt = orjson.loads(orjson.dumps(spoil(good)))
    assert checkpoint_of_json(spoilt) is None
    assert _figures(series_progress(series, routine, TODAY, detail=False)) == expected
    assert series.checkpoints[key] == good
