"""Crashes and concurrency: killed writers and parallel writers never lose or corrupt records."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from coach.store import Store

REPO = Path(__file__).resolve().parents[2]


def start_writer(directory: Path, count: int, label: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "tests.store.writer", str(directory),
                             str(count), label], cwd=REPO, stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})


def all_uids(directory: Path) -> list[str]:
    uids = []
    for path in directory.glob("records-*.json"):
        uids.extend(r["uid"] for r in json.loads(path.read_bytes())["records"].values())
    return uids


def test_kill_9_at_random_moments_loses_nothing_acknowledged(tmp_path: Path) -> None:
    rng = random.Random(2026)
    directory = tmp_path / "data"
    acknowledged: list[str] = []
    trials = 30
    interrupted = 0
    for _ in range(trials):
        writer = start_writer(directory, 10_000, "killed")
        time.sleep(0.25 + rng.random() * 0.35)  # past start-up, into the writing
        writer.send_signal(signal.SIGKILL)
        out, _ = writer.communicate()
        acknowledged.extend(out.split())
        interrupted += bool(list(directory.glob(".records-*.tmp")))
        # Every file parses after every kill, whatever the moment.
        stored = all_uids(directory)
        assert set(acknowledged) <= set(stored)
        assert len(stored) == len(set(stored))
    assert len(acknowledged) > trials  # the writer really was writing when killed
    assert interrupted >= 3  # and some kills landed in the middle of a write
    store = Store(directory)
    assert store.check() == []  # nothing damaged
    assert list(directory.glob(".records-*.tmp")) == []  # leftovers cleaned


def test_parallel_writers_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    writers = [start_writer(directory, 60, f"w{n}") for n in range(4)]
    acknowledged = []
    for writer in writers:
        out, _ = writer.communicate(timeout=120)
        assert writer.returncode == 0
        acknowledged.extend(out.split())
    stored = all_uids(directory)
    assert len(acknowledged) == 240
    assert sorted(stored) == sorted(acknowledged)


def test_a_reader_during_writes_always_sees_whole_files(tmp_path: Path) -> None:
    directory = tmp_path / "data"
    writer = start_writer(directory, 150, "w")
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
