"""The store: records appended to one TinyDB file per month, under a lock, opened fresh.

Each record carries what history needs: its kind, routine and step ids, the
routine day (a plain local date with the day-start hour applied), the UTC
instant and the zone name. A file per month keeps each write small as the
years add up. Every write goes through a synced temporary file and an atomic
rename under an exclusive lock, and each operation opens the file afresh, so
several coach processes never lose or duplicate a record. A damaged file is
copied aside byte for byte, the records it still holds are recovered, and the
person is told in plain words.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, tzinfo
from pathlib import Path
from typing import Any

import orjson

from coach.files import atomic_write
from coach.gcpause import gc_paused
from coach.session.run import StepOutcome
from coach.store import days
from coach.store.days import (
    DEFAULT_DAY_START_HOUR,
    iso_utc,
    local_zone,
    parse_utc,
    routine_day,
)
from coach.store.jsonfile import DamagedFile, parse_document
from coach.store.lock import locked
from coach.store.records import record_problem
from coach.store.salvage import salvage_records

RECORD_VERSION = 1
TABLE = "records"
LOCK_NAME = ".lock"
MONTH_PREFIX = "records-"

Zone = tuple[tzinfo, str]


class StoreError(Exception):
    """A data file cannot be read or written; the message says which and why."""


def _time_order(record: dict[str, Any]) -> str:
    """The record's UTC time as comparable text ('...:05Z' and '...:05.250Z' alike)."""
    utc = record["utc"] if isinstance(record.get("utc"), str) else ""
    return utc[:-1] + ".000Z" if utc.endswith("Z") and "." not in utc else utc


def _outcome(record: dict[str, Any]) -> StepOutcome:
    """A well-formed step record as the outcome a run works with."""
    return StepOutcome(record["step"], record["type"], record["status"],
                       parse_utc(record["started"]), parse_utc(record["ended"]),
                       record.get("data", {}))


def _reason(err: BaseException) -> str:
    return (err.strerror if isinstance(err, OSError) and err.strerror else str(err)) or \
        type(err).__name__


def new_id() -> str:
    return uuid.uuid4().hex


