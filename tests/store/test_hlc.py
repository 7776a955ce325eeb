"""The hybrid logical clock that orders corrections, deletions, marks and rest days: two devices,
one with its clock two hours behind, agree on which edit or mark of a day won, whatever order
their records were put into the month file, and an edit made on the slow device after it
saw the other's still wins."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta, timezone
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest

from coach.foundation.values import StepOutcome
from coach.store import Store
from coach.store.hlc import Clock, key, millis
from coach.store.records import record_problem
from coach.store.revisions import order

UTC = (timezone.utc, "UTC")
DAY = date(2026, 11, 22)
#: The true time the devices start at; the slow one's clock says two hours less.
START = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
SKEW = timedelta(hours=2)
FAST, SLOW = "fffffff2", "sssssss2"


class Device:
    """A device with its own data folder and a clock that is `behind` the true time."""

    def __init__(self, folder: Path, device: str, behind: timedelta = timedelta()) -> None:
        self.true = START
        self.behind = behind
        self.store = Store(folder, zone=UTC, now=lambda: self.true - self.behind,
                           device=device)

    def at(self, minutes: int) -> Store:
        """The store, its clock at `minutes` after START (true time)."""
        self.true = START + timedelta(minutes=minutes)
        return self.store


def merged(folder: Path, records: Iterable[dict[str, Any]]) -> Store:
    """A data folder whose month holds these records, in this order, as sync would leave
    them (one device's records added to the other's)."""
    store = Store(folder, zone=UTC, now=lambda: START)
    store.import_records(records)
    return store


def winners(tmp_path: Path, records: list[dict[str, Any]], shown: Any) -> set[Any]:
    """What `shown` reads from the month merged in every order of the records."""
    return {shown(merged(tmp_path / "merged" / "-".join(str(i) for i in order_), [
        records[i] for i in order_])) for order_ in permutations(range(len(records)))}


def raw(store: Store) -> list[dict[str, Any]]:
    return [record for month, _ in store.by_month(raw=True) for record in month]


# -- the clock ---------------------------------------------------------------------------------

def test_the_clock_follows_the_wall_and_counts_within_a_millisecond() -> None:
    wall = [START]
    clock = Clock(lambda: wall[0])
    ms = millis(START)
    assert clock.tick() == f"{ms}-0000"
    assert clock.tick() == f"{ms}-0001"  # the wall clock stood still
    wall[0] = START + timedelta(milliseconds=5)
    assert clock.tick() == f"{ms + 5}-0000"
    wall[0] = START - timedelta(hours=1)  # set back: the clock does not go back with it
    assert clock.tick() == f"{ms + 5}-0001"


def test_what_was_seen_moves_the_clock_on() -> None:
    clock = Clock(lambda: START)
    ahead = millis(START + SKEW)
    seen = [{"kind": "mark", "hlc": f"{ahead}-0007", "uid": "a"},
            {"kind": "step", "utc": "2030-01-01T00:00:00.000Z", "uid": "b"}]  # not a mark
    assert clock.tick(seen) == f"{ahead}-0008"
    clock = Clock(lambda: START)
    clock.see([{"kind": "revision", "utc": "2026-11-23T11:00:00.000Z", "uid": "c"}])
    assert clock.tick() == f"{millis(START + SKEW)}-0001"  # an older revision's time
    clock = Clock(lambda: START)
    clock.see([{"kind": "mark", "hlc": f"{ahead}-9999"}])
    assert clock.tick() == f"{ahead + 1}-0000"  # the counter full: the next millisecond


def test_a_record_without_an_hlc_stands_at_its_utc_time() -> None:
    old = {"utc": "2026-11-23T09:00:00Z", "uid": "a"}
    assert key(old) == (millis(START), 0, "", "a")
    assert key(old) == order(old)
    newer = {"utc": "2026-11-23T08:00:00.000Z", "hlc": f"{millis(START)}-0001",
             "device": FAST, "uid": "0"}
    assert key(old) < key(newer)


# -- two devices, clocks two hours apart -------------------------------------------------------

def test_two_devices_editing_one_entry_agree_on_the_winner_in_every_order(
        tmp_path: Path) -> None:
    fast = Device(tmp_path / "fast", FAST)
    slow = Device(tmp_path / "slow", SLOW, behind=SKEW)
    entry = fast.at(0).record_step("morning", "s1", StepOutcome(
        "journal", "journal", "done", START, START, {"text": "First words"}))
    slow.store.import_records([entry])  # both devices have the entry

    # Offline, each edits it: the slow device later in true time, but its clock says
    # two hours less, so the fast device's edit is the later one by the clocks.
    fast.at(5).correct_entry(entry["uid"], DAY, {"text": "Fast's words"})
    slow.at(10).correct_entry(entry["uid"], DAY, {"text": "Slow's words"})
    records = [entry, *[r for r in raw(fast.store) if r["kind"] == "revision"],
               *[r for r in raw(slow.store) if r["kind"] == "revision"]]
    assert all(record_problem(r) is None for r in records)

    def text(store: Store) -> str:
        return str(store.entry(entry["uid"], DAY)["data"]["text"])

    assert winners(tmp_path / "first", records, text) == {"Fast's words"}

    # The slow device receives the fast one's edit, then edits again: it saw the other
    # edit, so its own comes after it whatever its clock says.
    slow.store.import_records(raw(fast.store))
    slow.at(20).correct_entry(entry["uid"], DAY, {"text": "Slow, having read Fast"})
    records = [entry, *[r for r in raw(slow.store) if r["kind"] == "revision"]]
    assert len(records) == 4
    assert winners(tmp_path / "then", records, text) == {"Slow, having read Fast"}
    # The other version stays in the file, for an undo or an export.
    assert {"Fast's words", "Slow's words"} <= {r["data"]["text"] for r in records[1:]}


def test_two_devices_marking_one_day_agree_on_the_mark_in_every_order(tmp_path: Path) -> None:
    fast = Device(tmp_path / "fast", FAST)
    slow = Device(tmp_path / "slow", SLOW, behind=SKEW)
    fast.at(5).mark_day("morning", DAY, "partly")
    slow.at(10).mark_day("morning", DAY, "done")
    slow.at(11).set_rest_day("evening", DAY)
    fast.at(12).set_rest_day("evening", DAY, rest=False)
    records = raw(fast.store) + raw(slow.store)

    def marks(store: Store) -> tuple[dict[str, str], ...]:
        digest = next(store.digests())
        return (store.day_marks("morning", DAY, DAY), store.day_marks("evening", DAY, DAY),
                digest.marked, digest.rest)

    [(morning, evening, marked, rest)] = winners(tmp_path / "first", records, lambda s: tuple(
        map(repr, marks(s))))
    assert morning == repr({DAY.isoformat(): "partly"})  # the fast clock's is later
    assert evening == repr({DAY.isoformat(): "none"})
    assert marked == repr({"morning": {DAY.isoformat(): "partly"}}) and rest == repr({})

    # The slow device sees the fast one's mark, then marks the day again: that one wins.
    slow.store.import_records(raw(fast.store))
    again = slow.at(30).mark_day("morning", DAY, "done")
    records = raw(slow.store)
    assert winners(tmp_path / "then", records, lambda s: repr(marks(s)[::2])) == {
        repr(({DAY.isoformat(): "done"}, {"morning": {DAY.isoformat(): "done"}}))}
    assert slow.store.newest_marks(since=DAY)[0] == again  # undo offers it first


def test_an_edit_after_an_older_coach_s_correction_with_a_later_time_still_wins(
        tmp_path: Path) -> None:
    """A correction written before coach kept an hlc, at a time ahead of this clock: the
    next correction comes after it, as it always did."""
    device = Device(tmp_path / "here", FAST)
    entry = device.at(0).record_step("morning", "s1", StepOutcome(
        "journal", "journal", "done", START, START, {"text": "One"}))
    device.store.import_records([{"v": 1, "uid": "old", "kind": "revision", "of": entry["uid"],
                                  "day": DAY.isoformat(), "utc": "2026-11-23T12:00:00.000Z",
                                  "tz": "UTC", "data": {"text": "Two"}}])
    revision, shown = device.at(1).revise_entry(entry["uid"], DAY, data={"text": "Three"})
    assert shown["data"] == {"text": "Three"} == device.store.entry(entry["uid"], DAY)["data"]
    assert revision["hlc"] == f"{millis(datetime(2026, 11, 23, 12, tzinfo=timezone.utc))}-0001"


@pytest.mark.parametrize("value", ["1795377600000", "1795377600000-1", "179537760000-0000",
                                   1795377600000, None])
def test_an_hlc_that_is_not_one_makes_a_record_malformed(value: object) -> None:
    record = {"v": 1, "uid": "r1", "kind": "mark", "routine": "morning", "day": "2026-11-22",
              "mark": "done", "utc": "2026-11-22T20:00:00.000Z", "tz": "UTC"}
    assert record_problem(record | {"hlc": "1795377600000-0000"}) is None
    assert record_problem(record | {"hlc": value}) is not None


# -- the edges of the order ----------------------------------------------------------------------

def test_records_of_one_instant_are_ordered_by_device_then_uid() -> None:
    """Two devices that wrote in the same millisecond with the same counter (both offline):
    the device's id decides, then the uid, so every device puts them in one order."""
    instant = f"{millis(START)}-0000"
    first = {"hlc": instant, "device": "aaaaaaaa", "uid": "z" * 32}
    second = {"hlc": instant, "device": "bbbbbbbb", "uid": "a" * 32}
    assert key(first) < key(second)
    assert key(first) == (millis(START), 0, "aaaaaaaa", "z" * 32)
    assert key(second | {"uid": "b" * 32}) > key(second)


