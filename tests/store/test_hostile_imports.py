"""coach import against files that are not what they claim: deep, huge, endless, cut short."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.cli import cli
from coach.foundation.paths import data_dir
from coach.store import Store
from coach.store.export import to_json
from tests.store.test_malformed_records import GOOD_STEP

REPO = Path(__file__).resolve().parents[2]
RECORDS = [GOOD_STEP | {"uid": f"r{n}", "day": f"2026-{n:02d}-01"} for n in range(1, 5)]


def own_layout(records: list[object]) -> str:
    """As `coach export` writes it: a record a line."""
    return to_json(records, "2026-11-22T20:00:00.000Z")  # type: ignore[arg-type]


def other_layout(records: list[object]) -> str:
    """Any other JSON of the same shape, as a person or another tool might write it."""
    return json.dumps({"format": "coach-export", "version": 1, "records": records}, indent=2)


LAYOUTS = [pytest.param(own_layout, id="own-layout"), pytest.param(other_layout, id="other")]


def import_file(path: Path):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["import", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def coach_in_a_box(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """The real command, with at most 1 GB of memory and a time limit: a regression fails
    the test instead of taking the machine down with it."""
    limit = "import resource; resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))"
    code = f"{limit}; import sys; from coach.main import main; main(sys.argv[1:])"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          timeout=timeout, cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})


@pytest.mark.parametrize("layout", LAYOUTS)
def test_either_layout_imports_every_record_once(tmp_path: Path, layout) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "export.json"
    path.write_text(layout(RECORDS))
    assert "Imported 4 records; 0 were already here." in import_file(path).stdout
    assert "Imported 0 records; 4 were already here." in import_file(path).stdout
    assert sorted(r["uid"] for r in Store(data_dir()).well_formed()) == ["r1", "r2", "r3", "r4"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_nan_stops_the_import_and_says_how_far_it_got(tmp_path: Path, layout) -> None:  # type: ignore[no-untyped-def]
    text = layout(RECORDS).replace('"uid": "r3"', '"uid": "r3", "x": NaN') \
        .replace('"uid":"r3"', '"uid":"r3","x":NaN')
    assert "NaN" in text
    path = tmp_path / "export.json"
    path.write_text(text)
    result = import_file(path)
    assert result.exit_code == 1
    assert "after record 2: it is not valid JSON there" in result.stderr
    assert "NaN and Infinity are not numbers JSON allows" in result.stderr
    assert "Imported 2 records; 0 were already here. Nothing after that was added" in result.stdout


@pytest.mark.parametrize("layout", LAYOUTS)
def test_a_file_cut_short_says_so(tmp_path: Path, layout) -> None:  # type: ignore[no-untyped-def]
    text = layout(RECORDS)
    path = tmp_path / "export.json"
    path.write_text(text[: text.index("r3") + 2])
    result = import_file(path)
    assert result.exit_code == 1
    assert "the file ends in the middle (it may have been cut short)" in result.stderr
    assert "Imported 2 records" in result.stdout


@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("opening", ["[", '{"a":'])
def test_deep_nesting_is_refused_record_by_record_in_bounded_memory(
        tmp_path: Path, layout, opening: str) -> None:  # type: ignore[no-untyped-def]
    """ijson's items() took 24 GB on 100,000 levels; now the record is refused, the rest kept."""
    closing = "]" if opening == "[" else "}"
    deep = opening * 100_000 + "1" + closing * 100_000
    text = layout([RECORDS[0], {"deep": "PLACEHOLDER"}, RECORDS[1]])
    text = text.replace('"PLACEHOLDER"', deep)
    path = tmp_path / "export.json"
    path.write_text(text)
    result = coach_in_a_box("import", str(path))
    assert result.returncode == 0, result.stderr
    assert "Imported 2 records" in result.stdout
    assert "record 2: the record is nested more than 12 levels deep" in result.stderr


