"""Property: every record that passes `record_problem` prints and shows without a traceback,
and no control character in it ever reaches the terminal raw.

`well_formed_records()` (and the strategies it is built from: `hostile_text`, `step_data`)
can be imported by other tests, for instance for the export formats.
"""

from __future__ import annotations

import asyncio
import tempfile
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any
from unittest import mock
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.cli import cli
from coach.insight.history_text import history_lines
from coach.foundation.paths import shipped_routines_dir
from coach.routine.catalog import Catalog, RoutineDir, load_catalog
from coach.routine.loader import load_routine_bytes
from coach.store import Store, days
from coach.store.days import iso_utc
from coach.store.records import record_problem
from coach.tui.app import CoachApp
from tests.fakes import FakeClock
from tests.tui.harness import workers_done
from tests.tui.terminal_text import painted_text, raw_controls

# -- strategies ---------------------------------------------------------------------------------

#: Characters and snippets a terminal acts on, or markup a widget could interpret.
HOSTILE_PIECES = (
    *(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)]),
    "\u061c", "\u200e", "\u200f", "\u2028", "\u2029", *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
    "\x1b]0;PWNED\x07", "\x1b[2J", "\x1b]52;c;SGk=\x07", "\x9b6n", "\x1b[31m",
    "[/]", "[@click=app.quit]", "[b]", "[", "]", "\\", "✓", "😀", "ﷺ", "\u0301",
)
_ANY_CHARACTER = st.characters(blacklist_categories=("Cs",))  # any unicode but surrogates


@st.composite
def hostile_text(draw: st.DrawFn, max_size: int = 300, min_size: int = 0) -> str:
    """Text made of every kind of control character, bidi override and markup, mixed with
    any unicode but surrogates; now and then very long."""
    pieces = draw(st.lists(st.sampled_from(HOSTILE_PIECES) | st.text(_ANY_CHARACTER, max_size=8),
                           max_size=12))
    text = "".join(pieces)
    if max_size >= 2000 and draw(st.integers(0, 9)) == 0:
        text = text * draw(st.integers(1, 2000 // max(1, len(text))))  # long, cheaply
    text = text[:max_size]
    return text if len(text) >= min_size else text + "x" * (min_size - len(text))


def ids() -> st.SearchStrategy[str]:
    """What coach uses as an id or a step type: any text of 1 to 200 characters."""
    return st.sampled_from(["morning", "evening", "prop", "x"]) | hostile_text(200, min_size=1)


RATINGS = st.none() | st.integers(0, 10)
CLOCK_TIMES = st.none() | st.times().map(lambda t: t.strftime("%H:%M"))
SECONDS = st.integers(0, 10**6) | st.floats(0, 1e9, allow_nan=False, allow_infinity=False)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False) | hostile_text(40),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(hostile_text(20), children, max_size=4),
    max_leaves=8)


