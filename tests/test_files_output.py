"""output_writer: a path a person chose is written whatever is there (a file, a link, a pipe,
a device), and nothing that is not a file is ever replaced by one."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from coach.foundation.files import CannotWrite, inherited_fd, output_writer
from tests.outputs import FifoReader, leftovers

def write(path: Path, *chunks: bytes, mode: int = 0o600) -> bool:
    """Write the chunks through output_writer; whether a file was written."""
    with output_writer(path, mode) as output:
        for chunk in chunks:
            output.write(chunk)
    return output.is_file


def refusal(path: Path) -> str:
    with pytest.raises(CannotWrite) as caught:
        write(path, b"records\n")
    assert str(caught.value) == f"could not write {path}: {caught.value.reason}"
    return caught.value.reason


def test_a_new_file_is_written_whole_and_private(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    assert write(path, b"one ", b"two\n") is True
    assert path.read_bytes() == b"one two\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == []


def test_a_file_is_replaced_only_when_the_block_ends(tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_bytes(b"old\n")
    with pytest.raises(RuntimeError):
        with output_writer(path) as output:
            output.write(b"half")
            raise RuntimeError("the export stopped")
    assert path.read_bytes() == b"old\n" and leftovers(tmp_path) == []
    write(path, b"new\n", mode=0o644)
    assert path.read_bytes() == b"new\n" and stat.S_IMODE(path.stat().st_mode) == 0o644


def test_an_error_of_the_block_itself_is_not_called_a_write_error(tmp_path: Path) -> None:
    with pytest.raises(PermissionError):
        with output_writer(tmp_path / "x.json"):
            raise PermissionError(13, "Permission denied", "records-2026-11.json")
    assert os.listdir(tmp_path) == []


def test_a_link_is_followed_and_the_file_it_names_replaced(tmp_path: Path) -> None:
    """The link (a dotfiles repository, a synced folder) stays a link."""
    (tmp_path / "synced").mkdir()
    target = tmp_path / "synced" / "export.json"
    target.write_bytes(b"old\n")
    link = tmp_path / "export.json"
    link.symlink_to("synced/export.json")
    assert write(link, b"new\n") is True
    assert link.is_symlink() and os.readlink(link) == "synced/export.json"
    assert target.read_bytes() == b"new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == [] and leftovers(tmp_path / "synced") == []


def test_a_chain_of_links_is_followed_to_its_file(tmp_path: Path) -> None:
    target = tmp_path / "file.json"
    target.write_bytes(b"old\n")
    (tmp_path / "middle").symlink_to(target)
    (tmp_path / "first").symlink_to(tmp_path / "middle")
    write(tmp_path / "first", b"new\n")
    assert (tmp_path / "first").is_symlink() and (tmp_path / "middle").is_symlink()
    assert target.read_bytes() == b"new\n"


def test_a_link_to_nothing_yet_makes_the_file_it_names(tmp_path: Path) -> None:
    link = tmp_path / "export.json"
    link.symlink_to("later.json")
    write(link, b"new\n")
    assert link.is_symlink() and (tmp_path / "later.json").read_bytes() == b"new\n"


def test_a_link_into_a_missing_folder_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "export.json"
    link.symlink_to("gone/export.json")
    assert refusal(link) == f"the folder {tmp_path / 'gone'} does not exist"
    assert os.listdir(tmp_path) == ["export.json"]


def test_a_missing_folder_is_refused_not_made(tmp_path: Path) -> None:
    path = tmp_path / "no" / "such" / "export.json"
    assert refusal(path) == f"the folder {tmp_path / 'no' / 'such'} does not exist"
    assert os.listdir(tmp_path) == []


def test_a_named_pipe_is_written_as_a_stream(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    reader = FifoReader(fifo)
    chunks = [b"x" * 100_000, b"y" * 100_000, b"end\n"]  # more than a pipe holds at once
    assert write(fifo, *chunks) is False
    assert reader.received() == b"".join(chunks)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert sorted(os.listdir(tmp_path)) == ["fifo"]


def test_a_link_to_a_named_pipe_writes_into_the_pipe(tmp_path: Path) -> None:
    reader = FifoReader(tmp_path / "fifo")
    (tmp_path / "link").symlink_to("fifo")
    write(tmp_path / "link", b"records\n")
    assert reader.received() == b"records\n"
    assert (tmp_path / "link").is_symlink() and stat.S_ISFIFO(os.stat(tmp_path / "fifo").st_mode)


def test_a_pipe_whose_reader_left_says_so(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)

    def read_a_little_then_leave() -> None:
        with open(fifo, "rb") as pipe:
            pipe.read(1)

    threading.Thread(target=read_a_little_then_leave, daemon=True).start()
    with pytest.raises(CannotWrite) as caught:
        with output_writer(fifo) as output:
            for _ in range(100):  # far more than the pipe holds: the reader leaves first
                output.write(b"y" * 65536)
    assert caught.value.reason == "broken pipe"
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_full_device_says_no_space_and_stays_a_device(dev_full: Path) -> None:
    assert refusal(dev_full) == "no space left on device"
    assert stat.S_ISCHR(os.lstat(dev_full).st_mode)
    assert leftovers(dev_full.parent) == []


def test_a_link_to_a_full_device_leaves_the_link(tmp_path: Path, dev_full: Path) -> None:
    link = tmp_path / "export.json"
    link.symlink_to(dev_full)
    assert refusal(link) == "no space left on device"
    assert link.is_symlink() and os.listdir(tmp_path) == ["export.json"]


def test_a_big_write_to_a_full_device_fails_at_the_write(dev_full: Path) -> None:
    """Past the buffer the write itself fails, not only the last flush."""
    with pytest.raises(CannotWrite, match="no space left on device"):
        with output_writer(dev_full) as output:
            output.write(b"x" * 1_000_000)
            pytest.fail("the write went through")


def test_small_writes_to_a_full_device_fail_once_the_buffer_fills(dev_full: Path) -> None:
    """What the buffer still holds cannot go out either: the write's error is the one told."""
    with pytest.raises(CannotWrite, match="no space left on device"):
        with output_writer(dev_full) as output:
            for _ in range(1000):
                output.write(b"a record,\n" * 10)
            pytest.fail("the writes went through")


