"""A failed atomic write leaves the old content and nothing else beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.foundation.files import atomic_write, atomic_writer


def test_a_write_that_fails_part_way_leaves_the_old_file_and_no_temporary_one(
        tmp_path: Path) -> None:
    path = tmp_path / "records.json"
    atomic_write(path, b"old")
    with pytest.raises(RuntimeError), atomic_writer(path) as handle:
        handle.write(b"half of the ne")
        raise RuntimeError("the disk filled up")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.json"]


def test_a_rename_that_fails_leaves_no_temporary_file(tmp_path: Path) -> None:
    folder = tmp_path / "records.json"  # a folder where the file should go: rename fails
    (folder / "inside").mkdir(parents=True)
    with pytest.raises(OSError):
        atomic_write(folder, b"new")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.json"]
