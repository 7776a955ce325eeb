"""coach import reads an export however it is laid out: the layout is not a contract.

The same records written as `coach export` writes them, on one line, pretty-printed,
several to a line, with the closing brackets on the last record's line, with a UTF-8
byte-order mark or CRLF line ends all import to the same store; and a stream read a few
bytes at a time (so that every value is cut by the window somewhere) reads what
`json.loads` reads.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.cli import cli
from coach.foundation.paths import data_dir
from coach.store import Store
from coach.store.export import to_csv, to_json
from coach.store.importing import NotAnExport, read_export
from tests.store.test_hostile_imports import JSON_VALUES
from tests.store.test_malformed_records import GOOD_STEP
from tests.test_printers_property import well_formed_records

JOURNAL = GOOD_STEP | {"type": "journal", "step": "evening-journal",
                       "data": {"prompt": "What went well?",
                                "text": 'Tea with Ana ☕, "a walk" ]} [{\nthen rain 🌧'}}
RECORDS = [JOURNAL | {"uid": f"r{n}", "day": f"2026-{n:02d}-01"} for n in range(1, 6)]
HEADER = {"format": "coach-export", "version": 1, "exported": "2026-11-22T20:00:00.000Z"}


def as_export(records: list[dict[str, Any]], **dumps: Any) -> str:
    return json.dumps(HEADER | {"records": records}, **dumps)


def several_a_line(records: list[dict[str, Any]]) -> str:
    """Coach's own first line, then records two and three to a line."""
    own = to_json(records, HEADER["exported"]).splitlines()
    rows = [",".join(own[1:3]).replace(",,", ","), " ".join(own[3:-1])]
    return "\n".join([own[0], *rows, own[-1]])


def closed_on_the_last_line(records: list[dict[str, Any]]) -> str:
    return to_json(records, HEADER["exported"]).replace("\n]}\n", "]}")


LAYOUTS = {
    "coach's own": lambda records: to_json(records, HEADER["exported"]),
    "compact, one line": lambda records: as_export(records, separators=(",", ":")),
    "indent=2": lambda records: as_export(records, indent=2),
    "indent=0": lambda records: as_export(records, indent=0),
    "text not escaped": lambda records: as_export(records, ensure_ascii=False, indent="\t"),
    "several records a line": several_a_line,
    "]} on the last record's line": closed_on_the_last_line,
    "a byte-order mark": lambda records: "\ufeff" + to_json(records, HEADER["exported"]),
    "CRLF line ends": lambda records: to_json(records, HEADER["exported"]).replace("\n", "\r\n"),
    "keys sorted: records before version": lambda records: as_export(records, sort_keys=True),
    "records first": lambda records: json.dumps({"records": records} | HEADER, indent=1),
    "CRLF, indented": lambda records: as_export(records, indent=1).replace("\n", "\r\n"),
}


def imported(path: Path) -> list[dict[str, Any]]:
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"Imported {len(RECORDS)} records; 0 were already here."
    return sorted(Store(data_dir()).well_formed(), key=lambda r: r["uid"])


@pytest.mark.parametrize("layout", LAYOUTS.values(), ids=LAYOUTS.keys())
def test_every_layout_imports_to_the_same_store(tmp_path: Path, layout, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    own = tmp_path / "own.json"
    own.write_text(LAYOUTS["coach's own"](RECORDS), encoding="utf-8")
    expected = imported(own)
    assert [r["data"]["text"] for r in expected] == [JOURNAL["data"]["text"]] * len(RECORDS)

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "other"))
    other = tmp_path / "other.json"
    other.write_bytes(layout(RECORDS).encode("utf-8"))
    assert imported(other) == expected