def test_a_record_with_no_place_in_the_order_comes_first_and_still_compares() -> None:
    """Fields of the wrong type (not a well-formed record) never make two keys
    incomparable: they stand first, as "" device and uid."""
    odd = {"hlc": 17, "device": 7, "uid": 3}
    assert key(odd) == (-(10 ** 15), 0, "", "")
    assert key(odd) < key({"utc": "1970-01-01T00:00:00Z", "uid": ""})


def test_a_wall_clock_before_1970_still_gives_hlcs_in_order() -> None:
    """A board without a real-time clock may start at 1970 or before: its hlcs start at
    millisecond 0 and count up, never negative (which no record could hold)."""
    clock = Clock(lambda: datetime(1969, 7, 20, tzinfo=timezone.utc))
    made = [clock.tick(), clock.tick()]
    assert made == ["0000000000000-0001", "0000000000000-0002"]
    assert all(record_problem({"v": 1, "uid": "r1", "kind": "mark", "routine": "morning",
                               "day": "2026-11-22", "mark": "done",
                               "utc": "2026-11-22T20:00:00.000Z", "tz": "UTC",
                               "hlc": hlc}) is None for hlc in made)


def test_after_the_last_hlc_there_is_one_the_clock_never_goes_back() -> None:
    """A record from a clock far in the future holds the largest hlc there is: a tick after
    seeing it can go no further, and stays there rather than going back."""
    clock = Clock(lambda: START)
    last = {"kind": "mark", "hlc": "9999999999999-9999"}
    assert clock.tick([last]) == "9999999999999-9999"
    assert clock.tick() == "9999999999999-9999"
    clock = Clock(lambda: START)
    clock.see([{"kind": "mark", "hlc": "9999999999998-9999"}])
    assert clock.tick() == "9999999999999-0000"
