"""Rest days marked and taken back (the latest mark wins), and sessions that carry their schedule."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.insight.history_text import history_lines
from coach.foundation.paths import data_dir
from coach.session.run import StepOutcome
from coach.store import Store
from coach.store.records import record_problem

UTC = (timezone.utc, "UTC")
DAY = date(2026, 11, 22)
REST = {"v": 1, "uid": "r1", "kind": "rest", "routine": "morning", "day": "2026-11-22",
        "rest": True, "utc": "2026-11-22T20:00:00.000Z", "tz": "UTC"}
SESSION = {"v": 1, "uid": "s1", "kind": "session", "routine": "morning", "session": "s1",
           "event": "started", "day": "2026-11-22", "utc": "2026-11-22T07:00:00.000Z",
           "tz": "UTC"}


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 22, 20, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def tick(self, minutes: int = 1) -> None:
        self.now += timedelta(minutes=minutes)


def make_store(directory: Path, clock: Clock | None = None) -> Store:
    return Store(directory, zone=UTC, now=clock or Clock())


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout


# -- marking and taking back -------------------------------------------------------------------

def test_a_rest_day_is_marked_as_a_well_formed_record_in_its_month(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    record = store.set_rest_day("morning", date(2026, 10, 31))
    # Its place among the day's marks: 2026-11-22T20:00Z in milliseconds, counter 0.
    assert record == REST | {"uid": record["uid"], "day": "2026-10-31",
                             "hlc": "1795377600000-0000"}
    assert record_problem(record) is None
    assert store.records() == [record]
    assert [p.name for p in store.month_files()] == ["records-2026-10.json"]
    assert store.rest_days("morning", date(2026, 10, 1), DAY) == {date(2026, 10, 31)}


def test_the_latest_mark_of_a_day_wins(tmp_path: Path) -> None:
    clock = Clock()
    store = make_store(tmp_path, clock)
    store.set_rest_day("morning", DAY)
    store.set_rest_day("morning", DAY - timedelta(days=1))
    clock.tick()
    assert store.set_rest_day("morning", DAY, rest=False)["rest"] is False
    assert store.rest_days("morning", DAY - timedelta(days=7), DAY) == {DAY - timedelta(days=1)}
    clock.tick()
    store.set_rest_day("morning", DAY)
    assert store.rest_days("morning", DAY - timedelta(days=7), DAY) == {
        DAY - timedelta(days=1), DAY}


def test_on_a_pinned_clock_the_mark_made_last_wins(tmp_path: Path) -> None:
    """Two marks in the same instant: the one stored later is the person's last word."""
    store = make_store(tmp_path)
    for rest in (True, False, True, False):
        store.set_rest_day("morning", DAY, rest=rest)
    assert store.rest_days("morning", DAY, DAY) == set()
    store.set_rest_day("morning", DAY)
    assert store.rest_days("morning", DAY, DAY) == {DAY}


def test_a_later_mark_wins_even_if_stored_before_an_earlier_one(tmp_path: Path) -> None:
    """Two coaches that did not see each other's marks (two devices, offline): time
    decides, not the order in the file."""
    clock = Clock()
    later, earlier = make_store(tmp_path / "a", clock), make_store(tmp_path / "b", clock)
    clock.tick(10)
    taken_back = later.set_rest_day("morning", DAY, rest=False)
    clock.tick(-5)
    rested = earlier.set_rest_day("morning", DAY)
    merged = make_store(tmp_path / "merged", clock)
    merged.import_records([taken_back, rested])
    assert merged.rest_days("morning", DAY, DAY) == set()


def test_a_mark_made_after_another_was_seen_wins_though_the_clock_went_back(
        tmp_path: Path) -> None:
    """A clock set back (or a device's clock behind another's) cannot make a later mark
    lose to one the coach writing it had seen."""
    clock = Clock()
    store = make_store(tmp_path, clock)
    clock.tick(10)
    store.set_rest_day("morning", DAY, rest=False)
    clock.tick(-5)
    store.set_rest_day("morning", DAY)
    assert make_store(tmp_path, clock).rest_days("morning", DAY, DAY) == {DAY}


