"""open_regular and read_regular: only ordinary files of a sensible size are ever read."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from coach.foundation.files import UnusableFile, describe_size, list_folder, open_regular, read_regular

REPO = Path(__file__).resolve().parent.parent


def reason_for(path: Path | str, max_bytes: int = 1024, what: str = "a file") -> str:
    with pytest.raises(UnusableFile) as caught:
        read_regular(path, max_bytes, what=what)
    assert caught.value.path == Path(path)
    assert str(caught.value) == f"{path}: {caught.value.reason}"
    return caught.value.reason


def test_an_ordinary_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"title: Morning\n")
    assert read_regular(path, 1024) == b"title: Morning\n"
    with open_regular(path, 1024) as handle:
        assert handle.read() == b"title: Morning\n"


def test_a_file_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 1024)
    assert len(read_regular(path, 1024)) == 1024


def test_a_file_over_the_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * int(3.1 * 1024 * 1024))
    assert reason_for(path, 256 * 1024, "a routine file") == (
        "it is 3.1 MB; a routine file may be at most 256 KB")


def test_one_byte_over_says_the_exact_sizes(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    path.write_bytes(b"x" * (256 * 1024 + 1))
    assert reason_for(path, 256 * 1024) == (
        "it is 262,145 bytes; a file may be at most 262,144 bytes")


def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "morning.yaml"
    os.mkfifo(fifo)
    code = ("import sys; from coach.foundation.files import read_regular, UnusableFile\n"
            "try: read_regular(sys.argv[1], 1024)\n"
            "except UnusableFile as err: print(err.reason)\n")
    done = subprocess.run([sys.executable, "-c", code, str(fifo)], cwd=REPO, timeout=20, check=True,
                          capture_output=True, text=True)
    assert done.stdout.strip() == "it is a named pipe (FIFO), not a file"


def test_a_device_is_refused_without_reading_it() -> None:
    assert reason_for("/dev/zero") == "it is a device, not a file"


def test_a_folder_is_refused(tmp_path: Path) -> None:
    assert reason_for(tmp_path) == "it is a folder, not a file"


def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert reason_for(path) == "it is a socket, not a file"


def test_links_that_go_nowhere_are_named(tmp_path: Path) -> None:
    (tmp_path / "self.yaml").symlink_to("self.yaml")
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    (tmp_path / "gone.yaml").symlink_to("nowhere.yaml")
    loop = "it is a link that points to itself (a symlink loop)"
    assert reason_for(tmp_path / "self.yaml") == loop
    assert reason_for(tmp_path / "a.yaml") == loop
    assert reason_for(tmp_path / "gone.yaml") == "it is a link to something that does not exist"
    assert reason_for(tmp_path / "missing.yaml") == "there is no such file"
    assert reason_for(tmp_path / "self.yaml" / "x") == (
        "it is a link that points to itself (a symlink loop)")


def test_a_link_to_an_ordinary_file_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(b"title: x\n")
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    assert read_regular(tmp_path / "link.yaml", 100) == b"title: x\n"


def test_an_unreadable_file_says_permission_denied(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x")
    path.chmod(0)
    if os.geteuid() == 0:  # root reads any file: have the system say no as it would
        def refuse(*args: object, **kwargs: object) -> int:
            raise PermissionError(13, "Permission denied")
        monkeypatch.setattr(os, "open", refuse)
    assert reason_for(path) == "permission denied"


def test_a_file_that_grows_after_the_check_is_never_read_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "proc-like"
    path.write_bytes(b"x" * 10)
    with open_regular(path, 10) as handle:
        path.write_bytes(b"x" * 10_000)  # grows after fstat
        assert len(handle.read(11)) == 11
    # /proc files say size 0 and then hold more: read_regular stops one byte past.
    assert reason_for("/proc/self/maps", 10) == (
        "it is more than 10 bytes; a file may be at most 10 bytes")


def test_the_file_is_left_blocking_for_ordinary_reads(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x")
    with open_regular(path, 10) as handle:
        assert os.get_blocking(handle.fileno())


def test_sizes_read_naturally() -> None:
    assert describe_size(1) == "1 byte"
    assert describe_size(812) == "812 bytes"
    assert describe_size(256 * 1024) == "256 KB"
    assert describe_size(12 * 1024 + 512) == "12.5 KB"
    assert describe_size(3 * 1024 * 1024) == "3 MB"


def folder_reason(path: Path) -> str:
    with pytest.raises(UnusableFile) as caught:
        list_folder(path)
    assert not caught.value.missing
    return caught.value.reason


def test_a_folder_is_listed(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_bytes(b"")
    assert list_folder(tmp_path) == ["a.yaml"]


def test_what_stands_in_place_of_a_folder_is_named(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "loop").symlink_to("loop")
    (tmp_path / "gone").symlink_to("nowhere")
    assert folder_reason(tmp_path / "file") == "it is a file, not a folder"
    assert folder_reason(tmp_path / "fifo") == "it is a named pipe (FIFO), not a folder"
    assert folder_reason(tmp_path / "loop") == "it is a link that points to itself (a symlink loop)"
    assert folder_reason(tmp_path / "gone") == "it is a link to something that does not exist"
    assert folder_reason(tmp_path / "file" / "below") == (
        "a part of its path is a file, not a folder")


def test_nothing_there_is_missing_not_a_fault(tmp_path: Path) -> None:
    for call in (lambda: list_folder(tmp_path / "none"), lambda: read_regular(tmp_path / "x", 9)):
        with pytest.raises(UnusableFile) as caught:
            call()
        assert caught.value.missing
