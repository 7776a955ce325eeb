"""What the history screen shows, read as `coach stats` reads it: bounded by what is shown.

Each routine's strength and runs come from the routines' series (one character a
day, see store.series), its walk going on from the checkpoint the series keeps;
the calendar's marks are worked out only for the days the calendar can show. The
figures over a range of days read the digests of that range's months, and over
all of history the kept figures (see insight.all_history). So the cost of a visit
grows with what is on the screen, not with the length of history.

What was worked out is kept while no month file changes: a second visit, or a
routine or range shown again, reads nothing twice.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from coach.insight.all_history import all_history_figures
from coach.insight.better_days import BetterDays, better_days
from coach.insight.history import Check, checks_of_series, load_history
from coach.insight.measured import MeasuredSeries, measured_series
from coach.insight.mood import Parts, parts_of
from coach.insight.overview import (RangeFigures, first_day_of, range_figures,
                                    series_progress, series_strength_weeks)
from coach.insight.strength import RoutineProgress, day_marks
from coach.insight.strength_weeks import Weeks
from coach.insight.year_pixels import YearGrid, load_year
from coach.routine.model import Routine, in_force
from coach.routine.steps.measure import MeasureStep
from coach.store import Store
from coach.store.digest import Stamp
from coach.store.series import Ledger, RoutineSeries, Series, stamps_of


@dataclass(frozen=True)
class RoutineView:
    """One routine as the history screen shows it."""

    progress: RoutineProgress
    #: Each day's mark (see insight.marks) from `since` to today, for the calendar.
    marks: dict[date, str]
    since: date
    #: The routine's days, for what a day's detail says (how many steps were done).
    days: RoutineSeries
    #: Each measure step's numbers from `since` to today (none for a routine without one).
    measured: tuple[MeasuredSeries, ...] = ()
    #: Its strength at the end of each week of the last year (insight.strength_weeks).
    weeks: Weeks = ()


def read_better_days(store: Store, series: Series, today: date, days: int | None,
                     routine_ids: Iterable[str], ledger: Ledger | None = None) -> BetterDays:
    """What goes with better days over the last `days` (None: all history), for these
    routines: from the range's months, or for all history from the store's ledger (read
    here unless given); the routines' finished days from their `series`."""
    if days is None:
        from coach.insight.all_better_days import all_history_better_days

        return all_history_better_days(store, series, today, routine_ids, ledger)
    history = load_history(store, today - timedelta(days=days - 1))
    return better_days(history.moods, history.plans, history.reviews,
                       {routine_id: series.routine(routine_id) for routine_id in routine_ids},
                       first_day_of(history, today, days, series), today)


