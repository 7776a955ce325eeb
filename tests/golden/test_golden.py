"""Each file coach keeps on disk is written as its golden sample, and read back unchanged.

A sample (tests/golden/<format>.json) is the file as coach wrote it when its format last
changed on purpose (see make.py). If one of these tests fails, a format changed: files
already on people's disks are in the old one. Bump the format's version in
coach/foundation/formats.py, migrate older files (or let them be rebuilt, as digests are), and
regenerate the samples with `.venv/bin/python tests/golden/make.py`.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.golden import make

GOLDEN = Path(__file__).resolve().parent


def changed(fmt: str) -> str:
    name = make.SAMPLES[fmt]
    return (f"the {fmt} format changed (tests/golden/{name} no longer matches). Files on "
            "people's disks are in the old one: bump its version in coach/foundation/formats.py, "
            "migrate older files (or rebuild them, as digests are), and regenerate the "
            "samples with `.venv/bin/python tests/golden/make.py`")


def golden(fmt: str) -> bytes:
    return (GOLDEN / make.SAMPLES[fmt]).read_bytes()


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return make.samples(tmp_path_factory.mktemp("written"))


@pytest.mark.parametrize("fmt", list(make.SAMPLES))
def test_coach_writes_each_format_as_its_golden_sample(
        fmt: str, written: dict[str, bytes]) -> None:
    assert written[make.SAMPLES[fmt]] == golden(fmt), changed(fmt)


def _month_file(data: bytes, folder: Path) -> bytes:
    from coach.store.atomic_storage import AtomicJSONStorage

    (folder / "records-2026-11.json").write_bytes(data)
    document = AtomicJSONStorage(folder / "records-2026-11.json").read()
    assert document is not None
    AtomicJSONStorage(folder / "again.json").write(document)
    return (folder / "again.json").read_bytes()


def _digest(data: bytes, folder: Path) -> bytes:
    from coach.store.digest import Digest

    digest = Digest.from_json(orjson.loads(data))
    assert digest is not None, "the digest reader refused the golden digest"
    return orjson.dumps(digest.to_json())


def _digest_index(data: bytes, folder: Path) -> bytes:
    from coach.store.months import index_bytes, read_index

    (folder / "index.json").write_bytes(data)
    index = read_index(folder / "index.json")
    assert index, "the index reader refused the golden index"
    return index_bytes(index)


def _routine_series(data: bytes, folder: Path) -> bytes:
    from coach.store.series import Series

    series = Series.from_bytes(data)
    assert series is not None, "the series reader refused the golden series"
    return series.to_bytes()


def _ledger(data: bytes, folder: Path) -> bytes:
    from coach.store.series import Ledger

    ledger = Ledger.from_bytes(data)
    assert ledger is not None, "the ledger reader refused the golden ledger"
    return ledger.to_bytes()


def _all_figures(data: bytes, folder: Path) -> bytes:
    from coach.insight.all_history import save_figures, figures_from_bytes

    read = figures_from_bytes(data)
    assert read is not None, "the reader refused the golden figures over all history"
    stamps, latest, figures, parts = read
    assert latest is not None
    save_figures(folder / "all-figures.json", stamps, latest, figures, parts)
    return (folder / "all-figures.json").read_bytes()


def _all_better_days(data: bytes, folder: Path) -> bytes:
    from coach.insight.all_better_days import better_days_from_bytes, save_better_days

    read = better_days_from_bytes(data)
    assert read is not None, "the reader refused the golden better days over all history"
    save_better_days(folder / "all-better-days.json", *read)
    return (folder / "all-better-days.json").read_bytes()


def _export(data: bytes, folder: Path) -> bytes:
    from coach.store.export import to_json
    from coach.store.importing import read_export

    records = list(read_export(io.BytesIO(data)))
    return to_json(records, orjson.loads(data)["exported"]).encode()


def _typing_draft(data: bytes, folder: Path) -> bytes:
    from coach.store import typing

    path = typing.path_for(folder, make.SESSION)
    path.write_bytes(data)
    record, problem = typing._read(path, make.SESSION)
    assert record is not None, problem
    os.remove(path)
    typing.keep(folder, record)
    return path.read_bytes()


def _support_memory(data: bytes, folder: Path) -> bytes:
    from coach.support.memory import MEMORY_FILE_NAME, Memory

    (folder / MEMORY_FILE_NAME).write_bytes(data)
    memory = Memory(folder)
    offered = memory.offered_on()
    assert memory.statement_seen() and offered is not None
    (folder / MEMORY_FILE_NAME).unlink()
    assert Memory(folder).mark_statement_seen()
    memory = Memory(folder)
    assert memory.mark_offered(offered)
    return (folder / MEMORY_FILE_NAME).read_bytes()


READ_AND_WRITE: dict[str, Any] = {
    "month file": _month_file,
    "digest": _digest,
    "digest index": _digest_index,
    "routine series": _routine_series,
    "ledger": _ledger,
    "figures over all history": _all_figures,
    "better days over all history": _all_better_days,
    "export": _export,
    "typing draft": _typing_draft,
    "support memory": _support_memory,
}


@pytest.mark.parametrize("fmt", list(make.SAMPLES))
def test_each_golden_sample_reads_back_and_is_written_again_unchanged(
        fmt: str, tmp_path: Path) -> None:
    assert READ_AND_WRITE[fmt](golden(fmt), tmp_path) == golden(fmt), changed(fmt)


def test_every_format_has_a_sample_and_nothing_else_lies_here() -> None:
    kept = {path.name for path in GOLDEN.iterdir()
            if path.is_file() and path.suffix == ".json"}
    assert kept == set(make.SAMPLES.values())
    assert set(READ_AND_WRITE) == set(make.SAMPLES)



def test_each_sample_carries_the_version_coach_formats_declares() -> None:
    from coach.foundation import formats

    month = orjson.loads(golden("month file"))["records"].values()
    export = orjson.loads(golden("export"))
    assert {record["v"] for record in month} == {formats.RECORD_VERSION}
    assert orjson.loads(golden("typing draft"))["v"] == formats.RECORD_VERSION
    assert orjson.loads(golden("digest"))["v"] == formats.DIGEST_VERSION
    assert orjson.loads(golden("digest index"))["v"] == formats.INDEX_VERSION
    assert orjson.loads(golden("routine series"))["v"] == formats.SERIES_VERSION
    assert orjson.loads(golden("ledger"))["v"] == formats.SERIES_VERSION
    assert orjson.loads(golden("figures over all history"))["v"] == formats.ALL_FIGURES_VERSION
    assert export["version"] == formats.EXPORT_VERSION
    assert {record["v"] for record in export["records"]} == {formats.RECORD_VERSION}


def test_the_digest_and_its_index_read_as_named_records(tmp_path: Path) -> None:
    from coach.store.digest import Digest
    from coach.store.months import read_index

    digest = Digest.from_json(orjson.loads(golden("digest")))
    assert digest is not None
    plan, review = digest.plans["walk-1"], digest.reviews["walk-1"]
    assert (plan.name, plan.predicted, plan.day) == ("Walk by the river", 6, "2026-11-23")
    assert (review.done, review.pleasure, review.mastery) == (True, 8, 5)
    assert [(r.step_type, r.before, r.after) for r in digest.distress] == [("breathing", 6, 3)]
    assert [(m.rating, m.part, m.routine) for m in digest.mood_parts["2026-11-23"]] == \
        [(7, "m", "golden")]
    assert [(c.day, c.weekdays) for c in digest.schedules["golden"]] == \
        [("2026-11-23", [0, 2, 4])]
    assert [(c.day, c.form, c.total) for c in digest.checks] == [("2026-11-23", "gad7", 5)]
    (tmp_path / "index.json").write_bytes(golden("digest index"))
    month = read_index(tmp_path / "index.json")["records-2026-11.json"]
    assert (month.records, month.malformed, month.finished, month.misplaced) == \
        (11, 0, ["golden"], 0)
    assert month.stamp == (3760, make.STAMP_NS, make.STAMP_NS, make.STAMP_INODE)
