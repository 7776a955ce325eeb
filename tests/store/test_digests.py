"""Month digests: the same answers as reading every record, remade only when a month changes."""

from __future__ import annotations

import os
import random
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import orjson
import pytest

import coach.store.months as months_module
from coach.insight.figures import compute_figures
from coach.insight.load import load_figures
from coach.session.run import StepOutcome
from coach.store import Store
from coach.store.digest import DIGEST_VERSION, CheckSeen

UTC = (timezone.utc, "UTC")


def history(directory: Path, days: int, seed: int = 7) -> Store:
    """A few months of varied days: finished or not, moods, plans, reviews, journals."""
    rng = random.Random(seed)
    clock = [datetime(2026, 6, 1, 7, tzinfo=timezone.utc)]
    store = Store(directory, zone=UTC, now=lambda: clock[0])
    for n in range(days):
        start = datetime(2026, 6, 1, 7, tzinfo=timezone.utc) + timedelta(days=n)
        clock[0] = start
        session = f"s{n}"

        def step(step_id: str, step_type: str, data: dict, minute: int) -> None:
            at = start + timedelta(minutes=minute)
            store.record_step("morning", session, StepOutcome(
                step_id, step_type, "done", at, at + timedelta(minutes=1), data))

        if rng.random() < 0.3:
            continue  # a day off: nothing recorded
        step("mood", "mood", {"rating": rng.randint(0, 10), "feelings": []}, 1)
        activity = f"a{n}"
        step("plan", "activity_plan", {"activities": [
            {"id": activity, "name": f"Walk {n % 5}", "time": None,
             "predicted": rng.randint(0, 10)}]}, 2)
        if rng.random() < 0.8:
            step("review", "activity_review", {"activities": [
                {"id": activity, "name": f"Walk {n % 5}", "predicted": None, "done": True,
                 "pleasure": rng.randint(0, 10), "mastery": None}]}, 3)
        if rng.random() < 0.7:
            clock[0] = start + timedelta(minutes=5)
            store.record_session("morning", session, "finished")
    return store


def digests_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The month files whose digest is asked for from now on, in order."""
    read: list[str] = []
    real = months_module.MonthFiles.digest

    def counting(self, path, keep=True, listed=None):  # type: ignore[no-untyped-def]
        read.append(path.name)
        return real(self, path, keep, listed)

    monkeypatch.setattr(months_module.MonthFiles, "digest", counting)
    return read


def months_parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The month files parsed from now on, in order."""
    parsed: list[str] = []
    real = months_module.parse_document

    def counting(path, data):  # type: ignore[no-untyped-def]
        parsed.append(path.name)
        return real(path, data)

    monkeypatch.setattr(months_module, "parse_document", counting)
    return parsed


def test_figures_from_digests_equal_figures_from_every_record(tmp_path: Path) -> None:
    store = history(tmp_path / "data", 120)
    expected = compute_figures(store.well_formed(ordered=False))
    got = load_figures(store)
    assert got.finished_days == expected.finished_days
    assert got.mood_by_day == expected.mood_by_day
    assert sorted(got.enjoyment) == sorted(expected.enjoyment)
    assert expected.finished_days and expected.enjoyment  # the history has something in it


def test_a_month_is_parsed_again_only_when_its_file_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "data"
    history(directory, 120)
    Store(directory).check()  # digests made (and the index of them)
    assert len(list((directory / "digests").glob("records-*.json"))) == 4
    parsed = months_parsed(monkeypatch)
    store = Store(directory, zone=UTC,
                  now=lambda: datetime(2026, 9, 1, 8, tzinfo=timezone.utc))
    assert store.check() == []
    load_figures(store)
    assert parsed == []
    store.record_session("morning", "late", "finished")  # changes September only
    parsed.clear()
    fresh = Store(directory)
    assert date(2026, 9, 1) in load_figures(fresh).finished_days["morning"]
    assert parsed == ["records-2026-09.json"]


@pytest.mark.parametrize("damage", [b"", b"not json", b'{"v": 1}', b'{"v": 99, "stamp": []}',
                                    b'{"v": 1, "stamp": [1, 2, 3, 4], "records": "x"}'])
def test_a_damaged_or_foreign_digest_is_ignored_and_made_again(
        tmp_path: Path, damage: bytes) -> None:
    directory = tmp_path / "data"
    store = history(directory, 20)
    expected = load_figures(store)
    for path in (directory / "digests").iterdir():
        path.write_bytes(damage)
    again = load_figures(Store(directory))
    assert again.mood_by_day == expected.mood_by_day
    for path in (directory / "digests").iterdir():
        assert orjson.loads(path.read_bytes())["v"] == DIGEST_VERSION


def test_a_digest_is_not_trusted_when_its_month_was_replaced(tmp_path: Path) -> None:
    """Another process (or a restore) replaced the month: the stamp differs, so it is remade."""
    directory = tmp_path / "data"
    store = history(directory, 20)
    load_figures(store)
    month = directory / "records-2026-06.json"
    document = orjson.loads(month.read_bytes())
    for record in document["records"].values():
        if record.get("type") == "mood":
            record["data"]["rating"] = 10
    month.write_bytes(orjson.dumps(document))
    assert set(load_figures(Store(directory)).mood_by_day.values()) == {10.0}


