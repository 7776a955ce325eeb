"""The installed coach with its data folder on a real, full file system (a small tmpfs):
a routine done while nothing can be written is all there once room comes back."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from coach.store import Store
from coach.support.memory import Memory
from tests.e2e.test_terminal import env_for
from tests.e2e.test_ways_out import notes_routine
from tests.e2e.tmux import coach_executable, terminal


@contextmanager
def small_disk(path: Path) -> Iterator[Path]:
    """A 1 MB file system at `path`, of its own, taken away afterwards."""
    if os.geteuid() != 0:
        message = "mounting a small tmpfs for a full disk needs root"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI runs as root)")
        pytest.skip(message)
    path.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m,mode=0700", "tmpfs", str(path)],
                   check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


def fill(folder: Path) -> Path:
    """Write a file until the file system is full; the file."""
    filler = folder / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError:
        pass
    finally:
        os.close(fd)
    return filler


def test_a_routine_done_on_a_full_disk_is_saved_once_there_is_room(
        coach_dirs: dict[str, Path]) -> None:
    notes_routine(coach_dirs)
    with small_disk(coach_dirs["data"]) as data:
        Memory(data).mark_statement_seen()
        filler = fill(data)
        with terminal([coach_executable(), "run", "notes"], env_for(coach_dirs),
                      width=100, height=30) as term:
            term.wait_for_text("Step 1 of 2")
            term.wait_for_text("Saving is behind")  # the short note
            term.type("A kind word to myself")
            term.wait_for_text("A kind word to myself")
            term.send("C-n")
            term.wait_for_text("Step 2 of 2")
            term.send("6")
            term.send("C-n")
            screen = term.wait_for_text("Not all of this is saved yet")
            assert "You did 2 of 2 steps" in screen
            assert not list(data.glob("records-*.json"))
            filler.unlink()
            term.wait_for_text("Everything is saved now.", timeout=20)
            term.send("Enter")
            term.wait_for_text("✓ done today")
            term.send("q")
            term.wait_until_closed()
        records = Store(data).records()
        assert [(r["kind"], r.get("event") or r["step"]) for r in records] == [
            ("session", "started"), ("step", "journal"), ("step", "mood"),
            ("session", "finished")]
        assert records[1]["data"]["text"] == "A kind word to myself"
