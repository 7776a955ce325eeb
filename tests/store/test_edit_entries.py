"""The person's entries: listed, searched, corrected and deleted, under the lock, never losing
a record another process writes at the same moment, never leaving a half-written file."""

from __future__ import annotations

import math
import multiprocessing
import os
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import orjson
import pytest

from coach.session.run import StepOutcome
from coach.store import Store
from coach.store.records import ENTRY_TYPES, record_problem

UTC = (timezone.utc, "UTC")
DAY = date(2026, 11, 22)
NOW = datetime(2026, 11, 23, 9, tzinfo=timezone.utc)
APPENDED = 150


def make_store(directory: Path, now: datetime = NOW) -> Store:
    return Store(directory, zone=UTC, now=lambda: now)


def step(store: Store, step_type: str, data: dict[str, Any], day: date = DAY, minute: int = 0,
         status: str = "done", routine: str = "morning") -> dict[str, Any]:
    start = datetime(day.year, day.month, day.day, 7, tzinfo=timezone.utc) + \
        timedelta(minutes=minute)
    return store.record_step(routine, "s1", StepOutcome(step_type, step_type, status, start,
                                                        start + timedelta(minutes=1), data))


def a_bit_of_everything(store: Store, day: date = DAY) -> dict[str, dict[str, Any]]:
    """One record of each kind that matters here, by a name of its own."""
    return {
        "journal": step(store, "journal", {"prompt": "What went well?",
                                           "text": "A walk by the Spree"}, day, 1),
        "gratitude": step(store, "gratitude", {"items": ["Tea", "My sister Ana"]}, day, 2),
        "mood": step(store, "mood", {"rating": 3, "feelings": ["Tired"], "note": "Long day"},
                     day, 3),
        "plan": step(store, "activity_plan", {"activities": [
            {"id": "a1", "name": "Swim", "time": "18:00", "predicted": 4}]}, day, 4),
        "review": step(store, "activity_review", {"activities": [
            {"id": "a1", "name": "Swim", "predicted": 4, "done": True, "pleasure": 8,
             "mastery": 6}]}, day, 5),
        "breathing": step(store, "breathing", {"seconds": 60, "pattern": "Spree box"}, day, 6),
        "skipped": step(store, "journal", {"text": "Spree"}, day, 7, status="skipped"),
        "session": store.record_session("morning", "s1", "finished", day=day),
    }


def files(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.glob("records-*.json"))}


# -- listing -------------------------------------------------------------------------------------

