"""The figures over all of history (mood, before and after, activities), kept worked out.

Over all history these figures read every mood check-in, rating and activity ever
recorded: at thirty years, tens of thousands of each, most of the time of
`coach stats --all`. They change only when a month file changes, so once worked out
(from the store's ledger) they are saved in `digests/all-figures.json` with the stamp
of each month file they were made from, and the last day any record names. They are
used again while every month file is unchanged and today is on or after that day (until
then, a day after today may hold records today does not count yet); otherwise they are
worked out again and saved again. A file that cannot be read or is not in its shape is
simply worked out again.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import orjson

from coach.foundation.formats import ALL_FIGURES_VERSION
from coach.insight.activities import ActivityFigures, ActivityRow
from coach.insight.exercises import Effect
from coach.insight.history import History, history_of_ledger
from coach.insight.mood import MoodPoint, MoodSummary, Parts
from coach.insight.overview import RangeFigures, range_figures
from coach.store import Store
from coach.store.months import DIGEST_DIR
from coach.store.series import Series, read_kept, save_kept

FILE_NAME = "all-figures.json"
_READ_LIMIT = 256 * 1024 * 1024


def all_history_figures(store: Store, series: Series, today: date,
                        parts: Parts = ()) -> RangeFigures:
    """The figures over all history, as range_figures(history, today, None, series, parts)
    gives them from all of history; `series` as Store.series just gave it."""
    path = store.directory / DIGEST_DIR / FILE_NAME
    # The months the series was just brought up to date with (a month that cannot be read
    # now is in neither it nor the ledger): no second look at every month file.
    stamps: dict[str, Any] = dict(series.months)
    saved = _read(path)
    if saved is not None and saved[0] == stamps and saved[1] is not None and \
            saved[1] <= today and saved[3] == parts:
        return replace(saved[2], last=today)
    history = history_of_ledger(store.ledger())
    figures = range_figures(history, today, None, series, parts)
    latest = latest_day(history, series)
    # Else some records do not count yet (a day after today's, or today's plans that are
    # counted once the day is over): saved, the figures would stay without them.
    if latest is not None and latest <= today and not figures.activities.waiting:
        save_figures(path, stamps, latest, figures, parts)
    return figures


def latest_day(history: History, series: Series) -> date | None:
    """The last day any record of these figures names."""
    days = [*history.moods, *(rated.day for rated in history.rated),
            *(plan.day for plan in history.plans.values()),
            *(d for routine in series.routines.values() if (d := routine.last_day))]
    return max(days, default=None)


def save_figures(path: Any, stamps: dict[str, Any], latest: date, figures: RangeFigures,
                 parts: Parts = ()) -> None:
    """Best effort: figures that cannot be saved are worked out again next time. With the
    routines' `parts` of the day that split mood: a routine moved to another part of the
    day has the figures worked out again."""
    mood, activities = figures.mood, figures.activities
    document = {
        "v": ALL_FIGURES_VERSION, "months": {name: list(stamp) for name, stamp in stamps.items()},
        "parts": [list(part) for part in parts],
        "latest": latest.isoformat(), "first": figures.first.isoformat(),
        "mood": [mood.average, mood.morning_average, mood.evening_average,
                 [[p.day.isoformat(), p.morning, p.evening, p.average] for p in mood.points]],
        "effects": [[e.step_type, e.before, e.after, e.sessions] for e in figures.effects],
        "activities": [activities.planned, activities.done, activities.compared_days,
                       activities.enjoyed_more_days, activities.enjoyed_as_expected_days,
                       [[r.name, r.done, r.predicted, r.pleasure, r.mastery]
                        for r in activities.rows], activities.waiting]}
    save_kept(path, orjson.dumps(document))


def _read(path: Any) -> tuple[dict[str, Any], date | None, RangeFigures, Parts] | None:
    return read_kept(path, figures_from_bytes, _READ_LIMIT)


def kept_stamps(document: Any) -> dict[str, Any] | None:
    """The month stamps a kept file of figures over all history was made from, or None
    when it is not such a file of this version (KeyError or TypeError for a damaged one)."""
    if type(document) is not dict or document.get("v") != ALL_FIGURES_VERSION:
        return None
    stamps = {}
    for name, stamp in document["months"].items():
        if not (type(stamp) is list and len(stamp) == 4 and all(type(n) is int for n in stamp)):
            return None
        stamps[name] = (stamp[0], stamp[1], stamp[2], stamp[3])
    return stamps


def _number(value: Any) -> float | None:
    if value is None or type(value) is float:
        return value
    raise ValueError("not a figure")


def _float(value: Any) -> float:
    if type(value) is float:
        return value
    raise ValueError("not a figure")


def _count(value: Any) -> int:
    if type(value) is int and value >= 0:
        return value
    raise ValueError("not a count")


def _day(value: Any) -> date:
    """A day written as isoformat writes it (and nothing else fromisoformat reads: a week
    date, a day without dashes)."""
    day = date.fromisoformat(value)  # TypeError for what is not text
    if day.isoformat() != value:
        raise ValueError("not a day")
    return day


def figures_from_bytes(data: bytes) -> tuple[dict[str, Any], date | None, RangeFigures,
                                             Parts] | None:
    """(month stamps, last day named, figures with today as `last`'s stand-in, the parts
    of the day they split mood by) from a saved file, or None for anything not in its
    shape."""
    try:
        document = orjson.loads(data)
        stamps = kept_stamps(document)
        if stamps is None:
            return None
        latest = _day(document["latest"])
        if not _rows_of(document["parts"], 2):
            return None
        parts = tuple((routine, part) for routine, part in document["parts"]
                      if type(routine) is str and part in ("m", "e"))
        if len(parts) != len(document["parts"]):
            return None
        average, morning, evening, points = document["mood"]
        if not _rows_of(points, 4):
            return None
        days, mornings, evenings, averages = zip(*points) if points else ((),) * 4
        if not _figures(mornings, evenings, averages):
            return None
        mood = MoodSummary(tuple(map(MoodPoint, _days(days), mornings, evenings, averages)),
                           _number(average), _number(morning), _number(evening))
        effects = [Effect(kind if type(kind) is str else _fail(), _float(before),
                          _float(after), _count(sessions))
                   for kind, before, after, sessions in document["effects"]]
        planned, done, compared, more, as_expected, rows, waiting = document["activities"]
        if not _rows_of(rows, 5):
            return None
        names, counts, predicted, pleasure, mastery = zip(*rows) if rows else ((),) * 5
        if not (set(map(type, names)) <= {str} and set(map(type, counts)) <= {int}
                and min(counts, default=0) >= 0 and _figures(predicted, pleasure, mastery)):
            return None
        activities = ActivityFigures(
            _count(planned), _count(done), _count(compared), _count(more), _count(as_expected),
            tuple(map(ActivityRow, names, counts, predicted, pleasure, mastery)),
            _count(waiting))
        first = _day(document["first"])
        return stamps, latest, RangeFigures(first, latest, mood, effects, activities), parts
    except (orjson.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError):
        return None


def _days(texts: tuple[Any, ...]) -> list[date]:
    """Each a day as isoformat writes it, or ValueError (TypeError for what is not text)."""
    days = list(map(date.fromisoformat, texts))
    if list(map(date.isoformat, days)) != list(texts):
        raise ValueError("not a day")
    return days


def _rows_of(rows: Any, length: int) -> bool:
    """A list of lists of `length` items each (zip would cut longer ones short)."""
    return type(rows) is list and set(map(type, rows)) <= {list} and \
        set(map(len, rows)) <= {length}


_FIGURE_TYPES = {float, type(None)}


def _figures(*columns: tuple[Any, ...]) -> bool:
    """Every value a float or None (the types found by map, at C speed)."""
    return all(set(map(type, column)) <= _FIGURE_TYPES for column in columns)


def _fail() -> Any:
    raise ValueError("not in its shape")
