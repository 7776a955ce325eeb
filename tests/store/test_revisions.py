"""Corrections, deletions and undoing as revisions that supersede, never rewrite: the order
they fold in, undoing and undoing again, hand edits, a backup that brings every version back,
and emptying what was removed."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from coach.store import Store
from coach.store.records import record_problem
from coach.store.revisions import fold, order
from tests.store.test_edit_entries import DAY, NOW, a_bit_of_everything, files, make_store, step


def at(minutes: int) -> datetime:
    return NOW + timedelta(minutes=minutes)


def revision(of: str, uid: str, utc: str, **fields: Any) -> dict[str, Any]:
    return {"v": 1, "uid": uid, "kind": "revision", "of": of, "day": DAY.isoformat(),
            "utc": utc, "tz": "UTC", **fields}


def hand_add(store: Store, *records: dict[str, Any]) -> None:
    """Records put into the month file as a hand edit (or another device) would."""
    path = store.months.path_for(DAY)
    document = orjson.loads(path.read_bytes())
    table = document["records"]
    for record in records:
        table[str(max(map(int, table)) + 1)] = record
    path.write_bytes(orjson.dumps(document))


def test_the_latest_revision_wins_by_time_then_uid_wherever_it_is_in_the_file(
        tmp_path: Path) -> None:
    store = make_store(tmp_path)
    mood = a_bit_of_everything(store)["mood"]
    uid = mood["uid"]
    hand_add(store,
             revision(uid, "c", "2026-11-23T10:00:00.000Z", data={"rating": 9}),  # latest
             revision(uid, "a", "2026-11-23T09:00:00Z", data={"rating": 1}),
             revision(uid, "b", "2026-11-23T09:00:00.000Z", data={"rating": 2}),
             revision(uid, "d", "2026-11-23T09:30:00.000Z", removed=True),
             revision(uid, "e", "2026-11-23T09:45:00.000Z", removed=False))
    assert order({"utc": "2026-11-23T09:00:00Z", "uid": "a"}) < \
        order({"utc": "2026-11-23T09:00:00.000Z", "uid": "b"})
    shown = store.entry(uid, DAY)
    assert shown == mood | {"data": {"rating": 9}, "edited": "2026-11-23T10:00:00.000Z"}
    assert [r["uid"] for r in store.well_formed(kind="revision")] == []
    assert store.malformed_count() == 0


def test_a_clock_that_stands_still_still_lets_the_latest_correction_win(
        tmp_path: Path) -> None:
    store = make_store(tmp_path)  # the clock never moves
    uid = a_bit_of_everything(store)["journal"]["uid"]
    for n in range(12):
        store.correct_entry(uid, DAY, {"text": f"take {n}"})
    assert store.entry(uid, DAY)["data"] == {"text": "take 11"}


def test_undo_of_a_correction_then_undo_of_that_undo(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    journal = a_bit_of_everything(store)["journal"]
    uid = journal["uid"]
    store.now = lambda: at(1)
    first, _ = store.revise_entry(uid, DAY, data={"text": "second thoughts"})
    store.now = lambda: at(2)
    undo, shown = store.undo(first["uid"], DAY)
    assert undo["undoes"] == first["uid"] and undo["data"] == journal["data"]
    assert "removed" not in undo
    assert shown == journal and store.entry(uid, DAY) == journal  # as written, not "corrected"
    assert store.undo(first["uid"], DAY) is None  # undone already
    store.now = lambda: at(3)
    again, shown = store.undo(undo["uid"], DAY)
    assert again["data"] == {"text": "second thoughts"}
    assert store.entry(uid, DAY) == shown == journal | {
        "data": {"text": "second thoughts"}, "edited": again["utc"]}
    assert record_problem(again) is None


def test_undo_of_a_delete_brings_the_entry_back_with_its_latest_words(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    journal = a_bit_of_everything(store)["journal"]
    uid = journal["uid"]
    store.now = lambda: at(1)
    store.correct_entry(uid, DAY, {"text": "kept words"})
    store.now = lambda: at(2)
    deleted, shown = store.revise_entry(uid, DAY, removed=True)
    assert shown is None and store.entry(uid, DAY) is None
    assert store.search_entries("kept") == [] and store.entries(types=("journal",)) == []
    [digest] = store.digests()
    assert digest.journal_days == []
    store.now = lambda: at(3)
    undo, shown = store.undo(deleted["uid"], DAY)
    assert undo["removed"] is False and "data" not in undo
    assert shown["data"] == {"text": "kept words"} == store.entry(uid, DAY)["data"]
    assert [d.journal_days for d in store.digests()] == [[DAY.isoformat()]]


def test_an_edit_after_a_delete_does_not_bring_the_entry_back(tmp_path: Path) -> None:
    mine, theirs = make_store(tmp_path), make_store(tmp_path)
    uid = a_bit_of_everything(mine)["journal"]["uid"]
    theirs.now = lambda: at(1)
    assert theirs.delete_entry(uid, DAY)
    before = files(tmp_path)
    mine.now = lambda: at(2)
    assert mine.correct_entry(uid, DAY, {"text": "too late"}) is None
    assert files(tmp_path) == before  # nothing written for a removed entry
    # One written anyway (another device, a hand edit) leaves it removed.
    hand_add(mine, revision(uid, "late", "2026-11-23T09:05:00.000Z", data={"text": "too late"}))
    assert mine.entry(uid, DAY) is None


def test_a_doubled_record_and_a_doubled_revision_fold_once(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    mood = a_bit_of_everything(store)["mood"]
    hand_add(store, dict(mood))  # the entry copied by a hand edit
    store.now = lambda: at(1)
    deleted, _ = store.revise_entry(mood["uid"], DAY, removed=True)
    assert [r for r in store.well_formed() if r["uid"] == mood["uid"]] == []
    hand_add(store, dict(deleted))  # the revision copied too
    store.now = lambda: at(2)
    assert store.undo(deleted["uid"], DAY) is not None
    assert [r for r in store.well_formed() if r["uid"] == mood["uid"]] == [mood, mood]
    assert store.last_changes() == []  # the one deletion, undone, not twice


def test_a_damaged_revision_is_left_out_as_malformed(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    damaged = [
        revision(made["mood"]["uid"], "r1", "2026-11-23T10:00:00.000Z"),  # changes nothing
        revision(made["mood"]["uid"], "r2", "yesterday", removed=True),
        revision(made["mood"]["uid"], "r3", "2026-11-23T10:00:00.000Z", removed="yes"),
        revision(made["mood"]["uid"], "r4", "2026-11-23T10:00:00.000Z", data=["x"]),
        revision(7, "r5", "2026-11-23T10:00:00.000Z", removed=True),  # type: ignore[arg-type]
        revision(made["mood"]["uid"], "r6", "2026-11-23T10:00:00.000Z", removed=True,
                 undoes=None),
    ]
    hand_add(store, *damaged)
    assert all(record_problem(r) is not None for r in damaged)
    assert store.entry(made["mood"]["uid"], DAY) == made["mood"]
    assert store.malformed_count() == len(damaged)
    assert store.last_changes() == []


def test_a_revision_whose_data_does_not_fit_its_entry_is_passed_over(tmp_path: Path) -> None:
    """Passed over, not an end: a correction after it still counts."""
    store = make_store(tmp_path)
    mood = a_bit_of_everything(store)["mood"]
    hand_add(store, revision(mood["uid"], "r0", "2026-11-23T09:30:00.000Z", data={"rating": 99}),
             revision(mood["uid"], "r1", "2026-11-23T10:00:00.000Z", data={"rating": 4}),
             revision(mood["uid"], "r2", "2026-11-23T11:00:00.000Z", data={"rating": 99}))
    assert store.entry(mood["uid"], DAY)["data"] == {"rating": 4}


def test_an_entry_corrected_in_place_by_an_older_coach_stays_as_it_is(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    old = step(store, "journal", {"text": "one"})
    path = store.months.path_for(DAY)
    document = orjson.loads(path.read_bytes())
    [key] = document["records"]
    document["records"][key] = old | {"data": {"text": "two"},
                                      "edited": "2026-11-23T08:00:00.000Z"}
    path.write_bytes(orjson.dumps(document))
    assert store.entry(old["uid"], DAY)["edited"] == "2026-11-23T08:00:00.000Z"
    store.now = lambda: at(1)
    first, _ = store.revise_entry(old["uid"], DAY, data={"text": "three"})
    store.now = lambda: at(2)
    store.undo(first["uid"], DAY)
    assert store.entry(old["uid"], DAY) == old | {"data": {"text": "two"},
                                                  "edited": "2026-11-23T08:00:00.000Z"}


def test_a_month_without_revisions_is_read_as_it_is() -> None:
    records = [{"kind": "step", "uid": "a"}, {"kind": "session", "uid": "b"}]
    assert fold(records) is records


def test_a_backup_brings_back_removed_entries_and_every_version(tmp_path: Path) -> None:
    store = make_store(tmp_path / "here")
    made = a_bit_of_everything(store)
    store.now = lambda: at(1)
    store.correct_entry(made["mood"]["uid"], DAY, {"rating": 8})
    store.now = lambda: at(2)
    deleted, _ = store.revise_entry(made["journal"]["uid"], DAY, removed=True)
    raw = [record for month, _ in store.by_month(raw=True) for record in month]
    assert made["journal"] in raw and made["mood"] in raw and len(raw) == len(made) + 2
    assert [r for month, _ in store.by_month() for r in month] == store.well_formed()
    elsewhere = make_store(tmp_path / "elsewhere")
    assert elsewhere.import_records(raw) == (len(raw), 0)
    assert elsewhere.import_records(raw) == (0, len(raw))  # revisions too, once by uid
    assert elsewhere.well_formed() == store.well_formed()
    assert elsewhere.undo(deleted["uid"], DAY) is not None
    assert elsewhere.entry(made["journal"]["uid"], DAY) == made["journal"]


def test_emptying_erases_removed_entries_and_their_revisions_only(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    october = a_bit_of_everything(store, date(2026, 10, 3))
    store.now = lambda: at(1)
    store.correct_entry(made["mood"]["uid"], DAY, {"rating": 8})
    store.delete_entry(made["journal"]["uid"], DAY)
    store.correct_entry(made["gratitude"]["uid"], DAY, {"items": ["Rain"]})
    store.delete_entry(made["gratitude"]["uid"], DAY)
    store.delete_entry(october["plan"]["uid"], date(2026, 10, 3))
    shown = store.well_formed()
    assert store.removed_counts() == {"2026-10": 1, "2026-11": 2}
    assert store.purge_removed(["2026-10", "2026-11"]) == 3
    assert store.removed_counts() == {}
    assert store.well_formed() == shown
    raw = store.records()
    gone = {made["journal"]["uid"], made["gratitude"]["uid"], october["plan"]["uid"]}
    assert not [r for r in raw if r["uid"] in gone or r.get("of") in gone]
    assert [r["of"] for r in raw if r["kind"] == "revision"] == [made["mood"]["uid"]]
    before = files(tmp_path)
    assert store.purge_removed(["2026-11"]) == 0
    assert files(tmp_path) == before


def test_the_last_changes_are_newest_first_across_months(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    october = a_bit_of_everything(store, date(2026, 10, 3))
    store.now = lambda: at(1)
    store.delete_entry(made["journal"]["uid"], DAY)
    store.now = lambda: at(2)
    store.correct_entry(october["journal"]["uid"], date(2026, 10, 3), {"text": "Later words"})
    changes = store.last_changes(limit=5)
    assert [c.describe() for c in changes] == [
        "Corrected on 23 Nov 09:02: the journal entry of 3 Oct, 'A walk by the Spree'",
        "Deleted on 23 Nov 09:01: the journal entry of 22 Nov, 'A walk by the Spree'",
    ]
    store.now = lambda: at(3)
    assert changes[0].undo(store) == "The journal entry of 3 Oct is as it was before the correction"
    assert changes[0].undo(store) is None  # undone already
    [last] = store.last_changes()
    assert last.undo(store) == "The journal entry of 22 Nov is back"
    assert store.last_changes() == []


def test_a_revision_written_to_the_second_is_ordered_by_its_time(tmp_path: Path) -> None:
    """An older coach (or a hand edit) wrote times without a fraction of a second: such a
    revision at 09:00:05 comes after one at 09:00:03.000, not before it."""
    store = make_store(tmp_path)
    mood = a_bit_of_everything(store)["mood"]
    hand_add(store,
             revision(mood["uid"], "b", "2026-11-23T09:00:05Z", data={"rating": 7}),
             revision(mood["uid"], "a", "2026-11-23T09:00:03.000Z", data={"rating": 2}))
    assert store.entry(mood["uid"], DAY)["data"] == {"rating": 7}
    # Without a hybrid clock's time of its own, its UTC time stands in (counter 0).
    assert order({"utc": "2026-11-23T09:00:05Z", "uid": "b"}) == (1795424405000, 0, "", "b")


def test_a_correction_on_a_clock_that_stands_still_comes_after_the_last(
        tmp_path: Path) -> None:
    store = make_store(tmp_path)  # the clock never moves
    uid = a_bit_of_everything(store)["journal"]["uid"]
    first, _ = store.revise_entry(uid, DAY, data={"text": "one"})
    second, _ = store.revise_entry(uid, DAY, data={"text": "two"})
    assert first["utc"] == second["utc"] == "2026-11-23T09:00:00.000Z"  # the real time
    assert order(first) < order(second)  # the hybrid clock's counter moved on
    assert store.entry(uid, DAY)["data"] == {"text": "two"}


def test_a_correction_undone_twice_is_offered_again_and_undone_again(tmp_path: Path) -> None:
    """Undoing the undo puts the correction back, so it is the last change once more."""
    store = make_store(tmp_path)
    journal = a_bit_of_everything(store)["journal"]
    store.now = lambda: at(1)
    first, _ = store.revise_entry(journal["uid"], DAY, data={"text": "second thoughts"})
    store.now = lambda: at(2)
    undo, _ = store.undo(first["uid"], DAY)
    store.now = lambda: at(3)
    store.undo(undo["uid"], DAY)
    [change] = store.last_changes()
    assert change.describe() == ("Corrected on 23 Nov 09:01: the journal entry of 22 Nov, "
                                 "'A walk by the Spree'")
    store.now = lambda: at(4)
    assert change.undo(store) == "The journal entry of 22 Nov is as it was before the correction"
    assert store.entry(journal["uid"], DAY) == journal


def test_an_entry_written_without_words_is_corrected_and_undone(tmp_path: Path) -> None:
    """A done journal step with no data at all (a hand edit, an older coach): undoing its
    correction takes the words away again."""
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    bare = {key: value for key, value in made["journal"].items() if key != "data"} | \
        {"uid": "bare"}
    hand_add(store, bare)
    store.now = lambda: at(1)
    first, _ = store.revise_entry("bare", DAY, data={"text": "found words"})
    store.now = lambda: at(2)
    undo, shown = store.undo(first["uid"], DAY)
    assert undo["data"] == {} and record_problem(undo) is None
    assert store.search_entries("found") == [] and not shown.get("data")