class HistoryFigures:
    """The history screen's reader (in a worker: it reads the store), keeping what it
    worked out while the month files are unchanged."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._months: dict[str, Stamp] | None = None
        self._series: Series | None = None
        self._views: dict[tuple[object, ...], RoutineView] = {}
        self._ranges: dict[tuple[date, int | None, Parts], RangeFigures] = {}
        self._years: dict[date, YearGrid] = {}
        self._better: dict[tuple[date, int | None, tuple[str, ...]], BetterDays] = {}
        #: The screen and its workers may ask at once.
        self._lock = threading.Lock()

    def routines(self, routines: Mapping[str, Routine], today: date,
                 since: date) -> dict[str, RoutineView]:
        """Each routine's view, its calendar's marks from `since` (or its first record)."""
        with self._lock:
            series = self._up_to_date()
            checkpoints = dict(series.checkpoints)
            views = {routine_id: self._view(series, routine, today, since)
                     for routine_id, routine in routines.items()}
            if series.checkpoints != checkpoints:  # kept, as home keeps them
                self.store.keep_series(series)
            return views

    def range(self, today: date, days: int | None, parts: Parts) -> RangeFigures:
        """Mood, before and after, and activities over the last `days` (None: all history),
        from the months as `routines` last found them; mood split by the routines' `parts`
        of the day (insight.mood.parts_of)."""
        with self._lock:
            series = self._series if self._series is not None else self._up_to_date()
            key = (today, days, parts)
            if key not in self._ranges:
                if days is None:
                    figures = all_history_figures(self.store, series, today, parts)
                else:
                    first = today - timedelta(days=days - 1)
                    figures = range_figures(load_history(self.store, first), today, days,
                                            parts=parts)
                self._ranges[key] = figures
            return self._ranges[key]

    def checks(self) -> list[Check]:
        """Every self-check in the series `routines` last read (no read: it may be asked
        on the screen's thread); none before that."""
        series = self._series
        return checks_of_series(series) if series is not None else []

    def year(self, today: date) -> YearGrid:
        """Each day's mood over the twelve months up to `today` (their digests only)."""
        with self._lock:
            if self._series is None:
                self._up_to_date()
            if today not in self._years:
                self._years[today] = load_year(self.store, today)
            return self._years[today]

    def better_days(self, today: date, days: int | None,
                    routine_ids: tuple[str, ...]) -> BetterDays:
        """read_better_days, kept while no month file changes. Read without holding the
        lock: over all history it reads the ledger, and meanwhile the screen may ask
        `known` for a visit."""
        key = (today, days, routine_ids)
        with self._lock:
            series = self._series if self._series is not None else self._up_to_date()
            months, known = self._months, self._better.get(key)
        if known is not None:
            return known
        figures = read_better_days(self.store, series, today, days, routine_ids)
        with self._lock:
            if self._months == months:  # else worked out from months since changed
                self._better[key] = figures
        return figures

    def better_days_known(self, today: date, days: int | None,
                          routine_ids: tuple[str, ...]) -> BetterDays | None:
        """better_days's answer if worked out since the months last changed (no read)."""
        return self._better.get((today, days, routine_ids))

    def range_known(self, today: date, days: int | None, parts: Parts) -> RangeFigures | None:
        """The range's figures if worked out since the months last changed (no read)."""
        return self._ranges.get((today, days, parts))

    def known(self, routines: Mapping[str, Routine], today: date, since: date,
              days: int | None
              ) -> tuple[dict[str, RoutineView], RangeFigures, YearGrid] | None:
        """What the last reads gave, if no month file changed since and all of it was
        worked out; else None. It only looks at each month file (no read), so it may be
        asked on the screen's thread."""
        if self._months is None or not self._lock.acquire(blocking=False):
            return None
        try:
            if stamps_of(self.store.month_files()) != self._months:
                return None
            views = {routine_id: self._views.get(_view_key(routine, today, since))
                     for routine_id, routine in routines.items()}
            figures = self._ranges.get((today, days, parts_of(routines)))
            year = self._years.get(today)
            if figures is None or year is None or any(view is None for view in views.values()):
                return None
            return ({key: view for key, view in views.items() if view is not None}, figures,
                    year)
        except OSError:
            return None
        finally:
            self._lock.release()

    def _up_to_date(self) -> Series:
        """The routines' series, brought up to date; what was worked out from the months
        before is forgotten when one of them changed."""
        series = self.store.series()
        if series.months != self._months:
            self._views.clear()
            self._ranges.clear()
            self._years.clear()
            self._better.clear()
            self._months = dict(series.months)
        self._series = series
        return series

    def _view(self, series: Series, routine: Routine, today: date, since: date) -> RoutineView:
        key = _view_key(routine, today, since)
        if key not in self._views:
            weekdays = in_force(routine.schedule)
            days = series.routine(routine.id)
            progress = series_progress(series, routine, today, detail=False)
            measured = ()
            if any(isinstance(step, MeasureStep) for step in routine.steps):
                numbers = load_history(self.store, since).routine(routine.id).measured
                measured = measured_series(routine, numbers, since, today)
            self._views[key] = RoutineView(
                progress, day_marks(days, len(routine.steps), weekdays, since, today), since,
                days, measured, series_strength_weeks(series, routine, today))
        return self._views[key]


def _view_key(routine: Routine, today: date, since: date) -> tuple[object, ...]:
    weekdays = in_force(routine.schedule)
    return routine.id, len(routine.steps), weekdays, today, since
