"""Property: whatever import accepts, every export format writes safely, and JSON round-trips."""

from __future__ import annotations

import csv
import io
import re
import tempfile
from pathlib import Path
from typing import Any

import orjson
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings

from coach.cli import cli
from coach.store import Store
from tests.test_printers_property import well_formed_records

# Anything a terminal acts on; tab and newline are layout in CSV and Markdown.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                 "\u202a-\u202e\u2066-\u2069]")


def export(data: Path, *args: str) -> str:
    """The file written with -o: stdout passes through the CLI's own escaping, a file does not."""
    path = data.parent / "export.out"
    result = CliRunner(env={"COACH_DATA_DIR": str(data)}).invoke(
        cli, ["export", *args, "-o", str(path)])
    assert result.exception is None, result.exception
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(well_formed_records())
def test_every_format_writes_what_import_accepts_with_no_raw_control_character(
        records: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder) / "data"
        Store(data).import_records(records)
        for fmt in ("json", "csv", "markdown"):
            text = export(data, "--format", fmt, "--include-journal")
            assert not RAW.search(text), (fmt, RAW.search(text))
        text = export(data, "--format", "json")
        assert "\t" not in text  # JSON escapes tabs too
        rows = list(csv.DictReader(io.StringIO(export(data, "--format", "csv"))))
        assert len(rows) == len({r["uid"] for r in records})


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(well_formed_records())
def test_a_json_export_imports_back_as_the_same_records(records: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        first, second = Path(folder) / "first", Path(folder) / "second"
        Store(first).import_records(records)
        path = Path(folder) / "export.json"
        path.write_text(export(first, "--format", "json"), encoding="utf-8")
        result = CliRunner(env={"COACH_DATA_DIR": str(second)}).invoke(cli, ["import", str(path)])
        assert result.exit_code == 0, result.output
        assert "0 records could not be read" not in result.output
        expected = {r["uid"]: orjson.loads(orjson.dumps(r)) for r in Store(first).well_formed()}
        got = {r["uid"]: r for r in Store(second).well_formed()}
        assert got == expected
