"""Days marked afterwards: the latest mark of a day wins, and a mark can be listed,
described and undone to what the day was marked before."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from coach.store import Store
from coach.store.marking import describe, previous_state, undo_mark
from coach.store.records import record_problem

UTC = (timezone.utc, "UTC")
DAY = date(2026, 12, 5)


def _store(directory: Path) -> Store:
    clock = [datetime(2026, 12, 6, 9, tzinfo=timezone.utc)]

    def now() -> datetime:
        clock[0] += timedelta(seconds=1)  # each record a second after the one before
        return clock[0]

    return Store(directory, zone=UTC, now=now)


def test_marks_are_listed_newest_first_described_and_undone_to_the_mark_before(
        tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.mark_day("morning", DAY, "rest")
    store.mark_day("morning", DAY, "done")
    store.mark_day("evening", date(2026, 11, 30), "partly")
    newest, earlier = store.newest_marks()
    assert (newest["routine"], newest["day"], newest["mark"]) == ("evening", "2026-11-30",
                                                                  "partly")
    assert record_problem(earlier) is None
    assert describe(earlier, "Morning routine") == "Marked 5 Dec done for Morning routine"
    assert describe(newest, "Evening") == "Marked 30 Nov partly done for Evening"
    undone = undo_mark(store, earlier)  # back to the rest day marked before it
    assert undone["kind"] == "rest" and undone["rest"] is True
    assert store.day_marks("morning", DAY, DAY) == {"2026-12-05": "rest"}
    assert store.rest_days("morning", DAY, DAY) == {DAY}
    undo_mark(store, newest)  # nothing before it: no mark
    assert store.day_marks("evening", date(2026, 11, 30), date(2026, 11, 30)) == \
        {"2026-11-30": "none"}
    assert describe(store.newest_marks()[0], "Evening") == \
        "Cleared the mark of 30 Nov for Evening"


def test_a_later_mark_takes_back_a_rest_day(tmp_path: Path) -> None:
    store = _store(tmp_path)
    store.set_rest_day("morning", DAY)
    store.mark_day("morning", DAY, "partly")
    assert store.rest_days("morning", DAY, DAY) == set()
    assert store.day_marks("morning", DAY, DAY) == {"2026-12-05": "partly"}


def test_a_mark_record_is_checked(tmp_path: Path) -> None:
    record = {"uid": "u", "kind": "mark", "routine": "morning", "day": "2026-12-05",
              "mark": "maybe", "utc": "2026-12-06T09:00:00Z", "tz": "UTC"}
    assert record_problem(record) == "mark is not done, partly or none"
    assert record_problem({**record, "mark": "done", "routine": ""}) == \
        "a mark record without a routine"
    assert record_problem({**record, "mark": "none"}) is None


def test_undoing_a_mark_reads_only_its_routine_and_day(tmp_path: Path) -> None:
    """However long the history, an undo asks the store for one day of one routine: the
    month file of that day, not every month there is."""
    store = _store(tmp_path)
    store.mark_day("morning", date(2026, 10, 2), "done")
    store.mark_day("evening", DAY, "partly")
    mark = store.mark_day("morning", DAY, "done")
    asked: list[dict[str, Any]] = []
    well_formed = store.well_formed

    def spied(**question: Any) -> list[dict[str, Any]]:
        asked.append(question)
        return well_formed(**question)

    store.well_formed = spied  # type: ignore[method-assign]
    assert undo_mark(store, mark)["mark"] == "none"
    assert asked == [{"since": DAY, "until": DAY, "routine": "morning", "ordered": False}]


def test_a_mark_no_longer_kept_is_undone_to_what_its_day_says_now(tmp_path: Path) -> None:
    """A mark listed for undoing that has gone from the file meanwhile (another device's
    copy replaced it) is taken as the newest: the day goes back to its latest kept mark."""
    store = _store(tmp_path)
    store.mark_day("morning", DAY, "partly")
    store.mark_day("morning", DAY, "done")
    gone = {"uid": "not-kept", "kind": "mark", "routine": "morning", "day": DAY.isoformat(),
            "mark": "none", "utc": "2026-12-06T10:00:00Z", "tz": "UTC"}
    assert previous_state(store, gone) == "done"
    assert previous_state(store, {**gone, "day": "2026-12-04"}) == "none"