def test_rest_days_are_per_routine_and_within_the_range(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    store.set_rest_day("morning", DAY)
    store.set_rest_day("evening", DAY - timedelta(days=2))
    store.set_rest_day("morning", date(2026, 12, 1))
    store.set_rest_day("morning", date(2026, 10, 31))
    assert store.rest_days("morning", date(2026, 11, 1), date(2026, 11, 30)) == {DAY}
    assert store.rest_days("evening", date(2026, 11, 1), date(2026, 11, 30)) == {
        DAY - timedelta(days=2)}
    assert store.rest_days("nobody", date(2026, 1, 1), date(2026, 12, 31)) == set()


def test_rest_days_read_only_the_months_of_the_range(tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store(tmp_path)
    for day in (date(2026, 9, 30), date(2026, 10, 31), DAY, date(2026, 12, 1)):
        store.set_rest_day("morning", day)
    read: list[str] = []
    well_formed = store.months.well_formed
    monkeypatch.setattr(store.months, "well_formed",
                        lambda path, **kw: read.append(path.name) or well_formed(path, **kw))
    assert store.rest_days("morning", date(2026, 10, 31), DAY) == {date(2026, 10, 31), DAY}
    assert read == ["records-2026-10.json", "records-2026-11.json"]


@pytest.mark.parametrize("routine", ["", 7, None, "x" * 201])
def test_a_rest_day_for_no_routine_is_refused_and_nothing_is_stored(
        tmp_path: Path, routine: Any) -> None:
    store = make_store(tmp_path)
    with pytest.raises(ValueError):
        store.set_rest_day(routine, DAY)
    with pytest.raises(ValueError):
        store.set_rest_day("morning", DAY, rest="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        store.set_rest_day("morning", date(1850, 1, 1))
    assert store.records() == [] and store.month_files() == []


# -- the shape of rest and schedule fields -------------------------------------------------------

MALFORMED = [
    REST | {"uid": "rest-string", "rest": "true"},
    REST | {"uid": "rest-int", "rest": 1},
    REST | {"uid": "rest-null", "rest": None},
    {k: v for k, v in REST.items() if k != "rest"} | {"uid": "no-rest"},
    {k: v for k, v in REST.items() if k != "routine"} | {"uid": "no-routine"},
    REST | {"uid": "routine-empty", "routine": ""},
    REST | {"uid": "routine-list", "routine": ["morning"]},
    REST | {"uid": "day-bad", "day": "2026-02-30"},
    SESSION | {"uid": "weekdays-7", "weekdays": [0, 7]},
    SESSION | {"uid": "weekdays-negative", "weekdays": [-1]},
    SESSION | {"uid": "weekdays-twice", "weekdays": [1, 1]},
    SESSION | {"uid": "weekdays-bool", "weekdays": [True]},
    SESSION | {"uid": "weekdays-float", "weekdays": [1.0]},
    SESSION | {"uid": "weekdays-text", "weekdays": "mon"},
    SESSION | {"uid": "weekdays-int", "weekdays": 3},
    SESSION | {"uid": "weekdays-map", "weekdays": {"0": 1}},
    SESSION | {"uid": "weekdays-nested", "weekdays": [[0], [1]]},
]


@pytest.mark.parametrize("record", MALFORMED, ids=lambda r: r["uid"])
def test_malformed_rest_and_schedule_fields_are_refused(record: dict[str, Any]) -> None:
    assert record_problem(record) is not None


def test_good_rest_and_schedule_fields_pass() -> None:
    assert record_problem(REST) is None
    assert record_problem(REST | {"rest": False}) is None
    assert record_problem(REST | {"note": "a newer coach's field"}) is None
    for weekdays in (None, [], [0], [6, 0, 3], list(range(7))):
        assert record_problem(SESSION | {"weekdays": weekdays}) is None
    assert record_problem(SESSION) is None  # older sessions have no schedule


# -- sessions carry the schedule ----------------------------------------------------------------

def test_a_session_records_its_schedule_only_when_given(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    plain = store.record_session("morning", "s1", "started")
    scheduled = store.record_session("morning", "s1", "finished", weekdays=(4, 0, 2, 0))
    any_time = store.record_session("evening", "s2", "started", weekdays=None)
    assert "weekdays" not in plain
    assert scheduled["weekdays"] == [0, 2, 4]
    assert any_time["weekdays"] is None
    assert [r.get("weekdays", "absent") for r in store.well_formed()] == \
        ["absent", [0, 2, 4], None]


@pytest.mark.parametrize("weekdays", [[7], [-1], [True], [1.0], ["mon"]])
def test_a_schedule_of_days_that_are_not_weekdays_is_refused(tmp_path: Path,
                                                             weekdays: list[Any]) -> None:
    store = make_store(tmp_path)
    with pytest.raises(ValueError):
        store.record_session("morning", "s1", "started", weekdays=weekdays)
    assert store.records() == []


# -- every reader copes ------------------------------------------------------------------------

def practice_and_rest(store: Store) -> None:
    practice_and_rest_without_rest_days(store)
    store.set_rest_day("morning", DAY)
    store.set_rest_day("evening", DAY)
    store.set_rest_day("evening", DAY, rest=False)


def practice_and_rest_without_rest_days(store: Store) -> None:
    start = datetime(2026, 11, 21, 7, tzinfo=timezone.utc)
    store.record_session("morning", "s1", "started", day=start.date(), weekdays=[0, 5])
    store.record_step("morning", "s1", StepOutcome(
        "mood", "mood", "done", start, start + timedelta(minutes=1), {"rating": 6}),
        day=start.date())
    store.record_session("morning", "s1", "finished", day=start.date(), weekdays=[0, 5])


def test_history_shows_a_rest_day_as_the_day_s_with_no_time_and_a_mark_taken_back_not() -> None:
    practice_and_rest(Store(data_dir()))
    code, out = run("history")
    assert code == 0
    # The shipped routines' titles; the evening's mark was taken back.
    assert out.endswith("\n\nSunday 22 November 2026\n  Morning routine: a rest day\n")
    assert "Mood check-in: 6/10" in out and "?" not in out
    code, out = run("history", "--routine", "evening")
    assert out.splitlines() == ["Nothing recorded of evening in the last 7 days."]


def test_history_lists_a_past_day_marked_later_under_its_own_day(pinned_clock: Any) -> None:
    pinned_clock.set(datetime(2026, 11, 24, 19, 40, tzinfo=timezone.utc))
    store = Store(data_dir())
    store.record_session("morning", "s1", "started", day=date(2026, 11, 24))
    pinned_clock.set(datetime(2026, 11, 24, 19, 45, tzinfo=timezone.utc))
    store.set_rest_day("evening", DAY)  # Sunday, marked on Tuesday evening
    code, out = run("history")
    assert out.splitlines() == ["Sunday 22 November 2026",
                                "  Evening wind-down: a rest day",
                                "",
                                "Tuesday 24 November 2026",
                                "  19:40  Morning routine: started"]


def test_history_shows_a_hostile_routine_id_on_one_line_with_nothing_raw() -> None:
    record = REST | {"routine": "\x1b]0;PWNED\x07[/]\nnext"}
    assert record_problem(record) is None
    [heading, line] = history_lines([record], {})
    assert heading == "Sunday 22 November 2026"
    assert "\x1b" not in line and "\x07" not in line and "\n" not in line
    assert line.endswith(": a rest day")


def test_export_keeps_rest_days_and_import_brings_them_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(data_dir())
    practice_and_rest(store)
    original = store.records()
    target = tmp_path / "backup.json"
    result = CliRunner().invoke(cli, ["export", "--format", "json", "-o", str(target)])
    assert result.exit_code == 0 and "left out" not in result.stderr

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "elsewhere"))
    code, out = run("import", str(target))
    assert code == 0 and out.strip() == f"Imported {len(original)} records; 0 were already here."
    moved = Store(data_dir())
    assert sorted(moved.records(), key=lambda r: r["uid"]) == \
        sorted(original, key=lambda r: r["uid"])
    assert moved.rest_days("morning", DAY, DAY) == {DAY}
    assert moved.rest_days("evening", DAY, DAY) == set()
    assert moved.malformed_count() == 0


def test_import_refuses_a_malformed_rest_record(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    export.write_text('{"format":"coach-export","version":1,"exported":"x","records":[\n'
                      + ",\n".join(json.dumps(r) for r in
                                   (REST, REST | {"uid": "r2", "rest": "no"},
                                    SESSION | {"weekdays": [9]}))
                      + "\n]}\n")
    code, out = run("import", str(export))
    assert "Imported 1 record" in out
    assert Store(data_dir()).records() == [REST]


def test_csv_gives_a_rest_day_a_row_and_the_summary_leaves_it_out() -> None:
    store = Store(data_dir())
    practice_and_rest(store)
    code, out = run("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(store.records())
    assert sorted((row["routine"], row["day"], row["event"], row["data"]) for row in rows
                  if row["kind"] == "rest") == [("evening", "2026-11-22", "marked", ""),
                                                ("evening", "2026-11-22", "taken back", ""),
                                                ("morning", "2026-11-22", "marked", "")]
    # The summary is about practice: a rest day is no line of its own, only counted beside
    # its routine (habit strength leaves it alone), and one taken back is not counted.
    with_rest = run("export", "--format", "markdown")[1]
    assert "- Morning routine: done on 1 of 1 scheduled day, 1 rest day;" in with_rest
    assert "- Evening wind\\-down" not in with_rest
    for month in store.month_files():
        for path in store.months.files(month):  # every file of it
            path.unlink()
    practice_and_rest_without_rest_days(store)
    without = run("export", "--format", "markdown")[1]
    # Without it, Sunday is today, still open: not counted until it is done.
    assert without == with_rest.replace(", 1 rest day", "")


def test_practice_readers_are_the_same_with_rest_days(tmp_path: Path) -> None:
    store = make_store(tmp_path)
    practice_and_rest(store)

    def seen() -> tuple[Any, ...]:
        return (store.finished_days("morning", DAY.replace(day=1)),
                store.finished_before("morning", DAY), store.open_session("morning", DAY),
                store.day_outcomes("morning", DAY), store.step_records("mood"),
                store.entries(), store.malformed_count())

    before = seen()
    for day in (DAY, DAY - timedelta(days=1)):
        for routine in ("morning", "evening"):
            store.set_rest_day(routine, day)
    assert seen() == before
    assert store.malformed_count() == 0
    assert len(store.records(kind="rest")) == 7