def _fields(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping where any field may be missing (older records, hand edits)."""
    return st.fixed_dictionaries({}, optional=fields)


def step_data(step_type: str) -> st.SearchStrategy[dict[str, Any]]:
    """The data a step of `step_type` records, with hostile text wherever there is text."""
    text, texts = hostile_text(), st.lists(hostile_text(), max_size=6)
    timed = {"seconds": SECONDS, "completed": st.booleans(),
             "distress_before": st.integers(0, 10), "distress_after": st.integers(0, 10)}
    shapes: dict[str, st.SearchStrategy[dict[str, Any]]] = {
        "mood": _fields(rating=RATINGS, feelings=texts, note=text),
        "gratitude": _fields(items=texts),
        "journal": _fields(prompt=text, text=hostile_text(5000)),
        "affirmation": _fields(texts=texts),
        "activity_plan": _fields(activities=st.lists(st.fixed_dictionaries(
            {"id": ids(), "name": text, "time": CLOCK_TIMES, "predicted": RATINGS}), max_size=5)),
        "activity_review": _fields(activities=st.lists(st.fixed_dictionaries(
            {"id": ids(), "name": text, "done": st.booleans(), "pleasure": RATINGS,
             "mastery": RATINGS}, optional={"predicted": RATINGS}), max_size=5)),
        "breathing": _fields(**timed), "pmr": _fields(**timed), "instruction": _fields(**timed),
        "grounding": st.dictionaries(st.sampled_from(["see", "touch", "hear", "smell", "taste"])
                                     | hostile_text(20), texts, max_size=5),
    }
    if step_type in shapes:
        return shapes[step_type]
    return st.dictionaries(hostile_text(20), JSON, max_size=5)  # a type this coach does not know


KNOWN_TYPES = ("mood", "gratitude", "journal", "affirmation", "activity_plan", "activity_review",
               "breathing", "pmr", "instruction", "grounding")
DAYS = st.dates(date(1900, 1, 1), date(2999, 12, 31))
UTC_TIMES = st.datetimes(datetime(1900, 1, 1), datetime(2999, 12, 31, 23, 59, 59)).map(
    lambda t: iso_utc(t.replace(tzinfo=timezone.utc)))
ZONES = st.sampled_from(["UTC", "Europe/Berlin", "Pacific/Kiritimati", "America/Adak",
                         "Nowhere/Else", ""]) | hostile_text(40)


@st.composite
def _record(draw: st.DrawFn, step_types: st.SearchStrategy[str]) -> dict[str, Any]:
    base = {"v": 1, "uid": draw(st.uuids()).hex, "routine": draw(ids()), "session": draw(ids()),
            "day": draw(DAYS).isoformat(), "utc": draw(UTC_TIMES), "tz": draw(ZONES)}
    if draw(st.integers(0, 3)) == 0:
        event = draw(st.sampled_from(["started", "resumed", "finished", "left"]) | ids())
        return base | {"kind": "session", "event": event, "steps_total": draw(st.integers(1, 40))}
    step_type = draw(step_types)
    return base | {"kind": "step", "step": draw(ids()), "type": step_type,
                   "status": draw(st.sampled_from(["done", "skipped"])),
                   "started": draw(UTC_TIMES), "ended": draw(UTC_TIMES),
                   "data": draw(step_data(step_type))}


def well_formed_records(max_size: int = 8) -> st.SearchStrategy[list[dict[str, Any]]]:
    """Lists of records of every shape coach reads, full of hostile text, each one passing
    `record_problem` (the rare one that does not is left out), with distinct uids."""
    record = _record(st.sampled_from(KNOWN_TYPES) | ids()).filter(
        lambda r: record_problem(r) is None)
    return st.lists(record, max_size=max_size, unique_by=lambda r: r["uid"])


# -- (a) coach history --------------------------------------------------------------------------

SHIPPED = load_catalog([RoutineDir(shipped_routines_dir(), True)]).routines
#: With this "today", `coach history --days 36500` covers the days from 1900 to today; the
#: records drawn after it are dated in the future.
HISTORY_NOW = datetime(1999, 12, 1, 12, tzinfo=timezone.utc)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(well_formed_records())
def test_coach_history_prints_every_well_formed_record_safely(records: list[dict[str, Any]]) \
        -> None:
    with tempfile.TemporaryDirectory() as data, \
            mock.patch.object(days, "utc_now", lambda: HISTORY_NOW):
        Store(Path(data)).import_records(records)
        result = CliRunner().invoke(cli, ["history", "--days", "36500"],
                                    env={"COACH_DATA_DIR": data, "TZ": "UTC"})
    assert result.exception is None, result.exception
    assert result.exit_code == 0
    assert raw_controls(result.stdout + result.stderr) == []
    steps_shown = sum(line.startswith("  ") for line in result.stdout.splitlines())
    today = HISTORY_NOW.date()
    since = date.fromordinal(today.toordinal() - 36500 + 1).isoformat()
    shown = [r for r in records if since <= r["day"] <= today.isoformat()]
    assert steps_shown == len(shown)  # one line a record, whatever its text holds
    # A day after today is noted, not shown: it is not among the last days.
    assert ("dated in the future" in result.stdout) == any(r["day"] > today.isoformat()
                                                          for r in records)
    assert raw_controls("\n".join(history_lines(records, {}))) == []


ODD_TIMES = st.sampled_from(["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-12:00",
                             "2026-11-22T07:00:00", "soon", ""]) | UTC_TIMES
ANY_VALUE = JSON | st.sampled_from(["step", "session", "done", "skipped", *KNOWN_TYPES])
#: Records as a hand edit could leave them: the known keys, holding anything JSON can.
ANY_RECORD = st.fixed_dictionaries({}, optional={
    "kind": ANY_VALUE, "day": DAYS.map(date.isoformat) | ANY_VALUE, "utc": ODD_TIMES | ANY_VALUE,
    "tz": ZONES | ANY_VALUE, "routine": ids() | ANY_VALUE, "step": ANY_VALUE,
    "type": ANY_VALUE, "status": ANY_VALUE, "event": ANY_VALUE,
    "data": st.sampled_from(KNOWN_TYPES).flatmap(step_data) | ANY_VALUE})


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ANY_RECORD, max_size=6))
def test_history_lines_take_any_mapping(records: list[dict[str, Any]]) -> None:
    """Cheap tolerance beyond record_problem: a hand edit never makes history raise."""
    lines = history_lines(records, SHIPPED)
    assert raw_controls("\n".join(lines)) == []
    assert sum(line.startswith("  ") for line in lines) == len(records)


# -- (b) the app --------------------------------------------------------------------------------

APP_ROUTINE = b"""\
id: prop
title: Property
steps:
  - {type: instruction, id: first, text: Begin}
  - {type: breathing, id: breathing, minutes: 1}
  - {type: pmr, id: pmr, groups: 4}
  - {type: instruction, id: instruction, text: Wait, seconds: 5}
  - {type: gratitude, id: gratitude}
  - {type: activity_plan, id: activity_plan}
  - {type: activity_review, id: activity_review}
  - {type: journal, id: journal}
  - {type: mood, id: mood}
  - {type: grounding, id: grounding}
  - {type: affirmation, id: affirmation}
"""
APP_NOW = datetime(2026, 11, 22, 11, tzinfo=timezone.utc)
APP_DAY = "2026-11-22"


@st.composite
def todays_unfinished_session(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Records of today's session of the routine above, for some of its steps (never the
    first, so coach offers to resume there)."""
    chosen = draw(st.lists(st.sampled_from(KNOWN_TYPES), min_size=1, unique=True))
    at = iso_utc(APP_NOW)
    records = []
    for step_type in chosen:
        record = {"v": 1, "uid": draw(st.uuids()).hex, "kind": "step", "routine": "prop",
                  "session": "s1", "step": step_type, "type": step_type,
                  "status": draw(st.sampled_from(["done", "done", "skipped"])), "day": APP_DAY,
                  "utc": at, "tz": "UTC", "started": at, "ended": at,
                  "data": draw(step_data(step_type))}
        if record_problem(record) is None:
            records.append(record)
    return records


def assert_painted_safely(app: CoachApp, where: str) -> None:
    assert app.crash is None, (where, app.crash)
    painted = painted_text(app)
    assert raw_controls(painted) == [], (where, painted)


async def walk_the_app(records: list[dict[str, Any]], directory: Path) -> None:
    routine = load_routine_bytes(APP_ROUTINE).routine
    assert routine is not None
    store = Store(directory, now=lambda: APP_NOW, zone=(ZoneInfo("UTC"), "UTC"))
    store.import_records(records)
    app = CoachApp(store=store, catalog_loader=lambda: Catalog({"prop": routine}),
                   clock=FakeClock())
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await pilot.pause()
        assert_painted_safely(app, "home")
        await pilot.press("enter")
        await pilot.pause()
        assert_painted_safely(app, "the resume question")
        await pilot.press("r")
        await pilot.pause()
        for step in routine.steps:  # skipping keeps what was saved; each step shows it first
            assert_painted_safely(app, step.id)
            await pilot.press("ctrl+s")
            await pilot.pause()
        await workers_done(pilot.app)
        await pilot.pause()
        assert_painted_safely(app, "summary")
        assert "finished" in painted_text(app)
    assert app.crash is None


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(todays_unfinished_session())
def test_the_app_resumes_and_sums_up_any_well_formed_records_safely(
        records: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        asyncio.run(walk_the_app(records, Path(directory)))
