"""The store as the app uses it: step outcomes and session events, by routine day."""

from __future__ import annotations

import json
import stat
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.session.run import StepOutcome
from coach.store import Store

BERLIN = (ZoneInfo("Europe/Berlin"), "Europe/Berlin")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def make_store(directory: Path, now: str) -> Store:
    return Store(directory, now=lambda: at(now), zone=BERLIN)


def outcome(step: str, started: str, minutes: float = 1, status: str = "done",
            data: dict | None = None, step_type: str = "mood") -> StepOutcome:
    begin = at(started)
    return StepOutcome(step, step_type, status, begin, begin + timedelta(minutes=minutes),
                       data or {})


def test_a_step_outcome_round_trips_with_its_day(tmp_path: Path) -> None:
    store = make_store(tmp_path / "data", "2026-03-10T08:00:00+01:00")
    record = store.record_step("morning", "s1", outcome("mood", "2026-03-10T07:55:00+01:00",
                                                        data={"rating": 6, "note": "[/] ok"}))
    assert record["day"] == "2026-03-10" and record["tz"] == "Europe/Berlin"
    assert record["utc"] == "2026-03-10T06:56:00.000Z"
    got = store.day_outcomes("morning", date(2026, 3, 10))
    assert got["mood"].data == {"rating": 6, "note": "[/] ok"}
    assert got["mood"].status == "done"


def test_after_midnight_counts_for_the_evening_before(tmp_path: Path) -> None:
    store = make_store(tmp_path / "data", "2026-03-11T00:40:00+01:00")
    assert store.today() == date(2026, 3, 10)
    store.record_step("evening", "s1", outcome("journal", "2026-03-11T00:30:00+01:00"))
    assert "journal" in store.day_outcomes("evening", date(2026, 3, 10))


def test_latest_outcome_of_a_step_wins(tmp_path: Path) -> None:
    store = make_store(tmp_path / "data", "2026-03-10T08:00:00+01:00")
    store.record_step("morning", "s1", outcome("mood", "2026-03-10T07:00:00+01:00",
                                               status="skipped"))
    store.record_step("morning", "s1", outcome("mood", "2026-03-10T07:10:00+01:00",
                                               data={"rating": 4}))
    assert store.day_outcomes("morning", date(2026, 3, 10))["mood"].data == {"rating": 4}


def test_files_are_private_and_partitioned_by_month(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    store = make_store(directory, "2026-03-10T08:00:00+01:00")
    store.record_step("morning", "s1", outcome("mood", "2026-02-28T09:00:00+01:00"))
    store.record_step("morning", "s1", outcome("mood", "2026-03-01T09:00:00+01:00"))
    assert sorted(p.name for p in directory.glob("records-*.json")) == [
        "records-2026-02.json", "records-2026-03.json"]
    assert stat.S_IMODE(directory.stat().st_mode) == 0o700
    for path in directory.glob("records-*.json"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert json.loads(path.read_text())["records"]
    assert len(store.records(since=date(2026, 3, 1))) == 1


def test_session_events_and_finished_days(tmp_path: Path) -> None:
    store = make_store(tmp_path / "data", "2026-03-10T08:00:00+01:00")
    store.record_session("morning", "s1", "started", steps_total=4)
    store.record_session("morning", "s1", "finished", steps_total=4)
    assert store.finished_days("morning", date(2026, 3, 1)) == {date(2026, 3, 10)}
    assert [r["event"] for r in store.records(kind="session")] == ["started", "finished"]


def test_a_session_keeps_its_day_across_the_day_start(tmp_path: Path) -> None:
    """Started 03:50, a step ending 04:10 still belongs to the routine's day."""
    store = make_store(tmp_path / "data", "2026-03-11T04:10:00+01:00")
    record = store.record_step("evening", "s1", outcome("journal", "2026-03-11T04:05:00+01:00"),
                               day=date(2026, 3, 10))
    assert record["day"] == "2026-03-10"


def test_each_record_takes_the_zone_of_the_moment(tmp_path: Path) -> None:
    """Travel: the zone is asked for at each record, so days follow the person."""
    zones = iter([BERLIN, (ZoneInfo("America/New_York"), "America/New_York")])
    current = [next(zones)]
    store = Store(tmp_path / "data", now=lambda: at("2026-06-11T02:30:00+00:00"),
                  zone=lambda: current[0])
    first = store.record_session("evening", "s1", "finished")  # 04:30 in Berlin: the 11th
    current[0] = next(zones)
    second = store.record_session("evening", "s2", "finished")  # 22:30 in New York: the 10th
    assert (first["day"], first["tz"]) == ("2026-06-11", "Europe/Berlin")
    assert (second["day"], second["tz"]) == ("2026-06-10", "America/New_York")
