"""The figures of the history screen, `coach stats` and the weekly summary, in one place.

Everything is computed from a History (read once from the month digests) for
a given routine day: each routine's strength and runs, and over a chosen
range of days the mood, the before-and-after ratings and the activities.
Switching the range or the routine computes again from memory; nothing is
read from disk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

import orjson

from coach.insight.activities import ActivityFigures, activity_figures
from coach.insight.exercises import Effect, exercise_effects
from coach.foundation.frequency import Frequency, frequency_of_json, period_start, \
    schedule_to_json
from coach.insight.history import History
from coach.insight.mood import MoodSummary, Parts, mood_summary, parts_of
from coach.insight.strength import WINDOW, Checkpoint, FlexibleState, RoutineProgress, \
    routine_progress
from coach.insight.strength_weeks import Weeks, first_week_end, strength_weeks
from coach.routine.model import Routine, in_force
from coach.store.series import Series

#: The ranges a person can look over, in days; None is all of history.
RANGES: tuple[int | None, ...] = (30, 90, 365, None)


def describe_range(days: int | None) -> str:
    if days is None:
        return "all your history"
    return "the last year" if days == 365 else f"the last {days} days"


def _progress_key(routine: Routine, today: date) -> tuple[object, ...]:
    weekdays = in_force(routine.schedule)
    return ("progress", routine.id, len(routine.steps), weekdays, today)


def series_progress(series: Series, routine: Routine, today: date,
                    detail: bool = True) -> RoutineProgress:
    """A routine's progress from its series (see store.series): the same figures as
    progress_of, reading a few kilobytes whatever the length of history.

    Without detail, the walk goes on from the checkpoint the series keeps for this
    routine, its number of steps and its schedule, when there is one far enough back;
    otherwise it walks from the first record and leaves a checkpoint in the series (at
    the start of the month of the strength chart's first week, a year back), which the
    caller may keep (Store.keep_series): a walk over thirty years becomes a walk over a
    year, and the chart's walk (series_strength_weeks) starts there too."""
    weekdays = in_force(routine.schedule)
    days = series.routine(routine.id)
    if detail:
        return routine_progress(days, len(routine.steps), weekdays, today)
    key = _checkpoint_key(routine)
    resume = checkpoint_of_json(series.checkpoints.get(key))
    keep_at = first_week_end(today).replace(day=1)
    if resume is not None and resume[0] > keep_at:  # kept for a shorter walk: too late
        resume = None
    progress = routine_progress(days, len(routine.steps), weekdays, today, False, resume,
                                None if resume is not None else keep_at)
    if progress.kept is not None:
        series.checkpoints[key] = checkpoint_to_json(progress.kept)
    return progress


def series_strength_weeks(series: Series, routine: Routine, today: date) -> Weeks:
    """The routine's strength at the end of each week of the last year (insight.
    strength_weeks), walking from the checkpoint series_progress keeps (call it first) or,
    without one early enough, from the first record; none without a schedule."""
    weekdays = in_force(routine.schedule)
    if not weekdays:
        return ()
    days = series.routine(routine.id)
    resume = checkpoint_of_json(series.checkpoints.get(_checkpoint_key(routine)))
    if resume is not None and resume[0] > first_week_end(today):
        resume = None
    progress = routine_progress(days, len(routine.steps), weekdays, today, True, resume)
    return strength_weeks(progress.scores, days.first_day, today)


def _checkpoint_key(routine: Routine) -> str:
    return orjson.dumps([routine.id, len(routine.steps),
                         schedule_to_json(in_force(routine.schedule))]).decode()


def checkpoint_to_json(kept: Checkpoint) -> list[object]:
    """A checkpoint as the series keeps it: [day, score, run, best], and for a routine
    that is or was kept a number of times per period, Flexible's state."""
    day, score, run, best, state = kept
    return [day.isoformat(), score, run, best] + \
        ([_state_to_json(state)] if state is not None else [])


def checkpoint_of_json(saved: list[object] | None) -> Checkpoint | None:
    """A checkpoint as the series keeps it, or None if it is not in that shape (Flexible's
    state included: a walk that cannot trust it starts from the first record)."""
    if saved is None or len(saved) not in (4, 5):
        return None
    day, score, run, best = saved[:4]
    if not (type(score) is float and 0 <= score <= 1
            and type(run) is int and type(best) is int and 0 <= run <= best):
        return None
    when = _day_of(day)
    if when is None:
        return None
    if len(saved) == 4:
        return (when, score, run, best, None)
    state = _state_of_json(saved[4], when)
    return (when, score, run, best, state) if state is not None else None


#: The keys of Flexible's state as a checkpoint keeps it.
_STATE_KEYS = {"recent", "walked", "period", "done", "rest", "last_done", "last_counted"}


def _state_to_json(state: FlexibleState) -> dict[str, object]:
    period = state.period
    return {"recent": list(state.recent), "walked": state.walked,
            "period": None if period is None else [period[0].isoformat(),
                                                   schedule_to_json(period[1])],
            "done": state.done_in_period, "rest": state.rest_in_period,
            "last_done": state.last_done.isoformat() if state.last_done else None,
            "last_counted": state.last_counted.isoformat() if state.last_counted else None}


def _state_of_json(saved: object, day: date) -> FlexibleState | None:
    """Flexible's state as a checkpoint for `day` keeps it, or None if it is not in that
    shape or could not have been kept as that day began."""
    if type(saved) is not dict or set(saved) != _STATE_KEYS:
        return None
    recent, walked, period = saved["recent"], saved["walked"], saved["period"]
    if not (type(recent) is list and type(walked) is int and walked >= 0
            and len(recent) == min(walked, WINDOW)
            and all(type(value) is float and 0 <= value <= 1 for value in recent)):
        return None
    done, rest = saved["done"], saved["rest"]
    if not (type(done) is int and 0 <= done <= 31 and type(rest) is bool):  # days of a month
        return None
    last: list[date | None] = []
    for name in ("last_done", "last_counted"):
        when = None if saved[name] is None else _day_of(saved[name])
        if saved[name] is not None and (when is None or when >= day):
            return None
        last.append(when)
    in_period: tuple[date, Frequency] | None = None
    if period is not None:
        if type(period) is not list or len(period) != 2:
            return None
        start, frequency = _day_of(period[0]), frequency_of_json(period[1])
        if start is None or frequency is None or frequency.per == "days" \
                or period_start(frequency, start) != start or start >= day:
            return None
        in_period = (start, frequency)
    return FlexibleState(tuple(recent), walked, in_period, done, rest, last[0], last[1])


def _day_of(saved: object) -> date | None:
    """The day an ISO date as a checkpoint keeps it names, or None."""
    if type(saved) is not str:
        return None
    try:
        when = date.fromisoformat(saved)
    except ValueError:
        return None
    return when if when.isoformat() == saved else None


def progress_ready(history: History, routine: Routine, today: date) -> bool:
    """Whether progress_of would answer from memory."""
    return _progress_key(routine, today) in history.memo


def progress_of(history: History, routine: Routine, today: date) -> RoutineProgress:
    weekdays = in_force(routine.schedule)
    key = _progress_key(routine, today)
    if key not in history.memo:
        history.memo[key] = routine_progress(history.routine(routine.id), len(routine.steps),
                                             weekdays, today)
    return history.memo[key]  # type: ignore[no-any-return]


def first_day_of(history: History, today: date, days: int | None,
                 series: Series | None = None) -> date:
    """The first day of a range ending today; for all history, the first day with a record
    (of a routine in `series`, if given, else in `history`)."""
    if days is not None:
        return today - timedelta(days=days - 1)
    routines = series.routines if series is not None else history.routines
    known = [d for r in routines.values() if (d := r.first_day) is not None]
    known += [min(history.moods)] if history.moods else []
    return min(known, default=today)


@dataclass(frozen=True)
class RangeFigures:
    first: date
    last: date
    mood: MoodSummary
    effects: list[Effect]
    activities: ActivityFigures


def range_ready(history: History, today: date, days: int | None, parts: Parts = ()) -> bool:
    """Whether range_figures would answer from memory."""
    return ("range", today, days, parts) in history.memo


def range_figures(history: History, today: date, days: int | None,
                  series: Series | None = None, parts: Parts = ()) -> RangeFigures:
    """The figures over the last `days` (None: all history); mood split into morning and
    evening by the routines' `parts` (see insight.mood)."""
    key = ("range", today, days, parts)
    if key not in history.memo:
        first = first_day_of(history, today, days, series)
        history.memo[key] = RangeFigures(
            first, today, mood_summary(history.moods, first, today, parts),
            exercise_effects(history.rated, first, today),
            activity_figures(history.plans, history.reviews, first, today))
    return history.memo[key]  # type: ignore[no-any-return]


@dataclass(frozen=True)
class Overview:
    today: date
    routines: dict[str, RoutineProgress]
    range: RangeFigures


def overview(history: History, routines: Mapping[str, Routine], today: date,
             days: int | None = 30, series: Series | None = None,
             parts: Parts | None = None) -> Overview:
    """With `series`, each routine's progress (and the first day of all history) comes
    from it, and `history` need only hold the range's months (or the ledger's figures);
    else all from `history`. Mood is split by `parts` (by default, the `routines`')."""
    progress = {routine_id: series_progress(series, routine, today, detail=False)
                if series is not None
                else progress_of(history, routine, today)
                for routine_id, routine in routines.items()}
    return Overview(today, progress, range_figures(
        history, today, days, series, parts_of(routines) if parts is None else parts))
