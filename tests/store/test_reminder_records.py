"""Reminders sent are recorded in the store, claimed under its lock, so none is sent twice."""

from __future__ import annotations

import csv
import io
import multiprocessing
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.insight.load import load_figures
from coach.foundation.paths import data_dir
from coach.session.run import StepOutcome
from coach.store import Store
from coach.store.records import record_problem

DAY = date(2026, 11, 22)
REMINDER = {"v": 1, "uid": "r1", "kind": "reminder", "routine": "evening", "day": "2026-11-22",
            "which": "first", "utc": "2026-11-22T20:00:00.000Z", "tz": "UTC"}
CLAIMERS, TRIES = 8, 20


def practice(store: Store) -> None:
    """A morning finished on the 21st and a mood rated on the 22nd, left unfinished."""
    for day, finish in ((21, True), (22, False)):
        start = datetime(2026, 11, day, 7, tzinfo=timezone.utc)
        store.record_session("morning", f"s{day}", "started", day=start.date())
        store.record_step("morning", f"s{day}", StepOutcome(
            "mood", "mood", "done", start, start + timedelta(minutes=1),
            {"rating": day - 15, "feelings": ["calm"]}), day=start.date())
        if finish:
            store.record_session("morning", f"s{day}", "finished", day=start.date())


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


# -- claiming ---------------------------------------------------------------------------------

def test_a_reminder_is_claimed_once_and_recorded_with_nothing_else() -> None:
    store = Store(data_dir())
    assert store.claim_reminder("evening", DAY, ("first",)) is True
    assert store.claim_reminder("evening", DAY, ("first",)) is False
    [record] = store.records()
    assert record == REMINDER | {"uid": record["uid"]}
    assert record_problem(record) is None
    assert store.reminders_sent(DAY, DAY) == {("evening", DAY, "first")}


def test_a_catch_up_claims_first_and_again_so_no_follow_up_comes_later() -> None:
    store = Store(data_dir())
    assert store.claim_reminder("evening", DAY, ("first", "again")) is True
    assert store.claim_reminder("evening", DAY, ("again",)) is False
    assert store.claim_reminder("evening", DAY, ("first",)) is False
    records = store.records()
    assert sorted(r["which"] for r in records) == ["again", "first"]
    assert len({r["utc"] for r in records}) == 1
    assert store.claim_reminder("morning", DAY, ("first",)) is True
    assert store.claim_reminder("morning", DAY, ("first", "again")) is False


def test_a_follow_up_is_its_own_claim_after_the_first() -> None:
    store = Store(data_dir())
    assert store.claim_reminder("evening", DAY, ("first",)) is True
    assert store.claim_reminder("evening", DAY, ("again",)) is True
    assert store.claim_reminder("evening", DAY, ("first", "again")) is False
    assert store.reminders_sent(DAY, DAY) == {("evening", DAY, "first"),
                                              ("evening", DAY, "again")}


def test_other_days_and_routines_are_claimed_on_their_own() -> None:
    store = Store(data_dir())
    assert store.claim_reminder("evening", DAY, ("first",)) is True
    assert store.claim_reminder("morning", DAY, ("first",)) is True
    assert store.claim_reminder("evening", DAY - timedelta(days=1), ("first",)) is True
    assert store.claim_reminder("evening", date(2026, 12, 1), ("first",)) is True
    assert store.reminders_sent(date(2026, 11, 1), date(2026, 12, 31)) == {
        ("evening", DAY, "first"), ("morning", DAY, "first"),
        ("evening", date(2026, 11, 21), "first"), ("evening", date(2026, 12, 1), "first")}


def test_a_claim_of_no_reminder_or_an_unknown_one_is_refused() -> None:
    store = Store(data_dir())
    for which in ((), ("later",), ("first", "later")):
        with pytest.raises(ValueError):
            store.claim_reminder("evening", DAY, which)
    assert store.records() == []


