"""Crashes and concurrency: killed writers and parallel writers never lose or corrupt records."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from coach.store import Store
from tests.store.writer import MOMENTS

REPO = Path(__file__).resolve().parents[2]


#: Writers that know no device (records-2026-11.json), and writers of one device
#: (records-2026-11.<device>.json): one lock guards both.
DEVICES = pytest.mark.parametrize("device", ["", "k3v7q2ma"], ids=["no device", "a device"])


def start_writer(directory: Path, count: int, label: str,
                 stop: tuple[str, int] | None = None,
                 device: str = "") -> subprocess.Popen[str]:
    """`stop`: the moment and the write at which the writer waits to be killed."""
    moment = [stop[0], str(stop[1])] if stop else []
    return subprocess.Popen([sys.executable, "-m", "tests.store.writer", str(directory),
                             str(count), label, *moment], cwd=REPO, stdout=subprocess.PIPE,
                            text=True, env={**os.environ, "PYTHONPATH": str(REPO),
                                            "WRITER_DEVICE": device})


def all_uids(directory: Path) -> list[str]:
    uids = []
    for path in directory.glob("records-*.json"):
        uids.extend(r["uid"] for r in json.loads(path.read_bytes())["records"].values())
    return uids


def leftovers(directory: Path) -> list[Path]:
    return list(directory.glob(".records-*.tmp"))


def test_kill_9_at_every_moment_of_a_write_loses_nothing_acknowledged(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    acknowledged: list[str] = []
    # The first write makes a file, the second another month; later ones replace files
    # that hold records already, some with long notes written in several pieces.
    writes = (1, 2, 5, 8)
    for write in writes:
        for moment in MOMENTS:
            tmp_before = set(leftovers(directory))
            writer = start_writer(directory, 10, "killed", stop=(moment, write))
            assert writer.stdout is not None
            lines = []
            while (line := writer.stdout.readline().strip()) != "stopped":
                assert line, f"the writer ended before it stopped ({moment}, write {write})"
                lines.append(line)
            writer.send_signal(signal.SIGKILL)
            out, _ = writer.communicate(timeout=30)
            assert out == ""
            assert len(lines) == (write if moment == "acknowledged" else write - 1)
            acknowledged.extend(lines)
            # Every file parses after every kill, whatever the moment.
            stored = all_uids(directory)
            assert set(acknowledged) <= set(stored)
            assert len(stored) == len(set(stored))
            left = set(leftovers(directory)) - tmp_before
            assert len(left) == (1 if moment in ("half", "whole") else 0)
            if moment == "half":  # the kill really landed in the middle of a write
                with pytest.raises(ValueError):
                    json.loads(left.pop().read_bytes())
    assert len(acknowledged) == sum(5 * write - 4 for write in writes)
    store = Store(directory)
    assert store.check() == []  # nothing damaged
    assert leftovers(directory) == []  # leftovers cleaned


@DEVICES
def test_parallel_writers_lose_and_duplicate_nothing(tmp_path: Path, device: str) -> None:
    directory = tmp_path / "data"
    writers = [start_writer(directory, 60, f"w{n}", device=device) for n in range(4)]
    acknowledged = []
    for writer in writers:
        out, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0
        acknowledged.extend(out.split())
    stored = all_uids(directory)
    assert len(acknowledged) == 240
    assert sorted(stored) == sorted(acknowledged)
    assert sorted(path.name for path in directory.glob("records-*.json")) == [
        f"records-2026-{month}{f'.{device}' if device else ''}.json" for month in (10, 11)]


@DEVICES
def test_a_reader_during_writes_always_sees_whole_files(tmp_path: Path, device: str) -> None:
    directory = tmp_path / "data"
    writer = start_writer(directory, 150, "w", device=device)
    store = Store(directory)
    counts = []
    while writer.poll() is None:
        counts.append(len(store.records()))
    assert writer.returncode == 0
    assert store.notices == []  # never a damaged read, so nothing was repaired
    # Each month file is replaced whole, so a later read never sees fewer records...
    assert counts == sorted(counts)
    # ...and this was tested while the writing went on, not only before and after it.
    assert any(0 < count < 150 for count in counts), counts[:3] + counts[-3:]
    assert len(store.records()) == 150
