"""The store: records appended to one TinyDB file per month, under a lock, opened fresh.

Each record carries what history needs: its kind, routine and step ids, the
routine day (a plain local date with the day-start hour applied), the UTC
instant and the zone name. A file per month keeps each write small as the
years add up.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

from coach.session.run import StepOutcome
from coach.store.days import (
    DEFAULT_DAY_START_HOUR,
    iso_utc,
    local_zone,
    parse_utc,
    routine_day,
    utc_now,
)
from coach.store.lock import locked

RECORD_VERSION = 1
TABLE = "records"
LOCK_NAME = ".lock"


class StoreError(Exception):
    """A data file cannot be read or written; the message says which and why."""


def new_id() -> str:
    return uuid.uuid4().hex


class Store:
    def __init__(self, directory: Path, *, now: Callable[[], datetime] = utc_now,
                 zone: tuple[tzinfo, str] | None = None,
                 day_start_hour: int = DEFAULT_DAY_START_HOUR) -> None:
        self.directory = directory
        self.now = now
        self.zone, self.zone_name = zone if zone is not None else local_zone()
        self.day_start_hour = day_start_hour

    # -- days -------------------------------------------------------------------------------

    def today(self) -> date:
        return routine_day(self.now(), self.zone, self.day_start_hour)

    def day_of(self, instant: datetime) -> date:
        return routine_day(instant, self.zone, self.day_start_hour)

    # -- writing ----------------------------------------------------------------------------

    def add(self, record: dict[str, Any]) -> dict[str, Any]:
        """Store one record; when this returns it is on disk."""
        record = {"v": RECORD_VERSION, "uid": new_id(), **record}
        from tinydb import TinyDB  # only writing needs it; reading parses the JSON directly

        from coach.store.jsonfile import AtomicJSONStorage

        path = self._month_file(date.fromisoformat(record["day"]))
        self._ensure_directory()
        try:
            with locked(self.directory / LOCK_NAME, exclusive=True):
                with TinyDB(path, storage=AtomicJSONStorage) as db:
                    db.table(TABLE).insert(record)
        except (OSError, ValueError) as err:
            raise StoreError(f"could not save to {path}: {err}") from err
        return record

    def record_step(self, routine_id: str, session_id: str, outcome: StepOutcome, *,
                    day: date | None = None) -> dict[str, Any]:
        """A step done or skipped; `day` is the session's routine day (default: the step's)."""
        return self.add({
            "kind": "step",
            "routine": routine_id,
            "session": session_id,
            "step": outcome.step_id,
            "type": outcome.step_type,
            "status": outcome.status,
            "day": (day or self.day_of(outcome.started)).isoformat(),
            "utc": iso_utc(outcome.ended),
            "tz": self.zone_name,
            "started": iso_utc(outcome.started),
            "ended": iso_utc(outcome.ended),
            "data": outcome.data,
        })

    def record_session(self, routine_id: str, session_id: str, event: str, *,
                       day: date | None = None, steps_total: int | None = None) -> dict[str, Any]:
        """A session event: started, resumed, finished or left (quit before the end)."""
        instant = self.now()
        record: dict[str, Any] = {
            "kind": "session",
            "routine": routine_id,
            "session": session_id,
            "event": event,
            "day": (day or self.day_of(instant)).isoformat(),
            "utc": iso_utc(instant),
            "tz": self.zone_name,
        }
        if steps_total is not None:
            record["steps_total"] = steps_total
        return self.add(record)

    # -- reading ----------------------------------------------------------------------------

    def records(self, *, since: date | None = None, until: date | None = None,
                kind: str | None = None, routine: str | None = None) -> list[dict[str, Any]]:
        """Records in time order, filtered; reads only the months that can match."""
        result = []
        for path in self._month_files(since, until):
            for record in self._read_month(path):
                day = record.get("day", "")
                if since and day < since.isoformat():
                    continue
                if until and day > until.isoformat():
                    continue
                if kind and record.get("kind") != kind:
                    continue
                if routine and record.get("routine") != routine:
                    continue
                result.append(record)
        result.sort(key=lambda r: r.get("utc", ""))
        return result

    def day_outcomes(self, routine_id: str, day: date) -> dict[str, StepOutcome]:
        """The latest outcome of each step of a routine on a day, to resume or show progress."""
        outcomes: dict[str, StepOutcome] = {}
        for record in self.records(since=day, until=day, kind="step", routine=routine_id):
            outcomes[record["step"]] = StepOutcome(
                record["step"], record["type"], record["status"], parse_utc(record["started"]),
                parse_utc(record["ended"]), record.get("data", {}))
        return outcomes

    def finished_days(self, routine_id: str, since: date) -> set[date]:
        return {date.fromisoformat(r["day"]) for r in self.records(
            since=since, kind="session", routine=routine_id) if r.get("event") == "finished"}

    def step_records(self, step_type: str, *, since: date | None = None,
                     until: date | None = None) -> list[dict[str, Any]]:
        return [r for r in self.records(since=since, until=until, kind="step")
                if r.get("type") == step_type and r.get("status") == "done"]

    # -- files ------------------------------------------------------------------------------

    def _ensure_directory(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)

    def _month_file(self, day: date) -> Path:
        return self.directory / f"records-{day:%Y-%m}.json"

    def _month_files(self, since: date | None, until: date | None) -> Iterator[Path]:
        try:
            names = sorted(os.listdir(self.directory))
        except FileNotFoundError:
            return
        low = f"records-{since:%Y-%m}.json" if since else ""
        high = f"records-{until:%Y-%m}.json" if until else "~"
        for name in names:
            if name.startswith("records-") and name.endswith(".json") and low <= name <= high:
                yield self.directory / name

    def _read_month(self, path: Path) -> list[dict[str, Any]]:
        try:
            with locked(self.directory / LOCK_NAME, exclusive=False):
                data = path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as err:
            raise StoreError(f"could not read {path}: {err}") from err
        if not data.strip():
            return []
        try:
            return list(json.loads(data).get(TABLE, {}).values())
        except (ValueError, AttributeError) as err:
            raise StoreError(f"{path} is damaged and could not be read: {err}") from err
