"""Records that are valid JSON but malformed (a hand edit, a bad import) never break coach."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.insight.load import load_figures
from coach.paths import data_dir
from coach.store import Store
from coach.store.records import record_problem

GOOD_STEP = {"uid": "g", "kind": "step", "day": "2026-11-22", "utc": "2026-11-22T07:00:00Z",
             "tz": "UTC", "routine": "morning", "session": "s", "step": "morning-mood",
             "type": "mood", "status": "done", "started": "2026-11-22T06:59:00Z",
             "ended": "2026-11-22T07:00:00Z", "data": {"rating": 6, "feelings": ["calm"]}}
MALFORMED = [
    {k: v for k, v in GOOD_STEP.items() if k != "started"} | {"uid": "no-started"},
    GOOD_STEP | {"uid": "data-list", "data": [1, 2]},
    GOOD_STEP | {"uid": "bad-utc", "utc": "soon"},
    GOOD_STEP | {"uid": "tz-int", "tz": 5},
    GOOD_STEP | {"uid": "day-int", "day": 20261122},
    GOOD_STEP | {"uid": "day-week", "day": "2026-W47-7"},
    "oops",
]
ODD_DATA = GOOD_STEP | {"uid": "odd", "data": {"rating": 6, "feelings": [1, 2],
                                              "note": ["x"]}}


@pytest.mark.parametrize("record", MALFORMED, ids=lambda r: r["uid"] if isinstance(r, dict) else r)
def test_malformed_records_are_named(record: object) -> None:
    assert record_problem(record) is not None


def test_good_records_pass() -> None:
    assert record_problem(GOOD_STEP) is None
    assert record_problem(ODD_DATA) is None  # odd data inside is the readers' business


def write_month(records: list[object]) -> None:
    directory = data_dir()
    directory.mkdir(parents=True, mode=0o700)
    table = {str(n): r for n, r in enumerate(records, start=1)}
    path = directory / "records-2026-11.json"
    path.write_text(json.dumps({"records": table}))
    path.chmod(0o600)


def test_every_reader_skips_what_it_cannot_read() -> None:
    write_month([GOOD_STEP, ODD_DATA, *MALFORMED])
    store = Store(data_dir())
    assert set(store.day_outcomes("morning", date(2026, 11, 22))) == {"morning-mood"}
    figures = load_figures(store)
    assert figures.mood_by_day == {date(2026, 11, 22): 6.0}
    runner = CliRunner()
    for args in (["history", "--days", "3650"], ["export", "--format", "csv"],
                 ["export", "--format", "markdown"], ["export", "--format", "json"],
                 ["doctor"]):
        result = runner.invoke(cli, args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert "Traceback" not in result.output
    result = runner.invoke(cli, ["export", "--format", "csv"])
    assert "6 records could not be read and are left out" in result.stderr  # "oops" is no record
    result = runner.invoke(cli, ["doctor"])
    assert result.exit_code == 1
    assert "✗ 7 entries in the data files could not be read as records" in result.stdout
    result = runner.invoke(cli, ["history", "--days", "3650"])
    assert "Mood check-in: 6/10 · 1, 2" in result.stdout


def test_import_refuses_malformed_records(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "coach-export", "version": 1,
                                "records": [GOOD_STEP, *MALFORMED]}))
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 0
    assert "Imported 1 record; 0 were already here." in result.stdout
    assert "7 records could not be read and were left out." in result.stderr