def test_entries_are_the_done_steps_of_the_five_types_in_time_order(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    earlier = a_bit_of_everything(store, date(2026, 10, 31))
    names = ("journal", "gratitude", "mood", "plan", "review")
    assert ENTRY_TYPES == ("journal", "gratitude", "mood", "activity_plan", "activity_review")
    assert store.entries() == [earlier[n] for n in names] + [made[n] for n in names]
    assert store.entries(since=DAY) == [made[n] for n in names]
    assert store.entries(until=date(2026, 10, 31), types=("mood", "journal")) == \
        [earlier["journal"], earlier["mood"]]
    assert store.entries(types=()) == []


def test_entries_read_only_the_months_of_the_range(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(tmp_path)
    for day in (date(2026, 9, 30), date(2026, 10, 31), DAY):
        step(store, "mood", {"rating": 5}, day)
    read: list[str] = []
    well_formed = store.months.well_formed
    monkeypatch.setattr(store.months, "well_formed",
                        lambda path, **kw: read.append(path.name) or well_formed(path, **kw))
    assert len(store.entries(since=date(2026, 10, 1), until=date(2026, 10, 31))) == 1
    assert read == ["records-2026-10.json"]


@pytest.mark.parametrize("types", [("breathing",), ("mood", "session"), ("",)])
def test_entries_of_other_types_are_refused(tmp_path: Path, types: tuple[str, ...]) -> None:
    store = make_store(tmp_path)
    with pytest.raises(ValueError):
        store.entries(types=types)
    with pytest.raises(ValueError):
        store.search_entries("a", types=types)


# -- searching -----------------------------------------------------------------------------------

@pytest.mark.parametrize(("query", "found"), [
    ("spree", ["journal"]),               # journal text, any case
    ("WENT WELL", ["journal"]),           # journal prompt
    ("ana", ["gratitude"]),               # gratitude items
    ("tired", ["mood"]),                  # mood feelings
    ("LONG day", ["mood"]),               # mood note
    ("swim", ["review", "plan"]),         # activity names, newest first
    ("a", ["mood", "gratitude", "journal"]),
    ("rating", []), ("a1", []), ("18:00", []), ("box", []),  # keys, ids, times, non-entries
    ("", []), ("   ", []),                # an empty query matches nothing
])
def test_search_looks_through_the_words_of_entries_only(tmp_path: Path, query: str,
                                                         found: list[str]) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    assert store.search_entries(query) == [made[name] for name in found]


def test_search_ignores_case_the_unicode_way(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    record = step(store, "journal", {"text": "Die Straße am FLUSS"})
    assert store.search_entries("STRASSE AM fluß") == [record]
    assert store.search_entries("strasse", types=("mood",)) == []


def test_search_goes_newest_first_and_stops_reading_at_the_limit(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(tmp_path)
    made = [step(store, "gratitude", {"items": [f"walk {n}"]}, date(2026, month, 10), n)
            for month in (8, 9, 10, 11) for n in range(3)]
    read: list[str] = []
    well_formed = store.months.well_formed
    monkeypatch.setattr(store.months, "well_formed",
                        lambda path, **kw: read.append(path.name) or well_formed(path, **kw))
    assert store.search_entries("Walk", limit=4) == made[::-1][:4]
    assert read == ["records-2026-11.json", "records-2026-10.json"]
    assert store.search_entries("walk") == made[::-1]
    assert store.search_entries("walk", limit=0) == []


# -- correcting and deleting ---------------------------------------------------------------------

def test_a_correction_replaces_the_data_and_keeps_the_rest(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    others = [r for r in store.well_formed() if r["uid"] != made["mood"]["uid"]]
    data = {"rating": 7, "feelings": ["Calm"], "note": "Better after tea"}
    corrected = store.correct_entry(made["mood"]["uid"], DAY, data)
    assert corrected == made["mood"] | {"data": data, "edited": "2026-11-23T09:00:00.000Z"}
    assert record_problem(corrected) is None
    data["note"] = "changed by the caller afterwards"
    assert store.entry(made["mood"]["uid"], DAY) == corrected
    assert [r for r in store.well_formed() if r["uid"] != made["mood"]["uid"]] == others
    assert store.search_entries("tea") == [corrected, made["gratitude"]]
    assert store.malformed_count() == 0
    # The file keeps the entry as written, and the correction as a revision of it.
    assert made["mood"] in store.records()
    [revision] = store.records(kind="revision")
    assert revision["of"] == made["mood"]["uid"] and revision["data"] == corrected["data"]


def test_a_deletion_removes_that_entry_only(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    assert store.delete_entry(made["journal"]["uid"], DAY) is True
    assert store.entry(made["journal"]["uid"], DAY) is None
    assert store.well_formed() == [r for name, r in made.items() if name != "journal"]
    assert store.delete_entry(made["journal"]["uid"], DAY) is False
    assert made["journal"] in store.records()  # kept as removed until emptied


def test_each_entry_type_can_be_corrected_and_deleted(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    for name in ("journal", "gratitude", "mood", "plan", "review"):
        uid = made[name]["uid"]
        assert store.correct_entry(uid, DAY, {})["data"] == {}
        assert store.delete_entry(uid, DAY) is True
    assert store.entries() == []


def test_entry_finds_a_record_in_the_month_of_the_day_only(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    assert store.entry(made["session"]["uid"], DAY) == made["session"]
    assert store.entry(made["mood"]["uid"], date(2026, 11, 1)) == made["mood"]
    assert store.entry(made["mood"]["uid"], date(2026, 10, 22)) is None
    assert store.correct_entry(made["mood"]["uid"], date(2026, 12, 1), {"rating": 1}) is None
    assert store.delete_entry(made["mood"]["uid"], date(2026, 12, 1)) is False
    assert store.month_files() == [store.months.path_for(DAY)]  # no month made by a miss


def test_an_entry_deleted_by_another_coach_is_not_there_to_correct(tmp_path: Path) -> None:
    mine, theirs = make_store(tmp_path), make_store(tmp_path)
    made = a_bit_of_everything(mine)
    assert mine.entry(made["journal"]["uid"], DAY) is not None  # shown on my screen
    assert theirs.delete_entry(made["journal"]["uid"], DAY) is True
    assert mine.correct_entry(made["journal"]["uid"], DAY, {"text": "more"}) is None
    assert mine.delete_entry(made["journal"]["uid"], DAY) is False
    assert mine.entry(made["journal"]["uid"], DAY) is None
    assert len(mine.well_formed()) == len(made) - 1


@pytest.mark.parametrize("name", ["breathing", "skipped", "session"])
def test_only_entries_can_be_corrected_or_deleted(tmp_path: Path, name: str) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    store.set_rest_day("morning", DAY)
    rest = store.records(kind="rest")[0]
    before = files(tmp_path)
    for uid in (made[name]["uid"], rest["uid"]):
        with pytest.raises(ValueError, match="Only journal, gratitude, mood and activity"):
            store.correct_entry(uid, DAY, {})
        with pytest.raises(ValueError, match="Only journal"):
            store.delete_entry(uid, DAY)
    assert files(tmp_path) == before


class Unwritable:
    pass


def nested(depth: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for _ in range(depth):
        data = {"x": data}
    return data


HOSTILE_DATA = [
    ["not", "a", "mapping"], "text", None, 7,
    {"rating": 11}, {"rating": "7"}, {"feelings": "calm"}, {"note": 5},   # not a mood's shape
    {"rating": math.nan}, {"extra": math.inf}, {"extra": 2 ** 60},        # not JSON numbers
    {1: "a key that is not text"}, {"extra": {"nested": {2: "x"}}},
    {"extra": Unwritable()}, {"extra": {"a set"}}, {"extra": ("a", "tuple")},
    {"note": "x" * 100_001}, nested(12),
]


# Ids by position: the repr of a set, or of an object with its address, changes between
# processes, and pytest-xdist needs every worker to collect the same names.
@pytest.mark.parametrize("data", HOSTILE_DATA, ids=[f"hostile-{n}" for n in range(len(HOSTILE_DATA))])
def test_a_correction_that_would_not_be_well_formed_changes_nothing(tmp_path: Path,
                                                                     data: Any) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    before = files(tmp_path)
    stamp = os.stat(store.months.path_for(DAY)).st_ino
    with pytest.raises(ValueError, match="This correction cannot be saved: "):
        store.correct_entry(made["mood"]["uid"], DAY, data)
    assert files(tmp_path) == before
    assert os.stat(store.months.path_for(DAY)).st_ino == stamp  # not even rewritten
    assert store.entry(made["mood"]["uid"], DAY) == made["mood"]


@pytest.mark.parametrize("uid", ["", "nobody", None, 7, ["x"], {"uid": 1}, "x" * 10_000])
def test_a_uid_that_is_not_there_finds_nothing_and_changes_nothing(tmp_path: Path,
                                                                   uid: Any) -> None:
    store = make_store(tmp_path)
    a_bit_of_everything(store)
    before = files(tmp_path)
    assert store.entry(uid, DAY) is None
    assert store.correct_entry(uid, DAY, {"rating": 1}) is None
    assert store.delete_entry(uid, DAY) is False
    assert files(tmp_path) == before


def test_a_hand_edited_record_with_the_uid_is_left_alone(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    path = store.months.path_for(DAY)
    document = orjson.loads(path.read_bytes())
    [(key, record)] = [(k, r) for k, r in document["records"].items()
                       if r["uid"] == made["mood"]["uid"]]
    document["records"][key] = record | {"status": "half done"}
    path.write_bytes(orjson.dumps(document))
    before = files(tmp_path)
    assert store.entry(made["mood"]["uid"], DAY) is None
    assert store.correct_entry(made["mood"]["uid"], DAY, {"rating": 1}) is None
    assert store.delete_entry(made["mood"]["uid"], DAY) is False
    assert files(tmp_path) == before


def test_a_damaged_month_is_repaired_before_a_correction(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    path = store.months.path_for(DAY)
    path.write_bytes(path.read_bytes()[:-40])  # cut short
    corrected = store.correct_entry(made["journal"]["uid"], DAY, {"text": "whole again"})
    assert corrected is not None and store.entry(made["journal"]["uid"], DAY) == corrected
    assert any("was damaged" in notice for notice in store.notices)
    assert list(tmp_path.glob("records-2026-11.json.damaged-*"))


def test_edited_must_be_a_utc_time() -> None:
    record = {"v": 1, "uid": "u", "kind": "step", "routine": "m", "session": "s", "step": "j",
              "type": "journal", "status": "done", "day": "2026-11-22",
              "utc": "2026-11-22T07:00:00.000Z", "tz": "UTC",
              "started": "2026-11-22T07:00:00.000Z", "ended": "2026-11-22T07:00:00.000Z",
              "data": {}}
    assert record_problem(record | {"edited": "2026-11-23T09:00:00.000Z"}) is None
    for edited in ("yesterday", None, 5, "2026-11-23T09:00:00"):
        assert record_problem(record | {"edited": edited}) is not None


# -- digests follow ------------------------------------------------------------------------------

def test_digests_follow_corrections_and_deletions(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    made = a_bit_of_everything(store)
    [digest] = store.digests()
    assert digest.moods == {"2026-11-22": [3]} and digest.journal_days == ["2026-11-22"]
    assert digest.reviews["a1"].pleasure == 8
    store.correct_entry(made["mood"]["uid"], DAY, {"rating": 9})
    store.correct_entry(made["review"]["uid"], DAY, {"activities": [
        {"id": "a1", "name": "Swim", "done": True, "pleasure": 2, "mastery": 6}]})
    store.delete_entry(made["journal"]["uid"], DAY)
    [digest] = store.digests()
    assert digest.moods == {"2026-11-22": [9]} and digest.journal_days == []
    assert digest.reviews["a1"].pleasure == 2 and digest.records == len(made) - 1
    [fresh] = Store(tmp_path).digests()  # a coach started afresh reads the saved digest
    assert fresh.moods == digest.moods and fresh.records == digest.records
    store.delete_entry(made["mood"]["uid"], DAY)
    assert [d.moods for d in Store(tmp_path).digests()] == [{}]


# -- another process appending at the same moment ------------------------------------------------

def append_many(directory: str, started: Any, results: Any) -> None:
    """In a process of its own (a reminder process, a second coach): append records one at
    a time to the month being edited, then say which uids were stored."""
    store = Store(Path(directory), zone=UTC, now=lambda: NOW)
    uids = []
    for n in range(APPENDED):
        uids.append(store.add({"kind": "reminder", "routine": f"r{n}", "day": DAY.isoformat(),
                               "which": "first", "utc": "2026-11-22T20:00:00.000Z",
                               "tz": "UTC"})["uid"])
        if n == 0:
            started.set()
    results.put(uids)


def test_corrections_and_deletions_lose_no_record_appended_at_the_same_moment(
        tmp_path: Path) -> None:
    store = make_store(tmp_path)
    entries = [step(store, "journal", {"text": f"entry {n}"}, DAY, n) for n in range(40)]
    context = multiprocessing.get_context("spawn")
    started, results = context.Event(), context.Queue()
    child = context.Process(target=append_many, args=(str(tmp_path), started, results))
    child.start()
    assert started.wait(timeout=60)
    deleted, corrected, during = set(), {}, 0
    n = 0
    while child.is_alive() or n < len(entries):  # a third deleted, the rest corrected again
        record = entries[n % len(entries)]
        n += 1
        if n <= len(entries) and n % 3 == 0:
            assert store.delete_entry(record["uid"], DAY) is True
            deleted.add(record["uid"])
        elif record["uid"] not in deleted:
            text = f"corrected {n}"
            assert store.correct_entry(record["uid"], DAY, {"text": text})["data"]["text"] == text
            corrected[record["uid"]] = text
        else:
            continue
        during += child.is_alive()
    appended = results.get(timeout=60)
    child.join(timeout=60)
    assert child.exitcode == 0
    assert during > 20, f"the edits did not overlap the appending ({during})"
    assert all(appended) and len(set(appended)) == APPENDED

    stored = Store(tmp_path).well_formed()
    assert store.notices == [] and Store(tmp_path).malformed_count() == 0
    by_uid = {record["uid"]: record for record in stored}
    assert len(by_uid) == len(stored)  # nothing doubled
    assert set(appended) <= set(by_uid)  # nothing appended was lost
    assert set(by_uid) == set(appended) | {r["uid"] for r in entries} - deleted
    for uid, text in corrected.items():
        if uid not in deleted:
            assert by_uid[uid]["data"] == {"text": text}