class Store:
    def __init__(self, directory: Path, *, now: Callable[[], datetime] | None = None,
                 zone: Zone | Callable[[], Zone] | None = None,
                 day_start_hour: int = DEFAULT_DAY_START_HOUR) -> None:
        """`zone` is fixed, or asked for at each record (default: the system's, so travel counts)."""
        self.directory = directory
        # Looked up at each call, so a test can pin the clock of every store, CLI included.
        self.now = now or (lambda: days.utc_now())
        self._zone = zone if zone is not None else local_zone
        self.day_start_hour = day_start_hour
        #: Plain-language messages about repairs made by this store, for the person.
        self.notices: list[str] = []

    # -- days -------------------------------------------------------------------------------

    @property
    def zone(self) -> Zone:
        return self._zone() if callable(self._zone) else self._zone

    def today(self) -> date:
        return routine_day(self.now(), self.zone[0], self.day_start_hour)

    def day_of(self, instant: datetime) -> date:
        return routine_day(instant, self.zone[0], self.day_start_hour)

    # -- writing ----------------------------------------------------------------------------

    def add(self, record: dict[str, Any]) -> dict[str, Any]:
        """Store one record; when this returns it is on disk."""
        record = {"v": RECORD_VERSION, "uid": new_id(), **record}
        self._insert(self._month_file(date.fromisoformat(record["day"])), [record])
        return record

    def _insert(self, path: Path, records: list[dict[str, Any]], *,
                only_new: bool = False) -> int:
        """Insert under the exclusive lock; with `only_new`, skip uids already in the file
        (decided under the same lock, so two imports at once cannot both add a record)."""
        from tinydb import TinyDB  # only writing needs it; reading parses the JSON directly

        from coach.store.jsonfile import AtomicJSONStorage

        self._ensure_directory()
        try:
            with locked(self.directory / LOCK_NAME, exclusive=True):
                self._repair_if_damaged(path)
                with TinyDB(path, storage=AtomicJSONStorage) as db:
                    table = db.table(TABLE)
                    if only_new:
                        known = {r.get("uid") for r in table.all()}
                        fresh = []
                        for record in records:
                            if record["uid"] not in known:
                                known.add(record["uid"])
                                fresh.append(record)
                        records = fresh
                    if records:
                        table.insert_multiple(records)
            return len(records)
        except (OSError, ValueError, TypeError) as err:  # TypeError: data orjson cannot write
            raise StoreError(f"could not save to {path}: {_reason(err)}") from err

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
            "tz": self.zone[1],
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
            "tz": self.zone[1],
        }
        if steps_total is not None:
            record["steps_total"] = steps_total
        return self.add(record)

    def import_records(self, records: Iterable[dict[str, Any]]) -> tuple[int, int]:
        """Add records that are not here yet (by uid); (added, already here)."""
        by_month: dict[Path, list[dict[str, Any]]] = {}
        for record in records:
            by_month.setdefault(self._month_file(date.fromisoformat(record["day"])), []).append(record)
        added = present = 0
        for path, batch in sorted(by_month.items()):
            new = self._insert(path, batch, only_new=True)
            added += new
            present += len(batch) - new
        return added, present

    # -- reading ----------------------------------------------------------------------------

    def records(self, *, since: date | None = None, until: date | None = None,
                kind: str | None = None, routine: str | None = None,
                ordered: bool = True) -> list[dict[str, Any]]:
        """Records, filtered, in time order unless `ordered` is False; reads only the months
        that can match."""
        with gc_paused():
            months = [self.load_month(path) for path in self._month_files(since, until)]
        if since is None and until is None and kind is None and routine is None:
            result = [record for month in months for record in month]
        else:
            low = since.isoformat() if since else ""
            high = until.isoformat() if until else "~"
            result = [
                record for month in months for record in month
                if isinstance(day := record.get("day"), str) and low <= day <= high
                and (kind is None or record.get("kind") == kind)
                and (routine is None or record.get("routine") == routine)
            ]
        if ordered:
            result.sort(key=_time_order)
        return result

    def malformed_count(self) -> int:
        """Entries in the data files that are not well-formed records (doctor reports them)."""
        count = 0
        for path in self.month_files():
            try:
                table = parse_document(path, path.read_bytes()).get(TABLE, {})
            except (DamagedFile, OSError):
                continue
            count += sum(1 for record in table.values() if record_problem(record) is not None)
        return count

    def well_formed(self, **filters: Any) -> list[dict[str, Any]]:
        """Like records(), leaving out any record that is not well formed (a hand edit, say)."""
        return [r for r in self.records(**filters) if record_problem(r) is None]

    def day_outcomes(self, routine_id: str, day: date) -> dict[str, StepOutcome]:
        """The latest outcome of each step of a routine on a day, to resume or show progress."""
        return {record["step"]: _outcome(record) for record in
                self.well_formed(since=day, until=day, kind="step", routine=routine_id)}

    def open_session(self, routine_id: str, day: date) -> tuple[str | None, dict[str, StepOutcome]]:
        """The latest session of the day that was not finished, and its outcomes: what a
        resume goes on from. A resumed run keeps its session id, so finishing it closes it."""
        records = self.well_formed(since=day, until=day, routine=routine_id)
        finished = {r.get("session") for r in records
                    if r["kind"] == "session" and r.get("event") == "finished"}
        open_steps = [r for r in records if r["kind"] == "step" and r.get("session") not in finished]
        if not open_steps:
            return None, {}
        session = open_steps[-1].get("session")
        return session, {record["step"]: _outcome(record) for record in open_steps
                         if record.get("session") == session}

    def finished_days(self, routine_id: str, since: date) -> set[date]:
        return {date.fromisoformat(r["day"]) for r in self.well_formed(
            since=since, kind="session", routine=routine_id) if r.get("event") == "finished"}

    def step_records(self, step_type: str, *, since: date | None = None,
                     until: date | None = None) -> list[dict[str, Any]]:
        return [r for r in self.well_formed(since=since, until=until, kind="step")
                if r.get("type") == step_type and r.get("status") == "done"]

    # -- upkeep -----------------------------------------------------------------------------

    def check(self) -> list[str]:
        """Clean up after crashes and repair damaged files; the notices for the person."""
        if not self.directory.exists():
            return []
        self.clean_leftovers()
        for path in self._month_files(None, None):
            self.load_month(path)
        return list(self.notices)

    def clean_leftovers(self) -> list[Path]:
        """Remove temporary files left by a process killed mid-write (never a live one)."""
        removed = []
        leftovers = list(self.directory.glob(f".{MONTH_PREFIX}*.tmp"))
        if not leftovers:
            return removed
        try:
            with locked(self.directory / LOCK_NAME, exclusive=True):
                for path in self.directory.glob(f".{MONTH_PREFIX}*.tmp"):
                    path.unlink(missing_ok=True)
                    removed.append(path)
        except OSError as err:
            raise StoreError(f"cannot tidy the data folder {self.directory}: "
                             f"{_reason(err)}") from err
        return removed

    # -- files ------------------------------------------------------------------------------

    def _ensure_directory(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        except FileExistsError:
            raise self._not_a_folder() from None
        except OSError as err:
            raise StoreError(f"cannot create the data folder {self.directory}: "
                             f"{_reason(err)}") from err

    def _not_a_folder(self) -> StoreError:
        return StoreError(f"the data folder {self.directory} is a file, not a folder; "
                          "move it away or set COACH_DATA_DIR")

    def _month_file(self, day: date) -> Path:
        return self.directory / f"{MONTH_PREFIX}{day:%Y-%m}.json"

    def month_files(self) -> list[Path]:
        return list(self._month_files(None, None))

    def _month_files(self, since: date | None, until: date | None) -> Iterator[Path]:
        try:
            names = sorted(os.listdir(self.directory))
        except FileNotFoundError:
            return
        except NotADirectoryError:
            raise self._not_a_folder() from None
        except OSError as err:
            raise StoreError(f"cannot read the data folder {self.directory}: "
                             f"{_reason(err)}") from err
        low = f"{MONTH_PREFIX}{since:%Y-%m}.json" if since else ""
        high = f"{MONTH_PREFIX}{until:%Y-%m}.json" if until else "~"
        for name in names:
            if name.startswith(MONTH_PREFIX) and name.endswith(".json") and low <= name <= high:
                yield self.directory / name

    def load_month(self, path: Path) -> list[dict[str, Any]]:
        """The records of a month file, repairing it first if it is damaged."""
        try:
            with locked(self.directory / LOCK_NAME, exclusive=False):
                data = path.read_bytes()
        except FileNotFoundError:
            return []
        except OSError as err:
            raise StoreError(f"could not read {path}: {_reason(err)}") from err
        try:
            document = parse_document(path, data)
        except DamagedFile:
            try:
                with locked(self.directory / LOCK_NAME, exclusive=True):
                    document = self._repair_if_damaged(path) or {}
            except OSError as err:
                raise StoreError(f"{path.name} is damaged and could not be repaired: "
                                 f"{_reason(err)}") from err
        return [r for r in document.get(TABLE, {}).values() if isinstance(r, dict)]

    def _repair_if_damaged(self, path: Path) -> dict[str, dict[str, Any]] | None:
        """Under the exclusive lock: keep a damaged file's copy, rewrite it with what it holds."""
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return parse_document(path, data)
        except DamagedFile as damage:
            text = data.decode("utf-8", errors="replace")
            recovered = [r for r in salvage_records(text, TABLE) if isinstance(r, dict)]
            stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
            copy = path.with_name(f"{path.name}.damaged-{stamp}")
            n = 1
            while copy.exists():
                n += 1
                copy = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
            atomic_write(copy, data, mode=0o600)
            document = {TABLE: {str(i): r for i, r in enumerate(recovered, start=1)}}
            atomic_write(path, orjson.dumps(document), mode=0o600)
            self.notices.append(
                f"{path.name} was damaged ({damage.reason}). coach kept the damaged file as "
                f"{copy.name} in {path.parent} and recovered {len(recovered)} "
                f"record{'s' if len(recovered) != 1 else ''} from it; nothing else was changed.")
            return document