def test_a_terminal_like_device_is_written_without_being_replaced() -> None:
    null = Path("/dev/null")
    assert write(null, b"records\n") is False
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_a_folder_a_socket_and_a_loop_are_refused(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    assert refusal(tmp_path / "folder") == "it is a folder, not a file"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "sock"))
        assert refusal(tmp_path / "sock") == "it is a socket, not a file"
    (tmp_path / "loop").symlink_to("loop")
    assert refusal(tmp_path / "loop") == "it is a link that points to itself (a symlink loop)"
    assert (tmp_path / "folder").is_dir() and (tmp_path / "loop").is_symlink()
    assert leftovers(tmp_path) == []


def test_an_inherited_stream_is_written_as_it_is_and_left_open(tmp_path: Path) -> None:
    """/dev/fd/N names a stream this process has: a file opened for appending keeps what it
    held (opening the name again would start at its beginning; a rename would cut it off)."""
    log = tmp_path / "log.txt"
    log.write_bytes(b"earlier\n")
    fd = os.open(log, os.O_WRONLY | os.O_APPEND)
    try:
        assert write(Path(f"/dev/fd/{fd}"), b"records\n") is False
        os.write(fd, b"after\n")  # still open
    finally:
        os.close(fd)
    assert log.read_bytes() == b"earlier\nrecords\nafter\n"


@pytest.mark.parametrize(("path", "fd"), [("-", 1), ("/dev/stdout", 1), ("/dev/stderr", 2),
                                          ("/dev/fd/7", 7), ("/proc/self/fd/3", 3),
                                          ("/dev/stdout.json", None), ("/dev/fd/", None),
                                          ("/dev/fd/x", None)])
def test_the_names_of_inherited_streams(path: str, fd: int | None) -> None:
    assert inherited_fd(path) == fd


def test_a_file_the_person_keeps_is_written_through_its_link(tmp_path: Path) -> None:
    from coach.foundation.files import atomic_write

    kept = tmp_path / "dotfiles" / "routine.yaml"
    kept.parent.mkdir()
    kept.write_bytes(b"old")
    link = tmp_path / "routine.yaml"
    link.symlink_to(kept)
    atomic_write(link, b"new", mode=0o644, follow_link=True)
    assert link.is_symlink() and kept.read_bytes() == b"new"
    atomic_write(link, b"own", mode=0o644)  # coach's own files: the link itself is replaced
    assert not link.is_symlink() and kept.read_bytes() == b"new"


def test_a_link_into_a_folder_that_is_not_there_is_not_followed(tmp_path: Path) -> None:
    import pytest

    from coach.foundation.files import atomic_write

    link = tmp_path / "settings.yaml"
    link.symlink_to(tmp_path / "unmounted" / "settings.yaml")
    with pytest.raises(FileNotFoundError, match="whose folder does not exist"):
        atomic_write(link, b"x", follow_link=True)
    assert not (tmp_path / "unmounted").exists() and link.is_symlink()