def test_each_time_of_a_day_is_claimed_on_its_own_and_recorded_with_its_time() -> None:
    store = Store(data_dir())
    assert store.claim_reminder("_mood", DAY, ("first",), at="12:30") is True
    assert store.claim_reminder("_mood", DAY, ("first",), at="20:00") is True
    assert store.claim_reminder("_mood", DAY, ("first",), at="12:30") is False
    assert store.claim_reminder("_mood", DAY, ("first",)) is True  # not one of the times
    assert store.reminders_sent(DAY, DAY) == {("_mood@12:30", DAY, "first"),
                                              ("_mood@20:00", DAY, "first"),
                                              ("_mood", DAY, "first")}
    timed = [record for record in store.records() if "at" in record]
    assert [record["at"] for record in timed] == ["12:30", "20:00"]
    assert all(record_problem(record) is None for record in store.records())


@pytest.mark.parametrize("at", ["25:00", "9:00", "", "12:30:00"])
def test_a_claim_at_a_time_that_is_none_is_refused(at: str) -> None:
    store = Store(data_dir())
    with pytest.raises(ValueError):
        store.claim_reminder("_mood", DAY, ("first",), at=at)
    assert store.records() == []


def test_a_malformed_reminder_in_the_file_does_not_count_as_sent() -> None:
    store = Store(data_dir())
    store.add({k: v for k, v in REMINDER.items() if k not in ("v", "uid", "utc")})
    assert store.reminders_sent(DAY, DAY) == set()
    assert store.claim_reminder("evening", DAY, ("first",)) is True


def test_reminders_sent_reads_only_the_months_asked_for(monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(data_dir())
    for day in (date(2026, 9, 30), date(2026, 10, 31), DAY, date(2026, 12, 1)):
        store.claim_reminder("evening", day, ("first",))
    read: list[str] = []
    well_formed = store.months.well_formed
    monkeypatch.setattr(store.months, "well_formed",
                        lambda path, **kw: read.append(path.name) or well_formed(path, **kw))
    assert store.reminders_sent(date(2026, 10, 31), DAY) == {
        ("evening", date(2026, 10, 31), "first"), ("evening", DAY, "first")}
    assert read == ["records-2026-10.json", "records-2026-11.json"]


# -- two processes at once --------------------------------------------------------------------

def claim_many(directory: str, start: Any, results: Any) -> None:
    """In a process of its own: wait for the others, then try to claim the same reminder."""
    store = Store(Path(directory), zone=(ZoneInfo("UTC"), "UTC"),
                  now=lambda: datetime(2026, 11, 22, 20, tzinfo=timezone.utc))
    start.wait(timeout=60)
    results.put(sum(store.claim_reminder("evening", DAY, ("first",)) for _ in range(TRIES)))


def test_processes_claiming_at_once_send_the_reminder_once() -> None:
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(CLAIMERS), context.Queue()
    processes = [context.Process(target=claim_many, args=(str(data_dir()), start, results))
                 for _ in range(CLAIMERS)]
    for process in processes:
        process.start()
    claimed = [results.get(timeout=120) for _ in processes]
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    assert sum(claimed) == 1
    assert len(Store(data_dir()).records()) == 1


# -- the record's shape -----------------------------------------------------------------------

MALFORMED = [
    REMINDER | {"uid": "which-later", "which": "later"},
    REMINDER | {"uid": "which-list", "which": ["first"]},
    {k: v for k, v in REMINDER.items() if k != "which"} | {"uid": "no-which"},
    {k: v for k, v in REMINDER.items() if k != "routine"} | {"uid": "no-routine"},
    REMINDER | {"uid": "routine-empty", "routine": ""},
    REMINDER | {"uid": "routine-int", "routine": 7},
    REMINDER | {"uid": "day-bad", "day": "2026-11-31"},
    REMINDER | {"uid": "utc-naive", "utc": "2026-11-22T20:00:00"},
    REMINDER | {"uid": "tz-int", "tz": 5},
    REMINDER | {"uid": "at-late", "at": "24:00"},
    REMINDER | {"uid": "at-null", "at": None},
    REMINDER | {"uid": "at-int", "at": 750},
]


@pytest.mark.parametrize("record", MALFORMED, ids=lambda r: r["uid"])
def test_malformed_reminder_records_are_refused(record: dict[str, Any]) -> None:
    assert record_problem(record) is not None


def test_reminder_records_pass_and_a_newer_coachs_extra_field_is_kept() -> None:
    """As for steps and sessions: a newer coach may record more."""
    assert record_problem(REMINDER) is None
    assert record_problem(REMINDER | {"which": "again"}) is None
    assert record_problem(REMINDER | {"backend": "tmux"}) is None
    assert record_problem(REMINDER | {"routine": "_mood", "at": "20:00"}) is None


# -- reminder records among the rest ----------------------------------------------------------

def test_history_leaves_reminders_out_and_does_not_call_them_malformed() -> None:
    store = Store(data_dir())
    store.claim_reminder("evening", DAY, ("first",))
    code, out, _ = run("history")
    assert code == 0 and out == "Nothing recorded in the last 7 days.\n"
    practice(store)
    store.claim_reminder("morning", DAY, ("first", "again"))
    code, out, _ = run("history")
    assert code == 0 and "Mood check-in: 7/10" in out
    assert "reminder" not in out.lower() and "evening" not in out and "?" not in out
    assert store.malformed_count() == 0  # what `coach doctor` reports as unreadable


def test_export_keeps_reminders_and_import_brings_them_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(data_dir())
    practice(store)
    store.claim_reminder("evening", DAY, ("first", "again"))
    original = store.records()
    target = tmp_path / "backup.json"
    code, _, err = run("export", "--format", "json", "-o", str(target))
    assert code == 0 and "left out" not in err

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "elsewhere"))
    code, out, _ = run("import", str(target))
    assert code == 0 and out.strip() == f"Imported {len(original)} records; 0 were already here."
    moved = Store(data_dir())
    assert sorted(moved.records(), key=lambda r: r["uid"]) == \
        sorted(original, key=lambda r: r["uid"])
    assert moved.claim_reminder("evening", DAY, ("again",)) is False


