"""The store: records appended to one TinyDB file per month, under a lock, opened fresh.

Each record carries what history needs: its kind, routine and step ids, the
routine day (a plain local date with the day-start hour applied), the UTC
instant and the zone name. A file per month keeps each write small as the
years add up. Every write goes through a synced temporary file and an atomic
rename under an exclusive lock, and each operation opens the file afresh, so
several coach processes never lose or duplicate a record. Beside what the
person did (steps and sessions), the store keeps each reminder sent, claimed
under the same lock, so two reminder processes never send the same one, and
the days the person marked as rest days. The person's own entries can be
corrected or deleted (see store.edits), under the same lock. A damaged file is
copied aside byte for byte, the records it still holds are recovered, and the
person is told in plain words.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar


from coach.foundation.files import make_private_dirs
from coach.foundation.formats import RECORD_VERSION
from coach.foundation.frequency import Frequency
from coach.foundation.gcpause import gc_paused
from coach.store import days
from coach.store.days import (
    DEFAULT_DAY_START_HOUR,
    iso_utc,
    parse_utc,
    routine_day,
)
from coach.store import edits, typing
from coach.store.digest import Digest
from coach.store.jsonfile import NotEnoughMemory
from coach.store.lock import locked
from coach.store.months import (DIGEST_DIR, MONTH_PREFIX, READ_ONLY, TABLE, MonthFiles,
                                MonthTable, StoreError, misplaced_words, month_of, reason,
                                stray_words)
from coach.store import marking
from coach.store.hlc import Clock
from coach.store.revisions import removed_targets
from coach.store.records import (ENTRY_TYPES, MARK, REMINDER, REMINDER_WHICH, REST,
                                 record_problem, reminder_slot)
from coach.foundation.values import StepOutcome

if TYPE_CHECKING:
    from coach.store.series import Ledger, Series
    from coach.store.undo import Change

#: Session events after which a run is not offered to resume: it was finished, or the
#: person chose to start over.
CLOSING_EVENTS = ("finished", "set-aside")

Zone = tuple[tzinfo, str]
#: Given the entries a month file holds, the records to add to it.
Choose = Callable[[list[dict[str, Any]]], list[dict[str, Any]]]
T = TypeVar("T")
F = TypeVar("F", bound=Callable[..., Any])

#: The names of the methods that read what is on disk. Reading takes from milliseconds to
#: seconds as history grows, so the app reads only in worker threads; the tests make each
#: of these refuse to run on the UI's thread (tests/conftest.py). Here they are only named,
#: at no cost.
READS: set[str] = set()


def reads(method: F) -> F:
    """Mark a method as one that reads the data folder (see READS); it is left as it is."""
    READS.add(method.__name__)
    return method


class _Missing:
    """The default of an argument that was not given (None means something of its own)."""


MISSING = _Missing()


def _time_order(record: dict[str, Any]) -> str:
    """The record's UTC time as comparable text ('...:05Z' and '...:05.250Z' alike)."""
    utc = record["utc"] if isinstance(record.get("utc"), str) else ""
    return utc[:-1] + ".000Z" if utc.endswith("Z") and "." not in utc else utc


def _outcome(record: dict[str, Any]) -> StepOutcome:
    """A well-formed step record as the outcome a run works with."""
    return StepOutcome(record["step"], record["type"], record["status"],
                       parse_utc(record["started"]), parse_utc(record["ended"]),
                       record.get("data", {}))


def _matching(records: list[dict[str, Any]], since: date | None, until: date | None,
              kind: str | None, routine: str | None, ordered: bool) -> list[dict[str, Any]]:
    if since is not None or until is not None or kind is not None or routine is not None:
        low = since.isoformat() if since else ""
        high = until.isoformat() if until else "~"
        records = [record for record in records
                   if isinstance(day := record.get("day"), str) and low <= day <= high
                   and (kind is None or record.get("kind") == kind)
                   and (routine is None or record.get("routine") == routine)]
    if ordered:
        records = sorted(records, key=_time_order)
    return records


def _schedule_days(weekdays: Iterable[int] | Frequency) -> list[int] | dict[str, Any]:
    """The days of a schedule as a session record keeps them: distinct, in order; a number
    of times as written ({"times": 3, "per": "week"})."""
    if isinstance(weekdays, Frequency):
        return weekdays.to_json()
    given = list(weekdays)
    if not all(type(day) is int and 0 <= day <= 6 for day in given):
        raise ValueError(f"weekdays are days 0 (Monday) to 6, not {given!r}")
    return sorted(set(given))


def new_id() -> str:
    return uuid.uuid4().hex


