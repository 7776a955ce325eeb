"""The history screen's reader: a range reads its months only, and what was worked out is
given back without a read while no month file changed, and never after one did."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from coach.insight.history import load_history
from coach.insight.history_figures import HistoryFigures
from coach.insight.mood import parts_of
from coach.insight.overview import range_figures
from coach.insight.year_pixels import load_year
from coach.routine.catalog import load_catalog
from coach.store import Store
from tests.tui.history_data import TODAY, write_month

SINCE = date(2026, 8, 3)  # a Monday, weeks before the first record


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return write_month(tmp_path / "data")


def _routines() -> dict[str, Any]:
    return dict(load_catalog().routines)


def test_a_range_reads_the_digests_of_its_months_only(store: Store,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[date | None] = []
    digests = store.digests

    def counted(*args: Any, **options: Any) -> Any:
        asked.append(options.get("since"))
        return digests(*args, **options)

    monkeypatch.setattr(store, "digests", counted)
    parts = parts_of(_routines())
    figures = HistoryFigures(store).range(TODAY, 7, parts)
    assert asked == [TODAY - timedelta(days=6)]
    assert figures == range_figures(load_history(store), TODAY, 7, parts=parts)


def test_what_was_worked_out_is_given_back_until_a_month_changes(store: Store) -> None:
    reader, routines = HistoryFigures(store), _routines()
    parts = parts_of(routines)
    assert reader.known(routines, TODAY, SINCE, 30) is None  # nothing read yet
    views = reader.routines(routines, TODAY, SINCE)
    figures = reader.range(TODAY, 30, parts)
    assert reader.range_known(TODAY, 30, parts) is figures
    assert reader.known(routines, TODAY, SINCE, 30) is None  # the year not worked out yet
    year = reader.year(TODAY)
    assert year == load_year(store, TODAY) and year.checked_in
    assert reader.known(routines, TODAY, SINCE, 30) == (views, figures, year)
    assert set(views) == set(routines) and views["morning"].marks
    assert reader.known(routines, TODAY, SINCE, 90) is None  # a range not worked out
    assert reader.known(routines, TODAY, SINCE + timedelta(weeks=1), 30) is None

    at = datetime(2026, 11, 21, 20, tzinfo=timezone.utc)
    Store(store.directory, now=lambda: at, zone=(store.zone, "UTC")).set_rest_day(
        "evening", TODAY - timedelta(days=1), True)
    assert reader.known(routines, TODAY, SINCE, 30) is None
    again = reader.routines(routines, TODAY, SINCE)
    assert again["evening"].marks != views["evening"].marks
    assert reader.range_known(TODAY, 30, parts) is None  # the range is worked out again
    assert reader.year(TODAY) is not year  # and the year