def test_csv_gives_a_reminder_a_row_and_the_summary_leaves_it_out() -> None:
    store = Store(data_dir())
    practice(store)
    store.claim_reminder("evening", DAY, ("again",))
    store.claim_reminder("evening", date(2026, 11, 2), ("first",))  # a week of no practice
    code, out, _ = run("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(store.records())
    assert sorted((row["routine"], row["day"], row["event"], row["data"]) for row in rows
                  if row["kind"] == "reminder") == [("evening", "2026-11-02", "first", ""),
                                                    ("evening", "2026-11-22", "again", "")]
    with_reminders = run("export", "--format", "markdown")[1]
    for path in store.months.files(store.months.month_path(DAY)):  # every file of it
        path.unlink()
    practice(store)
    assert run("export", "--format", "markdown")[1] == with_reminders


def test_digests_figures_and_sessions_are_the_same_with_reminders(tmp_path: Path) -> None:
    def seen(directory: Path, reminders: bool) -> tuple[Any, ...]:
        store = Store(directory)
        practice(store)
        if reminders:
            for day in (DAY - timedelta(days=1), DAY):
                store.claim_reminder("morning", day, ("first", "again"))
        digests = [{k: v for k, v in digest.to_json().items() if k not in ("stamp", "records")}
                   for digest in store.digests()]
        return (digests, load_figures(store), store.finished_days("morning", DAY.replace(day=1)),
                store.finished_before("morning", DAY), store.open_session("morning", DAY),
                store.day_outcomes("morning", DAY),
                [{k: v for k, v in r.items() if k != "uid"} for r in store.step_records("mood")],
                store.malformed_count())

    assert seen(tmp_path / "with", True) == seen(tmp_path / "without", False)
    assert [digest.records for digest in Store(tmp_path / "with").digests()] == [9]