def test_a_month_restored_with_the_same_size_and_time_is_digested_again(
        tmp_path: Path) -> None:
    """`cp -p` keeps a copy's size and modification time: a month restored from a copy that
    differs only by one rating matches its digest's stamp on both, and only the change time
    (or the inode, for a copy moved into place) says the digest is of other bytes."""
    directory = tmp_path / "data"
    store = history(directory, 20)
    first_day = date(2026, 6, 1)
    month = directory / "records-2026-06.json"
    content = month.read_bytes()
    first_rating = content.index(b'"rating":') + len(b'"rating":')
    assert content[first_rating:first_rating + 2] == b"2,"  # the first day's mood
    assert load_figures(store).mood_by_day[first_day] == 2.0  # digested
    held = month.stat()
    copy = tmp_path / "copy.json"
    copy.write_bytes(content[:first_rating] + b"7" + content[first_rating + 1:])
    os.utime(copy, ns=(held.st_atime_ns, held.st_mtime_ns))
    shutil.copy2(copy, month)  # what `cp -p copy.json records-2026-06.json` does
    restored = month.stat()
    assert (restored.st_size, restored.st_mtime_ns) == (held.st_size, held.st_mtime_ns)
    assert load_figures(Store(directory)).mood_by_day[first_day] == 7.0