def test_a_csv_export_is_named_as_csv(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(to_csv(RECORDS), encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 1
    assert "coach import reads JSON exports (this looks like a CSV file)" in result.stderr
    assert "NaN" not in result.output
    path.write_text("\ufeff" + to_csv(RECORDS).replace(",", ";"), encoding="utf-8")  # a spreadsheet's
    assert "this looks like a CSV file" in CliRunner().invoke(cli, ["import", str(path)]).stderr


@pytest.mark.parametrize("text, words", [
    pytest.param("  \r\n\t ", "it is empty", id="white space"),
    pytest.param("\ufeff", "it is empty", id="a byte-order mark alone"),
    pytest.param(as_export(RECORDS) + as_export(RECORDS), "there is more after its end",
                 id="two exports in one file"),
    pytest.param(as_export(RECORDS).replace("}]", "},]"), "not valid JSON", id="comma at end"),
    pytest.param(as_export(RECORDS).replace("}, {", "} {", 1), "a comma is missing",
                 id="comma missing"),
])
def test_what_json_load_refuses_is_refused(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 1 and words in result.stderr, result.output
    assert "Traceback" not in result.output


def test_a_lone_surrogate_escape_refuses_that_record_only(tmp_path: Path) -> None:
    """json.load reads "\\ud83d" alone, but no file can hold it as UTF-8: that record is left
    out, with the reason, and the others are imported."""
    text = as_export(RECORDS).replace("\\ud83c\\udf27", "\\ud83c", 1)
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exit_code == 0, result.output
    assert "Imported 4 records" in result.stdout
    assert "record 1: the record holds half of a character" in result.stderr


# -- any layout, read through a window a few bytes wide -----------------------------------------

def dumped(document: object, indent: int | str | None, separators: tuple[str, str] | None,
           ascii_only: bool, sort_keys: bool, crlf: bool, bom: bool) -> bytes:
    text = json.dumps(document, indent=indent, separators=separators, ensure_ascii=ascii_only,
                      sort_keys=sort_keys)
    if crlf:
        text = text.replace("\n", "\r\n")
    return (b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8", "surrogatepass")


LAYOUT = st.fixed_dictionaries(dict(
    indent=st.sampled_from([None, 0, 1, 2, 4, "\t", " \n "]),
    separators=st.sampled_from([None, (",", ":"), (" , ", " : "), (",\n", ":\t")]),
    ascii_only=st.booleans(), sort_keys=st.booleans(), crlf=st.booleans(), bom=st.booleans()))


def read_all(data: bytes, piece: int) -> list[Any]:
    return list(read_export(io.BytesIO(data), piece))


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(well_formed_records(max_size=6), st.integers(1, 40), LAYOUT)
def test_an_export_in_any_json_dumps_layout_reads_as_the_same_records(
        records: list[dict[str, Any]], piece: int, layout: dict[str, Any]) -> None:
    exported = to_json(records, HEADER["exported"])
    data = dumped(json.loads(exported), **layout)
    assert read_all(data, piece) == json.loads(exported)["records"]
    assert read_all(data, 1 << 20) == json.loads(exported)["records"]


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(JSON_VALUES, max_size=5), st.integers(1, 30), st.integers(0, 10_000),
       st.sampled_from([b"", b"x", b"]", b"}", b",", b'"', b"\\", b"\xff"]), LAYOUT)
def test_a_window_reads_what_json_loads_reads_and_refuses_the_rest(
        values: list[Any], piece: int, cut: int, junk: bytes, layout: dict[str, Any]) -> None:
    """Whatever the values (NaN, huge numbers, any text), however cut and whatever follows:
    where json.loads reads the export, the window reads the same records; where it does
    not, or where the text holds NaN or Infinity, the import is refused with words."""
    data = dumped(HEADER | {"records": values}, **layout)
    data = data[:cut] + junk if cut < len(data) or junk else data
    try:
        expected = json.loads(data.decode("utf-8-sig"), parse_constant=_refuse)
        expected = expected["records"] if isinstance(expected, dict) else None
    except (ValueError, UnicodeDecodeError, KeyError):
        expected = None
    try:
        got = read_all(data, piece)
    except NotAnExport as err:
        assert expected is None or _unreadable(expected), (str(err), expected)
        assert str(err)
        return
    assert got == expected or _unreadable(expected)


def _refuse(name: str) -> None:
    raise ValueError(name)


def _unreadable(records: list[Any]) -> bool:
    """What json.loads reads but an import does not hand out: a lone surrogate (the reader
    passes over that record, with the reason) and infinity (1e999: the reader stops)."""
    text = json.dumps(records)
    return "\\ud" in text or "Infinity" in text
