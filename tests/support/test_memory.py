"""The support memory: first-run statement seen, and the day the plan was last offered."""

from __future__ import annotations

import os
import stat
from datetime import date

import pytest

from coach.support.memory import MEMORY_FILE_NAME, Memory


def test_it_remembers_across_runs(tmp_path) -> None:
    memory = Memory(tmp_path / "data")
    assert not memory.statement_seen() and memory.offered_on() is None
    assert memory.mark_statement_seen()
    assert memory.mark_offered(date(2026, 11, 22))
    again = Memory(tmp_path / "data")
    assert again.statement_seen()
    assert again.offered_on() == date(2026, 11, 22)


@pytest.mark.parametrize("content", [b"{not json", b"[1, 2]", b'{"offered_on": "yesterday"}',
                                     b'{"offered_on": 5, "statement_seen": "yes"}', b"\xff\xfe",
                                     b"x" * 10_000])
def test_a_damaged_file_is_tolerated_and_replaced(tmp_path, content: bytes) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / MEMORY_FILE_NAME).write_bytes(content)
    memory = Memory(tmp_path / "data")
    assert not memory.statement_seen() and memory.offered_on() is None
    memory.mark_offered(date(2026, 11, 22))
    assert Memory(tmp_path / "data").offered_on() == date(2026, 11, 22)


def test_a_link_in_its_place_is_not_followed(tmp_path) -> None:
    (tmp_path / "data").mkdir()
    target = tmp_path / "elsewhere.json"
    target.write_text('{"statement_seen": true}')
    os.symlink(target, tmp_path / "data" / MEMORY_FILE_NAME)
    memory = Memory(tmp_path / "data")
    assert not memory.statement_seen()
    memory.mark_statement_seen()
    assert target.read_text() == '{"statement_seen": true}'
    assert not (tmp_path / "data" / MEMORY_FILE_NAME).is_symlink()


def test_the_file_is_private_whatever_the_umask(tmp_path) -> None:
    old = os.umask(0)
    try:
        Memory(tmp_path / "data" / "deeper").mark_statement_seen()
    finally:
        os.umask(old)
    path = tmp_path / "data" / "deeper" / MEMORY_FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "data").stat().st_mode) == 0o700


def test_a_folder_that_cannot_be_written_is_survived(tmp_path) -> None:
    (tmp_path / "data").write_text("a file where the folder should be")
    memory = Memory(tmp_path / "data")
    assert memory.mark_statement_seen() is False
    assert memory.statement_seen()  # still remembered while it lives