def _stamped(record: dict[str, Any], device: str = "") -> dict[str, Any]:
    """The record as stored: with the record version, a new uid and the id of the device
    writing it (none if unknown); a uid or device the record has already is kept."""
    return {"v": RECORD_VERSION, "uid": new_id(), **({"device": device} if device else {}),
            **record}


def _not_held(records: list[dict[str, Any]], held: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The records whose uid is neither in `held` nor earlier in `records`."""
    known = {entry.get("uid") for entry in held}
    fresh = []
    for record in records:
        if record["uid"] not in known:
            known.add(record["uid"])
            fresh.append(record)
    return fresh


def _reminder_key(entry: dict[str, Any]) -> tuple[str, str, str] | None:
    """(slot, day, which) of a well-formed reminder record (see reminder_slot); None for
    anything else."""
    if entry.get("kind") != REMINDER or record_problem(dict(entry)) is not None:
        return None
    return reminder_slot(entry["routine"], entry.get("at")), entry["day"], entry["which"]


@dataclass(frozen=True)
class Removed:
    """What coach doctor --purge-removed finds (see Store.removed)."""

    #: Removed records this device's files keep, by month ("2026-11": 2): purge_removed.
    counts: dict[str, int]
    #: Removed records other devices' files keep: erased when the purge runs there.
    elsewhere: int
    #: Entries, by month, that this device deleted and the device whose file held them
    #: erased since, whose deletions can go (see store.settled): purge_settled.
    settled: dict[str, int]


class Store:
    def __init__(self, directory: Path, *, now: Callable[[], datetime] | None = None,
                 zone: Zone | Callable[[], Zone] | None = None,
                 day_start_hour: int = DEFAULT_DAY_START_HOUR, device: str = "") -> None:
        """`zone` is fixed, or asked for at each record (default: the system's, so travel
        counts). `device` is the id of this device (see store.device), which every record
        written carries; "" writes records without one, as coach did before it kept one."""
        self.directory = directory
        self.device = device
        # Looked up at each call, so a test can pin the clock (and zone) of every store.
        self.now = now or (lambda: days.utc_now())
        self._zone = zone if zone is not None else (lambda: days.local_zone())
        self.day_start_hour = day_start_hour
        self.months = MonthFiles(directory, device)
        #: Orders the records that supersede others (see store.hlc): it has seen the newest
        #: of those this store read or wrote.
        self.clock = Clock(lambda: self.now())
        #: Runs whose typing this store keeps now: never taken in while they are typed in.
        self._typing_here: set[str] = set()

    # -- days -------------------------------------------------------------------------------

    @property
    def zone(self) -> Zone:
        return self._zone() if callable(self._zone) else self._zone

    def today(self) -> date:
        return routine_day(self.now(), self.zone[0], self.day_start_hour)

    def day_of(self, instant: datetime) -> date:
        return routine_day(instant, self.zone[0], self.day_start_hour)

    # -- writing ----------------------------------------------------------------------------

    def _stamp(self, record: dict[str, Any]) -> dict[str, Any]:
        """The record as stored by this device (see _stamped)."""
        return _stamped(record, self.device)

    def add(self, record: dict[str, Any]) -> dict[str, Any]:
        """Store one record (a uid it has is kept); when this returns it is on disk."""
        record = self._stamp(record)
        self._insert(self.months.path_for(date.fromisoformat(record["day"])), [record])
        return record

    def _insert(self, path: Path, records: list[dict[str, Any]], *,
                only_new: bool = False) -> int:
        """Insert under the exclusive lock; with `only_new`, skip uids already in the file
        (decided under the same lock, so two imports at once cannot both add a record)."""
        return len(self._write(path, (lambda held: _not_held(records, held)) if only_new
                               else (lambda _: records)))

    def _write(self, path: Path, choose: Choose) -> list[dict[str, Any]]:
        """Let `choose` decide from the entries the month file holds what to add, and add
        that, in one open under the exclusive lock: a decision no other process can race."""
        def insert(table: Any) -> list[dict[str, Any]]:
            records = choose(table.all())
            if records:
                table.insert_multiple(records)
            return records

        return self._change(path, insert)

    def _change(self, path: Path, change: Callable[[Any], T]) -> T:
        """Open this device's month file once under the exclusive lock and let `change` read
        the month (every file of it: see MonthTable) and change this device's TinyDB table;
        each change replaces the file atomically (AtomicJSONStorage). A month file without a
        device becomes this device's first (see MonthFiles.take_over_legacy)."""
        from tinydb import TinyDB  # only writing needs it; reading parses the JSON directly

        from coach.store.atomic_storage import AtomicJSONStorage

        self._ensure_directory()
        try:
            with locked(self.months.lock_path, exclusive=True):
                self.months.take_over_legacy(path)
                self.months.repair_if_damaged(path)
                with TinyDB(path, storage=AtomicJSONStorage) as db:
                    return change(MonthTable(db.table(TABLE),
                                             lambda: self.months.others(path)))
        except (OSError, ValueError, TypeError,  # TypeError: data orjson cannot write
                MemoryError, NotEnoughMemory) as err:
            raise StoreError(f"could not save to {path}: {reason(err)}") from err

    def claim_reminder(self, routine_id: str, day: date, which: tuple[str, ...], *,
                       at: str | None = None) -> bool:
        """Record that the `which` reminders of a routine day are being sent, unless any of
        them already was (by this process or another): True if this call claimed them.

        A catch-up that stands for both the first reminder and the follow-up claims
        ("first", "again") at once, so no follow-up comes after it. `at` ("12:30") claims
        one of several times of the day (mood check-ins): each is claimed on its own."""
        if not which or any(w not in REMINDER_WHICH for w in which):
            raise ValueError(f"which must be some of {REMINDER_WHICH}, not {which!r}")
        instant = self.now()
        timed = {} if at is None else {"at": at}
        claim = [self._stamp({"kind": REMINDER, "routine": routine_id, "day": day.isoformat(),
                              "which": w, **timed, "utc": iso_utc(instant), "tz": self.zone[1]})
                 for w in dict.fromkeys(which)]
        if any(record_problem(record) is not None for record in claim):
            raise ValueError(f"at must be a time such as 12:30, not {at!r}")
        wanted = {(reminder_slot(routine_id, at), day.isoformat(), w) for w in which}

        def unless_sent(held: list[dict[str, Any]]) -> list[dict[str, Any]]:
            return [] if any(_reminder_key(entry) in wanted for entry in held) else claim

        return bool(self._write(self.months.path_for(day), unless_sent))

    def record_step(self, routine_id: str, session_id: str, outcome: StepOutcome, *,
                    day: date | None = None) -> dict[str, Any]:
        """A step done or skipped; `day` is the session's routine day (default: the step's)."""
        return self.add(self.step_record(routine_id, session_id, outcome, day=day))

    def step_record(self, routine_id: str, session_id: str, outcome: StepOutcome, *,
                    day: date | None = None) -> dict[str, Any]:
        """The record `record_step` stores, made now and written later (`add` keeps its uid)."""
        return self._stamp({
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
                       day: date | None = None, steps_total: int | None = None,
                       weekdays: Iterable[int] | Frequency | None | _Missing = MISSING
                       ) -> dict[str, Any]:
        """A session event: started, resumed, finished, left (quit before the end) or set
        aside (the person chose to start over: it is no longer offered to resume)."""
        return self.add(self.session_record(routine_id, session_id, event, day=day,
                                            steps_total=steps_total, weekdays=weekdays))

    def session_record(self, routine_id: str, session_id: str, event: str, *,
                       day: date | None = None, steps_total: int | None = None,
                       weekdays: Iterable[int] | Frequency | None | _Missing = MISSING
                       ) -> dict[str, Any]:
        """The record `record_session` stores, made now and written later.

        `weekdays` is the routine's schedule at the time (Monday 0 to Sunday 6, or a number
        of times per period; None for a routine started any time), so figures know which days were scheduled even after
        the schedule is edited; not given, the record has no "weekdays" (as older ones)."""
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
        if not isinstance(weekdays, _Missing):
            record["weekdays"] = None if weekdays is None else _schedule_days(weekdays)
        return self._stamp(record)

    def set_rest_day(self, routine_id: str, day: date, rest: bool = True, *,
                     undoes: str | None = None) -> dict[str, Any]:
        """Mark a day of a routine as a rest day, or (rest False) take the mark back; the
        latest mark of a day wins. `undoes`: the uid of the mark this one undoes (see
        store.undo). ValueError for a routine id or day a record cannot hold."""
        record = self._stamp({"kind": REST, "routine": routine_id, "day": day.isoformat(),
                              "rest": rest, "utc": iso_utc(self.now()), "tz": self.zone[1],
                              **({"undoes": undoes} if undoes else {})})
        if problem := record_problem(record):
            raise ValueError(f"cannot mark a rest day: {problem}")
        return self._supersede(self.months.path_for(day), record)

    def mark_day(self, routine_id: str, day: date, state: str, *,
                 undoes: str | None = None) -> dict[str, Any]:
        """Mark a day of a routine afterwards as the person says it went: "done", "partly",
        "rest" (a rest record, as a rest day has always been) or "none" (no mark). The latest
        mark of a day wins (see store.marking). `undoes`: the uid of the mark this one
        undoes. ValueError for a state, routine id or day a record cannot hold; the window
        of days that can be marked is the caller's to keep."""
        if state == marking.RESTED:
            return self.set_rest_day(routine_id, day, undoes=undoes)
        record = self._stamp({"kind": MARK, "routine": routine_id, "day": day.isoformat(),
                              "mark": state, "utc": iso_utc(self.now()), "tz": self.zone[1],
                              **({"undoes": undoes} if undoes else {})})
        if problem := record_problem(record):
            raise ValueError(f"cannot mark the day: {problem}")
        return self._supersede(self.months.path_for(day), record)

    def _supersede(self, path: Path, record: dict[str, Any]) -> dict[str, Any]:
        """Add a record that supersedes others (a mark, a rest day), with an hlc made under
        the lock after every one the month holds (see store.hlc): the record written."""
        def after_all(held: list[dict[str, Any]]) -> list[dict[str, Any]]:
            record["hlc"] = self.clock.tick(held)
            return [record]

        self._write(path, after_all)
        return record

    def import_records(self, records: Iterable[dict[str, Any]]) -> tuple[int, int]:
        """Add records that are not here yet (by uid); (added, already here)."""
        by_month: dict[str, list[dict[str, Any]]] = {}
        for record in records:
            by_month.setdefault(record["day"][:7], []).append(record)  # "2026-11"
        added = present = 0
        for month, batch in sorted(by_month.items()):
            path = self.months.path_for(date.fromisoformat(f"{month}-01"))
            new = self._insert(path, batch, only_new=True)
            added += new
            present += len(batch) - new
        return added, present

    # -- reading ----------------------------------------------------------------------------

    @property
    def notices(self) -> list[str]:
        """Plain-language messages about repairs made by this store, for the person."""
        return self.months.notices

    @property
    def problems(self) -> dict[str, str]:
        """Month files that could not be read (name -> why); every other month still reads."""
        return self.months.problems

    def month_files(self) -> list[Path]:
        """The month files, by name: a listing, not a read of what they hold (not in READS:
        the history screen stats them on its thread to see that nothing changed)."""
        return self.months.paths()

    @reads
    def load_month(self, path: Path) -> list[dict[str, Any]]:
        """The entries of a month file (repaired first if damaged), well formed or not."""
        return self.months.load(path)

    @reads
    def records(self, *, since: date | None = None, until: date | None = None,
                kind: str | None = None, routine: str | None = None,
                ordered: bool = True) -> list[dict[str, Any]]:
        """Every entry, well formed or not, filtered, in time order unless `ordered` is
        False; reads only the months that can match."""
        with gc_paused():
            return [record for path in self.months.paths(since, until)
                    for record in _matching(self.months.load(path), since, until, kind,
                                            routine, ordered)]

    @reads
    def well_formed(self, *, since: date | None = None, until: date | None = None,
                    kind: str | None = None, routine: str | None = None,
                    ordered: bool = True) -> list[dict[str, Any]]:
        """Like records(), leaving out any entry that is not well formed (a hand edit, say).
        The clock sees them: a mark or correction made after this read comes after them."""
        listed = self.months.listing()
        with gc_paused():
            found = [record for path in self.months.paths(since, until, listed)
                     for record in _matching(self.months.well_formed(path, listed=listed)[0],
                                             since, until, kind, routine, ordered)]
        self.clock.see(found)
        return found

    @reads
    def by_month(self, *, since: date | None = None,
                 raw: bool = False) -> Iterator[tuple[list[dict[str, Any]], int]]:
        """Well-formed records a month at a time, oldest first, each month in time order,
        with how many entries were left out: what streams an export of any length in the
        memory of one month. With `raw`, as the files hold them: every revision, and the
        records removed (see store.revisions)."""
        listed = self.months.listing()
        for path in self.months.paths(since, None, listed):
            good, left_out = self.months.well_formed(path, raw=raw, listed=listed)
            if left_out and since is not None:  # count only entries of days from `since`
                low = since.isoformat()
                left_out = sum(1 for r in self.months.load(path)
                               if isinstance(r.get("day"), str) and r["day"] >= low
                               and record_problem(r) is not None)
            yield _matching(good, since, None, None, None, True), left_out

    @reads
    def day_outcomes(self, routine_id: str, day: date) -> dict[str, StepOutcome]:
        """The latest outcome of each step of a routine on a day, to resume or show progress."""
        return {record["step"]: _outcome(record) for record in
                self.well_formed(since=day, until=day, kind="step", routine=routine_id)}

    @reads
    def open_session(self, routine_id: str, day: date) -> tuple[str | None, dict[str, StepOutcome]]:
        """The latest session of the day that was neither finished nor set aside, and its
        outcomes: what a resume goes on from. A resumed run keeps its session id, so
        finishing it closes it. What a run that ended without a goodbye was typing (see
        coach.store.typing) is taken in first."""
        self.take_in_typing()
        records = self.well_formed(since=day, until=day, routine=routine_id)
        closed = {r.get("session") for r in records
                  if r["kind"] == "session" and r.get("event") in CLOSING_EVENTS}
        open_steps = [r for r in records if r["kind"] == "step" and r.get("session") not in closed]
        if not open_steps:
            return None, {}
        session = open_steps[-1].get("session")
        return session, {record["step"]: _outcome(record) for record in open_steps
                         if record.get("session") == session}

    def keep_typing(self, record: dict[str, Any]) -> None:
        """Keep the draft of the step being typed in, until it is stored or left."""
        self._typing_here.add(record["session"])
        self._ensure_directory()
        typing.keep(self.directory, record)

    def forget_typing(self, session_id: str) -> None:
        """The step being typed in was stored or left: its kept draft goes."""
        typing.forget(self.directory, session_id)
        self._typing_here.discard(session_id)

    @reads
    def take_in_typing(self) -> list[str]:
        """Store the drafts kept for runs that ended without a goodbye (killed, a power cut),
        each once; notices about kept files that could not be read (set aside, not lost)."""
        found = typing.left_behind(self.directory, besides=self._typing_here)
        if not found:
            return []
        notices = []
        for path, record, problem in found:
            if record is not None:
                self._insert(self.months.path_for(date.fromisoformat(record["day"])), [record],
                             only_new=True)
                typing.done_with(path)
            else:
                notices.append(typing.set_aside(path, problem))
        return notices

    @reads
    def reminders_sent(self, day_from: date, day_to: date) -> set[tuple[str, date, str]]:
        """(slot, day, which) of every reminder recorded for the days in the range, read
        from the month files of those days only. The slot is the routine's id, or
        "_mood@12:30" for one of several times a day (see records.reminder_slot)."""
        return {(reminder_slot(r["routine"], r.get("at")), date.fromisoformat(r["day"]),
                 r["which"]) for r in
                self.well_formed(since=day_from, until=day_to, kind=REMINDER, ordered=False)}

    @reads
    def mood_checked_in(self, since: datetime, until: datetime) -> bool:
        """Whether a mood check-in was recorded (a quick one, or a mood step of any routine) from
        `since` to `until`: read from the month files of the days around them only."""
        # A record's day is a routine day in the zone it was made in: within a day of UTC's.
        return any(record["type"] == "mood" and record["status"] == "done"
                   and since <= parse_utc(record["utc"]) <= until
                   for record in self.well_formed(
                       since=since.astimezone(timezone.utc).date() - timedelta(days=1),
                       until=until.astimezone(timezone.utc).date() + timedelta(days=1),
                       kind="step", ordered=False))

    @reads
    def rest_days(self, routine_id: str, since: date, until: date) -> set[date]:
        """The days from `since` to `until` marked as rest days of the routine (the latest
        mark or rest record of each day wins), read from the month files of those days only."""
        return {date.fromisoformat(day) for day, state in
                self.day_marks(routine_id, since, until).items() if state == marking.RESTED}

    @reads
    def day_marks(self, routine_id: str, since: date, until: date) -> dict[str, str]:
        """Day ("2026-11-23") -> what the person marked it (see store.marking: "done",
        "partly", "rest", "none"), for the days from `since` to `until` that were ever
        marked, read from the month files of those days only."""
        return {day: state for (_, day), state in marking.day_states(
            self.well_formed(since=since, until=until, routine=routine_id)).items()}

    @reads
    def newest_marks(self, limit: int = 20, *, since: date | None = None) -> list[dict[str, Any]]:
        """The newest mark records (days marked done, partly or unmarked afterwards),
        newest first, at most `limit`; from `since`'s month on (default: the days that
        can still be marked, and the month before them). What an undo lists and reverses
        (store.marking.undo_mark)."""
        since = since or marking.first_markable(self.today()).replace(day=1)
        # Each month in time order, but a day of last month marked today is in last month's
        # file: sorted across months.
        return sorted(self.well_formed(since=since, kind=MARK, ordered=False),
                      key=marking.order, reverse=True)[:limit]

    @reads
    def step_records(self, step_type: str, *, since: date | None = None,
                     until: date | None = None) -> list[dict[str, Any]]:
        return [r for r in self.well_formed(since=since, until=until, kind="step")
                if r.get("type") == step_type and r.get("status") == "done"]

    # -- the person's own entries: found, corrected, deleted (see store.edits) ---------------

    @reads
    def entries(self, since: date | None = None, until: date | None = None,
                types: Iterable[str] = ENTRY_TYPES) -> list[dict[str, Any]]:
        """The entries (done steps of these ENTRY_TYPES) of the days asked for, in time
        order, read from the month files of those days only. ValueError for another type."""
        types = edits.check_types(types)
        return [record for record in self.well_formed(since=since, until=until, kind="step")
                if edits.is_entry(record, types)]

    @reads
    def search_entries(self, text: str, types: Iterable[str] = ENTRY_TYPES,
                       limit: int = 200) -> list[dict[str, Any]]:
        """The entries whose words hold `text`, ignoring case (see edits.words), newest
        first, at most `limit`; months are read newest first until that many are found,
        so a search through years of history may take a moment: not on the UI thread."""
        types = edits.check_types(types)

        def months() -> Iterator[list[dict[str, Any]]]:
            listed = self.months.listing()
            for path in reversed(self.months.paths(listed=listed)):
                yield _matching(self.months.well_formed(path, listed=listed)[0], None, None,
                                "step", None, True)

        return edits.search(months(), text, types, limit)

    @reads
    def entry(self, uid: str, day: date) -> dict[str, Any] | None:
        """The well-formed record with this uid in the month of `day`, or None."""
        found = edits.find(self.months.well_formed(self.months.month_path(day))[0], uid)
        return found[0] if found else None

    def revise_entry(self, uid: str, day: date, *, data: dict[str, Any] | _Missing = MISSING,
                     removed: bool = False) -> tuple[dict[str, Any], dict[str, Any] | None] | None:
        """Correct the entry with this uid (in the month of `day`) to hold `data`, or delete
        it (`removed`), by appending a revision (see store.revisions): the revision, and the
        entry as it is shown now (None once removed). None if the entry is not there any
        more (deleted by another coach). ValueError, with nothing changed, if the record is
        not an entry or the corrected one would not be well formed."""
        fields = {"removed": True} if removed else {"data": data}
        base = self._stamp({"utc": iso_utc(self.now()), "tz": self.zone[1]})
        return edits.settled(self._change(self.months.path_for(day), lambda table: edits.revise(
            table, uid, fields, base, self.clock.tick)))

    def correct_entry(self, uid: str, day: date, data: dict[str, Any]) -> dict[str, Any] | None:
        """The entry corrected to hold `data` (see revise_entry), with the time it was
        corrected ("edited"); its uid, day and times stay. None if it is not there."""
        revised = self.revise_entry(uid, day, data=data)
        return None if revised is None else revised[1]

    def delete_entry(self, uid: str, day: date) -> bool:
        """Remove the entry (see revise_entry): kept as removed until emptied
        (purge_removed). True if it was there."""
        return self.revise_entry(uid, day, removed=True) is not None

    def undo(self, revision_uid: str, day: date) -> tuple[dict[str, Any],
                                                          dict[str, Any] | None] | None:
        """Undo the revision with this uid (in the month of `day`) by appending one that sets
        back what it changed: (that revision, the record as it is shown now, None if
        removed). None if the revision or its record is not there, or it is undone already."""
        base = self._stamp({"utc": iso_utc(self.now()), "tz": self.zone[1]})
        return edits.settled(self._change(self.months.path_for(day), lambda table: edits.undo(
            table, revision_uid, base, self.clock.tick)))

    @reads
    def last_changes(self, limit: int = 1,
                     titles: Mapping[str, str] | None = None) -> list[Change]:
        """The latest changes that can be undone (see store.undo), newest first; a routine
        is named by its title in `titles` (routine id -> title), else by its id."""
        from coach.store.undo import last_changes

        return last_changes(self.months, limit, titles or {})

    @reads
    def removed_counts(self) -> dict[str, int]:
        """How many removed records each month keeps in this device's files ("2026-11": 2),
        months with none left out: what purge_removed would erase."""
        return self._removed()[0]

    @reads
    def removed_elsewhere(self) -> int:
        """How many removed records other devices' files keep: erased when coach doctor
        --purge-removed runs there."""
        return self._removed()[1]

    @reads
    def removed(self) -> Removed:
        """What coach doctor --purge-removed would erase here, and what it leaves to other
        devices (see Removed), in one pass over the months."""
        from coach.store.settled import settled

        counts, elsewhere, candidates = self._removed()
        return Removed(counts, elsewhere, {month: len(uids) for month, uids in
                                           settled(self.months, candidates).items()})

    def _removed(self) -> tuple[dict[str, int], int, dict[str, dict[str, str]]]:
        """(counts, elsewhere) as Removed has them, and the deletions store.settled may let go
        (settled.candidates), by month."""
        from coach.store import settled  # only the purge needs it

        counts, elsewhere, candidates = {}, 0, {}
        listed = self.months.listing()
        for path in self.months.paths(listed=listed):
            raw = self.months.well_formed(path, raw=True, listed=listed)[0]
            if self.device and (found := settled.candidates(raw, self.device)):
                candidates[month_of(path)] = found
            gone = removed_targets(raw)
            if not gone:
                continue
            own = gone & self.months.uids_in(self.months.path_for(
                date.fromisoformat(f"{month_of(path)}-01")))
            elsewhere += len(gone - own)
            if own:
                counts[month_of(path)] = len(own)
        return counts, elsewhere, candidates

    def purge_removed(self, months: Iterable[str]) -> int:
        """Erase the removed records of these months ("2026-11") that this device's files
        hold, and their revisions, each file rewritten whole under the lock; how many
        records were erased (see edits.purge)."""
        return sum(self._change(self.months.path_for(date.fromisoformat(f"{month}-01")),
                                edits.purge) for month in months)

    @reads
    def purge_settled(self, months: Iterable[str]) -> int:
        """Erase this device's deletions (and other revisions) of entries that the device
        whose file held them has erased since, in these months ("2026-11"), when they can
        never come back (see store.settled; decided here again from the files); of how many
        entries."""
        from coach.store import settled

        wanted = settled.settled(self.months, self._removed()[2])
        return sum(self._change(self.months.path_for(date.fromisoformat(f"{month}-01")),
                                lambda table, uids=wanted[month]: settled.erase(table, uids))
                   for month in months if month in wanted)

    # -- digests: what progress and suggestions need, without reading every record ----------

    @reads
    def digests(self, *, since: date | None = None, until: date | None = None,
                newest_first: bool = False) -> Iterator[Digest]:
        """Each month's digest (see store.digest); a month made anew only if it changed."""
        listed = self.months.listing()
        paths = self.months.paths(since, until, listed)
        for _, digest in self.months.digests(paths[::-1] if newest_first else paths, listed):
            yield digest

    @reads
    def series(self) -> Series:
        """Every routine's days, one character each (see store.series): brought up to date
        from the digests of the months that changed since it was saved, and saved again."""
        # The series and the ledger are worked out after the home screen's first paint: their
        # module is imported then.
        from coach.store.series import SERIES_NAME, Series, covers_only, read_series, save_series

        path = self.directory / DIGEST_DIR / SERIES_NAME
        return self._up_to_date(path, read_series, save_series, Series,
                                lambda series, stamps: covers_only(series, stamps))

    def keep_series(self, series: Series) -> None:
        """Save a series the figures added checkpoints to (best effort; a month changed
        since makes the next read forget them)."""
        from coach.store.series import SERIES_NAME, save_series

        save_series(self.directory / DIGEST_DIR / SERIES_NAME, series)

    @reads
    def ledger(self) -> Ledger:
        """Mood check-ins, distress ratings and activities of every month (see
        store.series.Ledger), brought up to date like the series."""
        from coach.store.series import LEDGER_NAME, Ledger, read_ledger, save_ledger

        path = self.directory / DIGEST_DIR / LEDGER_NAME
        return self._up_to_date(path, read_ledger, save_ledger, Ledger, lambda *_: True)

    def _up_to_date(self, path: Path, read: Callable[[Path], Any],
                    save: Callable[[Path, Any], None], empty: Callable[[], Any],
                    trusted: Callable[[Any, dict[str, Any]], bool]) -> Any:
        """What is saved at `path` with each month that changed, went or came since taken
        out and put back from its digest (and saved again); made anew from the digests
        if it cannot be read or `trusted`."""
        from coach.store.series import stamps_of

        with gc_paused():
            listed = self.months.listing()
            paths = self.months.paths(listed=listed)
            stamps = stamps_of(paths, listed)
            saved = read(path)
            kept = saved if saved is not None and trusted(saved, stamps) else empty()
            changed = kept is not saved
            for name, stamp in list(kept.stamps.items()):
                if stamps.get(name) != stamp:  # changed, gone, or cannot be looked at now
                    kept.take_out(name)
                    changed = True
            held = kept.stamps
            for month in paths:
                if month.name in held or stamps.get(month.name) is None:
                    continue
                digest = self.months.digest(month, keep=False, listed=listed)
                if digest is None:
                    continue
                kept.take_out(month.name)
                kept.put_in(month.name, digest)
                changed = True
        if changed:
            save(path, kept)
        return kept

    @reads
    def finished_days(self, routine_id: str, since: date) -> set[date]:
        """The days from `since` the routine was finished, or marked done afterwards (so
        home says done and no reminder comes for a day the person marked)."""
        low = since.isoformat()
        return {date.fromisoformat(day) for digest in self.digests(since=since)
                for day in [*digest.finished.get(routine_id, ()),
                            *(day for day, mark in digest.marked.get(routine_id, {}).items()
                              if mark == marking.DONE)]
                if day >= low}

    @reads
    def finished_before(self, routine_id: str, day: date) -> bool:
        """Whether the routine was ever finished before `day` (see finished_before_of)."""
        return routine_id in self.finished_before_of([routine_id], day)

    @reads
    def finished_before_of(self, routine_ids: Iterable[str], day: date) -> set[str]:
        """Which of the routines were ever finished before `day`: the month of `day` from
        its digest, earlier months from the small index, looked at once for all of them (a
        routine never finished costs one pass over the months, not one per routine)."""
        high = day.isoformat()
        wanted = set(routine_ids)
        found = {routine_id for digest in self.digests(since=day.replace(day=1), until=day)
                 for routine_id in wanted
                 if any(d < high for d in digest.finished.get(routine_id, ()))}
        if found == wanted:
            return found
        month = self.months.month_path(day)
        earlier = [path for path in self.months.paths(until=day) if path != month]
        for _, summary in self.months.summaries(earlier):
            found |= wanted & set(summary.finished)
            if found == wanted:
                break
        return found

    @reads
    def recent_activity_names(self, limit: int = 30) -> list[str]:
        """Activity names planned before, most recent first, each once."""
        names: dict[str, None] = {}
        for digest in self.digests(newest_first=True):
            for plan in sorted(digest.plans.values(), key=lambda p: p.utc, reverse=True):
                if plan.name:
                    names.setdefault(plan.name)
            if len(names) >= limit:
                break
        return list(names)[:limit]

    @reads
    def counts(self) -> list[tuple[Path, int, int]]:
        """(month file, records, malformed entries) for every readable month, cheaply."""
        return self.months.counts(self.months.paths())

    @reads
    def malformed_count(self) -> int:
        """Entries in the data files that are not well-formed records (doctor reports them)."""
        return sum(malformed for _, _, malformed in self.counts())

    # -- upkeep -----------------------------------------------------------------------------

    @reads
    def check(self) -> list[str]:
        """Clean up after crashes and repair damaged months, parsing only the months that
        changed since they were last digested; the notices and problems, for the person,
        with the files named like months that are not read and the months holding records
        of other months' days."""
        if not self.directory.exists():
            unreachable = self.months.unreachable()
            return [] if unreachable is None else [str(unreachable)]
        self.clean_leftovers()
        self.take_over_legacy()
        taken = self.take_in_typing()
        misplaced = [path for path, month in self.months.summaries(self.months.paths())
                     if month.misplaced]
        misplaced_notes = [misplaced_words(self.months.holding(path, unplaced), unplaced)
                           for path in misplaced
                           if (unplaced := self.months.unplaced(path))]
        return [*self.notices, *taken, *(f"{name} could not be read ({why}); the other months are "
                                 "fine (coach doctor says more)" for name, why in
                                 sorted(self.problems.items())),
                *map(stray_words, self.months.strays()), *misplaced_notes]

    @reads
    def take_over_legacy(self) -> list[Path]:
        """Make each month file without a device this device's own, by a rename (see
        MonthFiles.take_over_legacy): what coach does once, the first time it runs knowing
        its device. The files renamed; nothing if there is nothing to rename, or the folder
        cannot be written (the files are read as they are)."""
        if not self.device or not self.months.legacy_months():
            return []
        try:
            with locked(self.months.lock_path, exclusive=True):
                return self.months.take_over_legacy()
        except OSError:  # read-only, a lock that is not coach's: read them as they are
            return []

    @reads
    def clean_leftovers(self) -> list[Path]:
        """Remove temporary files left by a process killed mid-write (never a live one)."""
        removed: list[Path] = []
        pattern = f".{MONTH_PREFIX}*.tmp"
        if not any(self.directory.glob(pattern)) and \
                not any((self.directory / DIGEST_DIR).glob(pattern)):
            return removed
        try:
            with locked(self.months.lock_path, exclusive=True):
                for path in [*self.directory.glob(pattern),
                             *(self.directory / DIGEST_DIR).glob(pattern)]:
                    path.unlink(missing_ok=True)
                    removed.append(path)
        except OSError as err:
            if err.errno in READ_ONLY:  # a read-only backup: nothing to tidy, nothing writing
                return removed
            raise StoreError(f"cannot tidy the data folder {self.directory}: "
                             f"{reason(err)}") from err
        return removed

    # -- files ------------------------------------------------------------------------------

    def _ensure_directory(self) -> None:
        if (unreachable := self.months.unreachable()) is not None:
            raise unreachable
        try:
            make_private_dirs(self.directory)
        except FileExistsError:
            raise self.months.not_a_folder() from None
        except OSError as err:
            raise StoreError(f"cannot create the data folder {self.directory}: "
                             f"{reason(err)}") from err
