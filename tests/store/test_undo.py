"""The changes that can be undone: each said in the time and zone it was made, whatever
kind it is, and the last of them found by reading only the month files written lately."""

from __future__ import annotations

import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from coach.store import Store
from coach.store.undo import SLACK, Change, last_changes
from tests.store.test_edit_entries import DAY, NOW, a_bit_of_everything, make_store, step
from tests.store.test_revisions import at, hand_add, revision

BERLIN = (ZoneInfo("Europe/Berlin"), "Europe/Berlin")
OCTOBER = date(2026, 10, 3)


def test_changes_are_said_in_the_zone_they_were_made_in(tmp_path: Path) -> None:
    store = Store(tmp_path, zone=BERLIN, now=lambda: NOW)
    made = a_bit_of_everything(store)
    store.now = lambda: at(1)
    store.delete_entry(made["journal"]["uid"], DAY)
    store.now = lambda: at(2)
    store.mark_day("morning", date(2026, 11, 20), "done")
    assert [c.describe() for c in store.last_changes(2, {"morning": "Morning routine"})] == [
        "Marked on 23 Nov 10:02: 20 Nov done for Morning routine",
        "Deleted on 23 Nov 10:01: the journal entry of 22 Nov, 'A walk by the Spree'",
    ]


def test_a_time_the_zone_cannot_hold_is_said_as_written() -> None:
    change = Change(("9999-12-31T23:30:00.000Z", "u"), "9999-12-31T23:30:00.000Z",
                    "Pacific/Auckland", "Deleted", "the journal entry of 31 Dec",
                    lambda store: None)
    assert change.describe() == "Deleted on 9999-12-31 23:30: the journal entry of 31 Dec"


def test_a_cleared_mark_is_offered_as_cleared_and_undone_to_the_mark_before(
        tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.now = lambda: at(1)
    store.mark_day("morning", DAY, "done")
    store.now = lambda: at(2)
    store.mark_day("morning", DAY, "none")
    [change] = store.last_changes(titles={"morning": "Morning routine"})
    assert change.describe() == "Cleared on 23 Nov 09:02: the mark of 22 Nov for Morning routine"
    store.now = lambda: at(3)
    assert change.undo(store) == "22 Nov for Morning routine is marked done again"
    assert store.day_marks("morning", DAY, DAY) == {"2026-11-22": "done"}


def test_an_entry_without_words_and_one_brought_back_by_hand_are_said_plainly(
        tmp_path: Path) -> None:
    """A mood rated without a note is named without words; a revision bringing an entry
    back that names no undo (another device, a hand edit) is said as such."""
    store = make_store(tmp_path)
    rated = step(store, "mood", {"rating": 6}, minute=9)
    store.now = lambda: at(1)
    store.delete_entry(rated["uid"], DAY)
    hand_add(store, revision(rated["uid"], "back", "2026-11-23T09:02:00.000Z", removed=False))
    assert [c.describe() for c in store.last_changes(2)] == [
        "Brought back on 23 Nov 09:02: the mood check-in of 22 Nov",
        "Deleted on 23 Nov 09:01: the mood check-in of 22 Nov",
    ]


def _set_modified(store: Store, day: date, when: float) -> Path:
    path = store.months.path_for(day)
    os.utime(path, (when, when))
    return path


def _deleted_in_october_and_november(store: Store) -> None:
    """The October entry deleted at 09:01, the November one at 09:02 (the newest change)."""
    october = a_bit_of_everything(store, OCTOBER)
    made = a_bit_of_everything(store)
    store.now = lambda: at(1)
    store.delete_entry(october["journal"]["uid"], OCTOBER)
    store.now = lambda: at(2)
    store.delete_entry(made["mood"]["uid"], DAY)


def test_a_month_file_whose_time_lags_by_a_day_is_still_read(tmp_path: Path) -> None:
    """A file's modification time can lag the changes in it (a drifting clock, a copy that
    kept an older time): up to SLACK behind the change found so far, it is still read."""
    store = make_store(tmp_path)
    _deleted_in_october_and_november(store)
    _set_modified(store, OCTOBER, at(3).timestamp())  # seems the latest written
    _set_modified(store, DAY, (at(1) - SLACK).timestamp())
    [change] = store.last_changes()
    assert change.describe() == "Deleted on 23 Nov 09:02: the mood check-in of 22 Nov, 'Long day'"


def test_the_last_change_is_found_without_reading_months_written_long_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(tmp_path)
    _deleted_in_october_and_november(store)
    october = _set_modified(store, OCTOBER, (at(1) - timedelta(days=40)).timestamp())
    november = _set_modified(store, DAY, at(2).timestamp())
    read: list[Path] = []
    well_formed = store.months.well_formed

    def spied(path: Path, **how: Any) -> Any:
        read.append(path)
        return well_formed(path, **how)

    monkeypatch.setattr(store.months, "well_formed", spied)
    [newest] = last_changes(store.months)  # one change unless asked for more
    assert newest.describe().startswith("Deleted on 23 Nov 09:02: the mood check-in")
    assert read == [november]
    read.clear()
    assert [c.key for c in store.last_changes(2)][0] == newest.key
    assert read == [november, october]


def test_a_month_file_gone_while_looking_is_passed_over(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(tmp_path)
    _deleted_in_october_and_november(store)
    paths = store.months.paths
    monkeypatch.setattr(store.months, "paths", lambda: [
        tmp_path / "records-2026-09.json", *paths()])  # removed by a sync meanwhile
    assert len(store.last_changes(2)) == 2
