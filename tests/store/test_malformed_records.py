"""Records that are valid JSON but malformed (a hand edit, a bad import) never break coach."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from coach.cli import cli
from coach.insight.load import load_figures
from coach.foundation.paths import data_dir
from coach.store import Store
from coach.store.device import device_id
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
    GOOD_STEP | {"uid": "odd-data", "data": {"rating": 6, "feelings": [1, 2], "note": ["x"]}},
    GOOD_STEP | {"uid": "rating-11", "data": {"rating": 11}},
    GOOD_STEP | {"uid": "rating-true", "data": {"rating": True}},
    GOOD_STEP | {"uid": "year-9999", "day": "9999-12-31"},
    GOOD_STEP | {"uid": "utc-edge", "utc": "0001-01-01T00:00:00Z"},
    GOOD_STEP | {"uid": "utc-offset", "utc": "2026-11-22T07:00:00+05:00"},
    GOOD_STEP | {"uid": "utc-naive", "utc": "2026-11-22T07:00:00"},
    GOOD_STEP | {"uid": "nan", "data": {"rating": 6, "extra": float("nan")}},
    GOOD_STEP | {"uid": "infinity", "type": "breathing", "data": {"seconds": float("inf")}},
    GOOD_STEP | {"uid": "huge-int", "data": {"rating": 6, "extra": 10 ** 30}},
    GOOD_STEP | {"uid": "deep", "data": {"x": [[[[[[[[[[1]]]]]]]]]]}},
    GOOD_STEP | {"uid": "long-text", "type": "journal", "data": {"text": "x" * 200_000}},
    GOOD_STEP | {"uid": "plan-string", "type": "activity_plan", "data": {"activities": "walk"}},
    GOOD_STEP | {"uid": "plan-time", "type": "activity_plan",
                 "data": {"activities": [{"id": "a", "name": "walk", "time": "25:00"}]}},
    GOOD_STEP | {"uid": "grounding-int", "type": "grounding", "data": {"see": 5}},
    GOOD_STEP | {"uid": "check-answer-4", "type": "check",
                 "data": {"form": "gad7", "answers": [4, 0, 0, 0, 0, 0, 0], "total": 4}},
    GOOD_STEP | {"uid": "check-total-text", "type": "check",
                 "data": {"form": "gad7", "answers": [0] * 7, "total": "0"}},
    GOOD_STEP | {"uid": "check-total-28", "type": "check", "data": {"form": "phq9", "total": 28}},
    GOOD_STEP | {"uid": "check-difficulty", "type": "check",
                 "data": {"form": "phq9", "answers": [0] * 9, "difficulty": 5, "total": 0}},
    GOOD_STEP | {"uid": "x" * 300},
    "oops",
]
# Not standard JSON (or beyond what orjson reads): a month file holding them is damaged.
NOT_JSON = {"nan", "infinity", "huge-int"}
IN_FILES = [r for r in MALFORMED if not (isinstance(r, dict) and r["uid"] in NOT_JSON)]
# A newer coach may record more: unknown fields and unknown step types are kept.
NEWER = [GOOD_STEP | {"uid": "grounding-left-part-way", "type": "grounding", "status": "draft",
                     "data": {"see": ["lamp"], "typed": {"fields": {"see-input": "tree"},
                                                         "focus": "see-input", "cursor": 4}}},
         GOOD_STEP | {"uid": "check", "type": "check",
                     "data": {"form": "phq9", "answers": [1] * 9, "difficulty": None,
                              "total": 9}},
         GOOD_STEP | {"uid": "extra-field", "data": {"rating": 6, "energy": "low"}},
         GOOD_STEP | {"uid": "new-type", "type": "sleep", "data": {"hours": 7.5, "x": [1, "a"]}}]


@pytest.mark.parametrize("record", MALFORMED, ids=lambda r: r["uid"] if isinstance(r, dict) else r)
def test_malformed_records_are_named(record: object) -> None:
    assert record_problem(record) is not None


def test_good_records_pass() -> None:
    assert record_problem(GOOD_STEP) is None
    for record in NEWER:
        assert record_problem(record) is None, record["uid"]


def write_month(records: list[object]) -> None:
    directory = data_dir()
    directory.mkdir(parents=True, mode=0o700)
    table = {str(n): r for n, r in enumerate(records, start=1)}
    path = directory / "records-2026-11.json"
    path.write_text(json.dumps({"records": table}))
    path.chmod(0o600)


def test_every_reader_skips_what_it_cannot_read() -> None:
    write_month([GOOD_STEP, *IN_FILES])
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
    assert f"{len(IN_FILES)} records could not be read and are left out" in result.stderr
    result = runner.invoke(cli, ["doctor"])
    assert result.exit_code == 1
    assert f"✗ {len(IN_FILES)} entries in the data files could not be read as records" \
        in result.stdout
    result = runner.invoke(cli, ["history", "--days", "3650"])
    assert "Mood check-in: 6/10 · calm" in result.stdout


def test_import_refuses_malformed_records(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "coach-export", "version": 1,
                                "records": [GOOD_STEP, *IN_FILES]}))
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 0
    assert "Imported 1 record; 0 were already here." in result.stdout
    assert f"{len(IN_FILES)} records could not be read and were left out:" in result.stderr
    assert "record 2: the record holds more than" not in result.stderr  # reasons in file order
    assert "record 2: started or ended is not a UTC time" in result.stderr


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_an_import_that_breaks_off_says_what_was_added(tmp_path: Path, value: str) -> None:
    """NaN is no JSON number: the import stops there and says exactly how far it got."""
    records = [GOOD_STEP | {"uid": f"r{n}", "day": f"2026-{n:02d}-01"} for n in range(1, 5)]
    text = json.dumps({"format": "coach-export", "version": 1, "records": records})
    text = text.replace('"uid": "r3"', f'"uid": "r3", "x": {value}')
    path = tmp_path / "export.json"
    path.write_text(text)
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 1
    assert f"coach stopped reading {path} after record 2" in result.stderr
    assert "Imported 2 records; 0 were already here. Nothing after that was added" in result.stdout
    assert sorted(r["uid"] for r in Store(data_dir()).well_formed()) == ["r1", "r2"]
    path.write_text(text.replace(f', "x": {value}', ""))  # fixed: the rest comes in, once
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert "Imported 2 records; 2 were already here." in result.stdout


def test_an_import_cut_short_says_so(tmp_path: Path) -> None:
    records = [GOOD_STEP | {"uid": f"r{n}"} for n in range(3)]
    text = json.dumps({"format": "coach-export", "version": 1, "records": records})
    path = tmp_path / "export.json"
    path.write_text(text[: text.index('"uid": "r2"') + 5])
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 1
    assert "the file ends in the middle (it may have been cut short)" in result.stderr
    assert "Imported 2 records" in result.stdout


def test_a_month_with_numbers_json_cannot_hold_is_kept_aside_and_the_rest_recovered() -> None:
    directory = data_dir()
    directory.mkdir(parents=True, mode=0o700)
    path = directory / "records-2026-11.json"
    nan = GOOD_STEP | {"uid": "nan", "data": {"rating": 6, "extra": float("nan")}}
    huge = GOOD_STEP | {"uid": "huge", "data": {"rating": 6, "extra": 10 ** 30}}
    path.write_text(json.dumps({"records": {"1": GOOD_STEP, "2": nan, "3": huge}}))
    path.chmod(0o600)
    store = Store(directory)
    notices = store.check()
    assert len(notices) == 1 and "was damaged" in notices[0]
    copies = list(directory.glob("records-2026-11.json.damaged-*"))
    assert len(copies) == 1 and "1000000000000000000000000000000" in copies[0].read_text()
    assert [r["uid"] for r in store.well_formed()] == ["g"]


def test_an_import_that_cannot_be_saved_does_not_ask_to_fix_the_file(tmp_path: Path) -> None:
    """Nothing in the file is wrong when coach cannot save it: the advice says so."""
    records = [GOOD_STEP | {"uid": f"r{n}", "day": f"2026-{n:02d}-01"} for n in range(1, 5)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "coach-export", "version": 1, "records": records}))
    in_the_way = data_dir() / f"records-2026-03.{device_id()}.json"  # this device's file
    in_the_way.mkdir(parents=True)  # March cannot be saved
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 1
    assert f"coach stopped importing {path}: could not save to {in_the_way}" in result.stderr
    assert ("Imported 2 records; 0 were already here. Nothing after that was added. Nothing "
            f"in {path.name} is wrong: once coach can save to {in_the_way.parent} again, "
            "importing it again adds only what is missing.") in result.stdout
    assert "fixed" not in result.output


def test_an_import_that_stops_at_a_mistake_in_the_file_asks_to_fix_it(tmp_path: Path) -> None:
    records = [GOOD_STEP | {"uid": f"r{n}", "day": f"2026-{n:02d}-01"} for n in range(1, 5)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "coach-export", "version": 1, "records": records})
                    .replace('"uid": "r3"', '"uid": "r3", "x": NaN'))
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert ("Imported 2 records; 0 were already here. Nothing after that was added; once "
            f"{path.name} is fixed there, importing it again adds only what is missing."
            ) in result.stdout


def test_an_import_whose_file_cannot_be_read_to_the_end_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read that fails (a disk, a network share) is no mistake in the file to fix."""
    import errno

    from coach.store.importing import ReadLimit

    records = [GOOD_STEP | {"uid": f"r{n}", "note": "x" * 1000} for n in range(600)]
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"format": "coach-export", "version": 1, "records": records}))
    real_read = ReadLimit.read
    reads: list[int] = []

    def failing_read(self: ReadLimit, size: int = -1) -> bytes:
        reads.append(size)
        if len(reads) > 2:
            raise OSError(errno.EIO, "Input/output error")
        return real_read(self, size)

    monkeypatch.setattr(ReadLimit, "read", failing_read)
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 1
    assert f"coach stopped reading {path} after record" in result.stderr
    assert ": input/output error" in result.stderr
    assert (f"Nothing after that was added; once {path.name} can be read to the end, importing "
            "it again adds only what is missing.") in result.stdout
