"""What goes with better days over all of history, kept worked out.

Over all history it reads every check-in and activity ever recorded (the store's ledger,
a few megabytes at thirty years): most of the time of `coach stats --all`. Like the other
figures over all history (insight.all_history) it changes only when a month file
changes, so once worked out it is saved in `digests/all-better-days.json`, for every
routine in the series, with the stamp of each month file it was made from and the last
day any record names; it is used again while every month file is unchanged and today is
on or after that day. A file that cannot be read or is not in its shape is simply worked
out again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import orjson

from coach.foundation.formats import ALL_FIGURES_VERSION
from coach.insight.all_history import kept_stamps, latest_day
from coach.insight.better_days import BetterDays, Line, Side, better_days
from coach.insight.history import History, history_of_ledger
from coach.insight.overview import first_day_of
from coach.store import Store
from coach.store.months import DIGEST_DIR
from coach.store.records import is_reserved
from coach.store.series import Ledger, Series, read_kept, save_kept

FILE_NAME = "all-better-days.json"
_READ_LIMIT = 64 * 1024 * 1024


def all_history_better_days(store: Store, series: Series, today: date,
                            routine_ids: Iterable[str], ledger: Ledger | None = None
                            ) -> BetterDays:
    """better_days over all history for these routines, as last worked out while no month
    file changed; else from the store's ledger (read here unless given), and kept."""
    path = store.directory / DIGEST_DIR / FILE_NAME
    stamps: dict[str, Any] = dict(series.months)
    saved = read_kept(path, better_days_from_bytes, _READ_LIMIT)
    if saved is not None and saved[0] == stamps and saved[1] <= today:
        return _only(saved[2], routine_ids)
    history: History = history_of_ledger(store.ledger() if ledger is None else ledger)
    every = {key: routine for key, routine in series.routines.items() if not is_reserved(key)}
    figures = better_days(history.moods, history.plans, history.reviews, every,
                          first_day_of(history, today, None, series), today)
    latest = latest_day(history, series)
    if latest is not None and latest <= today:  # else a later day's records count later
        save_better_days(path, stamps, latest, figures)
    return _only(figures, routine_ids)


def save_better_days(path: Any, stamps: dict[str, Any], latest: date,
                     figures: BetterDays) -> None:
    """Best effort: figures that cannot be saved are worked out again next time."""
    save_kept(path, orjson.dumps({
        "v": ALL_FIGURES_VERSION, "months": {name: list(s) for name, s in stamps.items()},
        "latest": latest.isoformat(), "mood_days": figures.mood_days,
        "activities": [_row(line) for line in figures.activities],
        "routines": [_row(line) for line in figures.routines]}))


def _only(figures: BetterDays, routine_ids: Iterable[str]) -> BetterDays:
    wanted = set(routine_ids)
    return BetterDays(figures.activities,
                      tuple(line for line in figures.routines if line.name in wanted),
                      figures.mood_days)


def _row(line: Line) -> list[Any]:
    return [line.name, line.with_.mood, line.with_.days, line.without.mood, line.without.days]


def _line(row: Any) -> Line:
    name, with_mood, with_days, without_mood, without_days = row
    if not (type(name) is str and type(with_mood) in (int, float)
            and type(without_mood) in (int, float) and type(with_days) is int
            and type(without_days) is int and with_days > 0 and without_days > 0):
        raise ValueError("not a line")
    return Line(name, Side(float(with_mood), with_days), Side(float(without_mood),
                                                               without_days))


def better_days_from_bytes(data: bytes) -> tuple[dict[str, Any], date, BetterDays] | None:
    """(month stamps, last day named, the figures) from a saved file, or None for anything
    not in its shape."""
    try:
        document = orjson.loads(data)
        stamps = kept_stamps(document)
        if stamps is None:
            return None
        latest = date.fromisoformat(document["latest"])
        mood_days = document["mood_days"]
        if type(mood_days) is not int or mood_days < 0:
            return None
        figures = BetterDays(tuple(map(_line, document["activities"])),
                             tuple(map(_line, document["routines"])), mood_days)
        return stamps, latest, figures
    except (orjson.JSONDecodeError, AttributeError, KeyError, TypeError, ValueError):
        return None