@pytest.mark.parametrize("make", ["fifo", "folder", "device"])
def test_what_is_not_a_file_is_refused_unread(tmp_path: Path, make: str) -> None:
    path = {"fifo": tmp_path / "pipe.json", "folder": tmp_path / "dir.json",
            "device": Path("/dev/zero")}[make]
    if make == "fifo":
        os.mkfifo(path)
    elif make == "folder":
        path.mkdir()
    result = coach_in_a_box("import", str(path), timeout=20)
    assert result.returncode == 1
    assert "not a file" in result.stderr and "Traceback" not in result.stderr


def test_a_file_bigger_than_any_export_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as handle:  # sparse: no disk is used
        handle.truncate(1024 ** 3 + 1)
    result = coach_in_a_box("import", str(path), timeout=20)
    assert result.returncode == 1 and "an export to import may be at most" in result.stderr


@pytest.mark.parametrize("text, words", [
    ("[1, 2]", "not a coach JSON export"),
    ('{"format": "coach-export", "version": 2, "records": []}', "made by a newer coach"),
    ('{"format": "coach-export", "version": true, "records": []}', "version is not a number"),
    ('{"format": "coach-export", "version": 1, "records": {}}', "records are not a list"),
    ('{"format": "coach-export", "version": 1}', "holds no list of records"),
    ('{"records": [], "format": "another-app", "version": 1}', "not a coach JSON export"),
    ('{"records": [{}], "version": 1}', "not a coach JSON export"),
    ('{"records": [], "version": 2, "format": "coach-export"}', "made by a newer coach"),
    ("", "not a coach JSON export"),
    ("\xff\xfe", "not valid JSON"),
])
def test_what_is_not_an_export_is_named(tmp_path: Path, text: str, words: str) -> None:
    path = tmp_path / "export.json"
    path.write_text(text, encoding="latin-1")
    result = import_file(path)
    assert result.exit_code == 1 and words in result.output, result.output
    assert not (data_dir() / "records-2026-01.json").exists()


def json_values(numbers: st.SearchStrategy[object]) -> st.SearchStrategy[object]:
    return st.recursive(
        st.none() | st.booleans() | numbers | st.text(max_size=20),
        lambda children: st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=10), children, max_size=4), max_leaves=20)


JSON_VALUES = json_values(st.integers() | st.floats())  # NaN and huge numbers included
# What orjson can write in coach's own layout: 64-bit integers, finite floats.
PLAIN_VALUES = json_values(st.integers(-(2**63), 2**63 - 1) | st.floats(allow_nan=False,
                                                                         allow_infinity=False))
RECORD_KEYS = st.sampled_from(["uid", "kind", "day", "utc", "tz", "routine", "session", "step",
                               "type", "status", "event", "started", "ended", "data"])
PLAUSIBLE = st.sampled_from(["step", "session", "done", "mood", "2026-11-22",
                             "2026-11-22T07:00:00Z"])
RECORD_LIKE = st.dictionaries(RECORD_KEYS, JSON_VALUES | PLAUSIBLE, max_size=14)
PLAIN_RECORD_LIKE = st.dictionaries(RECORD_KEYS, PLAIN_VALUES | PLAUSIBLE, max_size=14)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(
    st.binary(max_size=300),
    st.lists(RECORD_LIKE | JSON_VALUES, max_size=6).map(
        lambda records: json.dumps({"format": "coach-export", "version": 1,
                                    "records": records}).encode()),
    st.lists(PLAIN_RECORD_LIKE, max_size=6).map(lambda records: own_layout(records).encode()),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    st.builds(lambda records, layout, cut, junk: (layout(records).encode()[:cut] + junk),
              st.lists(PLAIN_RECORD_LIKE, min_size=1, max_size=4),
              st.sampled_from([own_layout, other_layout]), st.integers(0, 2000),
              st.sampled_from([b"", b"NaN", b"\xff", b"}", b"]", b",", b'"']))
))
def test_any_file_gets_a_message_never_a_traceback(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.json"
        path.write_bytes(data)
        result = CliRunner(env={"COACH_DATA_DIR": str(Path(folder) / "data")}).invoke(
            cli, ["import", str(path)])
        assert result.exception is None or isinstance(result.exception, SystemExit), \
            repr(result.exception)
        assert result.exit_code in (0, 1)
        assert result.output.strip()