def test_progress_and_suggestions_read_back_only_as_far_as_they_need(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "data"
    store = history(directory, 120)
    store.check()
    read = digests_read(monkeypatch)
    fresh = Store(directory)
    assert fresh.finished_before("morning", date(2026, 9, 20))
    assert read == ["records-2026-09.json"]
    read.clear()
    expected = list(dict.fromkeys(r["data"]["activities"][0]["name"]
                                  for r in reversed(store.step_records("activity_plan"))))
    read.clear()
    assert fresh.recent_activity_names(limit=3) == expected[:3]  # the latest plan first
    assert read == ["records-2026-09.json"]
    fresh.counts()  # the index of every month, as doctor or an earlier start leaves it
    read.clear()
    assert not fresh.finished_before("evening", date(2026, 9, 20))  # never finished
    assert read == ["records-2026-09.json"]  # its own month; the index for the rest
    assert fresh.finished_before("morning", date(2026, 9, 1))  # from the index alone
    assert fresh.finished_days("morning", date(2026, 9, 25)) <= {
        date(2026, 9, d) for d in range(25, 29)}


def test_which_routines_were_finished_before_is_one_pass_over_the_months(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Home asks for every routine at once: one look at the month index for all of them,
    however many were never finished (each used to cost a pass over every month)."""
    directory = tmp_path / "data"
    history(directory, 120).check()
    fresh = Store(directory)
    passes: list[int] = []
    summaries = fresh.months.summaries

    def counted(paths: list[Path]) -> object:
        passes.append(len(paths))
        return summaries(paths)

    monkeypatch.setattr(fresh.months, "summaries", counted)
    ids = ["morning", "evening", "quick-reset", "gone"]
    assert fresh.finished_before_of(ids, date(2026, 9, 1)) == {"morning"}
    assert len(passes) == 1
    assert fresh.finished_before_of(["morning"], date(2026, 9, 20)) == {"morning"}
    assert len(passes) == 1  # its own month answered
    assert fresh.finished_before_of([], date(2026, 9, 20)) == set()


def test_doctor_counts_come_from_one_index_checked_against_each_month(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "data"
    store = history(directory, 120)
    assert sum(records for _, records, _ in Store(directory).counts()) == len(store.records())
    read = digests_read(monkeypatch)
    Store(directory).counts()
    assert read == []  # every month unchanged: the index alone
    store.record_session("morning", "late", "finished")  # September changes
    (directory / "digests" / "records-2026-07.json").unlink()  # a digest lost: fine
    counts = {path.name: records for path, records, _ in Store(directory).counts()}
    assert read == ["records-2026-09.json"]
    assert counts["records-2026-09.json"] == len(store.records(since=date(2026, 9, 1)))
    (directory / "digests" / "index.json").write_bytes(b"{broken")
    read.clear()
    assert len(Store(directory).counts()) == 4 and len(read) == 4  # remade from the digests


def test_the_month_just_read_is_parsed_once_until_it_changes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "data"
    store = history(directory, 100)
    parsed = months_parsed(monkeypatch)
    day = date(2026, 9, 8)
    fresh = Store(directory, zone=UTC)
    first = [fresh.open_session(routine, day) for routine in ("morning", "evening", "x")]
    assert parsed == ["records-2026-09.json"]
    store.record_session("morning", "later", "started", day=day)
    parsed.clear()
    seen = fresh.well_formed(since=day, until=day)
    assert parsed == ["records-2026-09.json"]  # the file changed: read again
    assert any(r.get("session") == "later" for r in seen)
    assert first[1] == fresh.open_session("evening", day) and parsed == ["records-2026-09.json"]


DAY = "2026-06-02"
#: Valid JSON in the wrong shape, in each field of a digest whose stamp still matches its
#: month: each crashed the history screen, `coach stats` or home before digests were checked.
WRONG_SHAPES = {
    "finished": [{"morning": 5}, {"morning": DAY}, {"morning": ["yesterday"]}, [["morning"]],
                 {"morning": [DAY, "2026-02-30"]}, {"morning": [DAY, [DAY]]}],
    "steps_done": [{"morning": [DAY]}, {"morning": {DAY: "3"}}],
    "touched": [{"morning": [DAY]}, {"morning": {DAY: "3"}}, {"morning": {"2026-13-45": 1}}],
    "rest": [{"morning": 3}, {"morning": [5]}],
    "schedules": [{"morning": [[DAY]]}, {"morning": [[DAY, 3]]}, {"morning": [[DAY, [9]]]}],
    "moods": [[1, 2], {DAY: ["6"]}],
    "mood_parts": [{DAY: "x"}, {DAY: [["6", "m"]]}, {DAY: [[6]]}, {"2026-13-45": [[6, "m"]]}],
    "distress": [[[DAY, "pmr", 7]], [[DAY, "pmr", "7", "3"]], [["x", "pmr", 7, 3]]],
    "plans": [{"a1": "walk"}, {"a1": ["walk", "5", DAY, "x"]}, {"a1": [None, 5, DAY, "x"]}],
    "reviews": [{"a1": [True]}, {"a1": [True, "6", "4", DAY]}, {"a1": [1, 6, 4, DAY]}],
    "journal_days": [DAY, [5], {"a": 1}, [[DAY]]],
    "gratitude_days": [{"a": 1}, [DAY, None]],
    "records": ["many", -1],
    "malformed": ["0", 1.5],
}


@pytest.mark.parametrize(("key", "value"), [
    (key, value) for key, values in WRONG_SHAPES.items() for value in values],
    ids=[f"{key}-{n}" for key, values in WRONG_SHAPES.items() for n in range(len(values))])
def test_a_digest_in_the_wrong_shape_is_made_again_from_its_month(
        tmp_path: Path, key: str, value: object) -> None:
    from coach.insight.history import load_history
    from coach.insight.overview import overview
    from coach.routine.catalog import load_catalog

    directory = tmp_path / "data"
    store = history(directory, 20)
    routines = load_catalog([]).routines
    today = date(2026, 6, 25)
    expected = overview(load_history(store), routines, today, None)
    for path in (directory / "digests").glob("records-*.json"):
        document = orjson.loads(path.read_bytes())
        document[key] = value
        path.write_bytes(orjson.dumps(document))
    again = Store(directory)
    assert overview(load_history(again), routines, today, None) == expected
    since = date(2026, 6, 1)
    assert again.finished_days("morning", since) == store.finished_days("morning", since)
    for path in (directory / "digests").glob("records-*.json"):
        assert orjson.loads(path.read_bytes())[key] != value  # remade and saved


def test_a_draft_is_neither_done_nor_skipped(tmp_path: Path) -> None:
    """A step left part way counts for nothing until it is done."""
    at = datetime(2026, 11, 2, 7, tzinfo=timezone.utc)
    store = Store(tmp_path, zone=UTC, now=lambda: at)
    store.record_step("evening", "s", StepOutcome("journal", "journal", "draft", at, at,
                                                  {"prompt": "p", "text": "so far"}))
    store.record_step("evening", "s", StepOutcome("mood", "mood", "done", at, at,
                                                  {"rating": 6, "feelings": []}))
    [digest] = list(store.digests())
    assert digest.touched == {"evening": {"2026-11-02": 1}}
    assert digest.steps_done == {"evening": {"2026-11-02": 1}}


def test_self_check_totals_are_digested_in_time_order_without_the_answers(
        tmp_path: Path) -> None:
    """A done self-check of any routine (the standalone `_check` too) is kept as its day,
    form and total; one left part way is not; the answers never reach the digest."""
    at = datetime(2026, 11, 2, 7, tzinfo=timezone.utc)
    store = Store(tmp_path, zone=UTC, now=lambda: at)

    def check(routine: str, step_id: str, form: str, answers: list[int], status: str,
              hours: int) -> None:
        when = at + timedelta(hours=hours)
        store.record_step(routine, "s", StepOutcome(
            step_id, "check", status, when, when,
            {"form": form, "answers": answers, "difficulty": None, "total": sum(answers)}))

    check("_check", "gad7", "gad7", [3, 3, 2, 1, 0, 0, 1], "done", 5)
    check("morning", "how-am-i", "phq9", [1, 1, 1, 1, 1, 1, 1, 1, 2], "done", 1)
    check("_check", "phq9", "phq9", [2, 2, 2], "draft", 3)
    [digest] = list(store.digests())
    assert digest.checks == [CheckSeen("2026-11-02", "phq9", 10),
                             CheckSeen("2026-11-02", "gad7", 10)]
    saved = (tmp_path / "digests" / "records-2026-11.json").read_bytes()
    assert b"answers" not in saved
    assert orjson.loads(saved)["checks"] == [["2026-11-02", "phq9", 10],
                                             ["2026-11-02", "gad7", 10]]
