"""The installed `coach` writing where it is told: `-o` to a file, a link, a pipe or a device,
and standard output that cannot be written (a full disk, a closed pipe)."""

from __future__ import annotations

import json
import os
import resource
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.tmux import coach_executable
from tests.store.test_export_import import seeded_store
from tests.outputs import FifoReader, leftovers

#: The records seeded_store() writes.
RECORDS = 49
FORMATS = {"json": '{"format":"coach-export"', "csv": "uid,kind,day,utc,tz,",
           "markdown": "# coach: weekly summary\n"}


def coach(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    if "stdout" not in kwargs:
        kwargs["capture_output"] = True
    else:
        kwargs["stderr"] = subprocess.PIPE
    return subprocess.run([coach_executable(), *args], text=True, timeout=60,
                          env=os.environ.copy(), **kwargs)


@pytest.fixture(autouse=True)
def records() -> None:
    seeded_store()


@pytest.fixture
def out(tmp_path: Path) -> Path:
    """A folder for what coach writes, beside the test's data folders."""
    (tmp_path / "out").mkdir()
    return tmp_path / "out"


def test_the_seeded_records_are_what_these_tests_expect() -> None:
    result = coach("export")
    assert len(json.loads(result.stdout)["records"]) == RECORDS
    for fmt, start in FORMATS.items():
        assert coach("export", "--format", fmt).stdout.startswith(start), fmt


# -- export -o: files, links, pipes, devices ---------------------------------------------------

@pytest.mark.parametrize("fmt", FORMATS)
def test_export_to_a_full_device_says_so_and_leaves_it_a_device(fmt: str,
                                                                 dev_full: Path) -> None:
    result = coach("export", "--format", fmt, "-o", str(dev_full))
    assert result.returncode == 1
    assert result.stderr == f"Error: could not write {dev_full}: no space left on device\n"
    assert stat.S_ISCHR(os.lstat(dev_full).st_mode)
    assert leftovers(dev_full.parent) == []


def test_export_through_a_link_to_a_full_device(out: Path, dev_full: Path) -> None:
    link = out / "export.json"
    link.symlink_to(dev_full)
    result = coach("export", "-o", str(link))
    assert result.returncode == 1
    assert result.stderr == f"Error: could not write {link}: no space left on device\n"
    assert link.is_symlink() and os.listdir(out) == ["export.json"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_through_a_link_replaces_the_file_it_names(fmt: str, tmp_path: Path) -> None:
    """A link into a synced or backed-up folder stays a link; the file there gets the export."""
    (tmp_path / "backup").mkdir()
    target = tmp_path / "backup" / "coach.out"
    target.write_text("last week's export\n")
    link = tmp_path / "coach.out"
    link.symlink_to("backup/coach.out")
    result = coach("export", "--format", fmt, "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"Wrote {RECORDS} records to {link} (readable only by you).\n"
    assert link.is_symlink() and os.readlink(link) == "backup/coach.out"
    assert target.read_text().startswith(FORMATS[fmt])
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert leftovers(tmp_path) == [] and leftovers(tmp_path / "backup") == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_into_a_named_pipe_streams_to_its_reader(fmt: str, out: Path) -> None:
    fifo = out / "fifo"
    reader = FifoReader(fifo)
    result = coach("export", "--format", fmt, "-o", str(fifo))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"Wrote {RECORDS} records to {fifo}.\n"
    received = reader.received().decode()
    assert received.startswith(FORMATS[fmt])
    if fmt == "json":
        assert len(json.loads(received)["records"]) == RECORDS
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.listdir(out) == ["fifo"]


@pytest.mark.parametrize("name", ["-", "/dev/stdout"])
def test_export_to_standard_output_by_name(name: str, out: Path, devices_kept: None) -> None:
    result = coach("export", "-o", name, cwd=out)
    assert result.returncode == 0 and result.stderr == ""
    assert os.listdir(out) == []
    assert len(json.loads(result.stdout)["records"]) == RECORDS


def test_export_to_dev_stdout_appends_to_where_stdout_appends(tmp_path: Path,
                                                             devices_kept: None) -> None:
    """`coach export -o /dev/stdout >> all.log` adds to the log, as `>>` means."""
    log = tmp_path / "all.log"
    log.write_text("earlier\n")
    with open(log, "a") as appending:
        result = coach("export", "-o", "/dev/stdout", stdout=appending)
    assert result.returncode == 0, result.stderr
    text = log.read_text()
    assert text.startswith('earlier\n{"format":"coach-export"')
    assert len(json.loads(text.removeprefix("earlier\n"))["records"]) == RECORDS


def test_export_to_a_folder_is_refused_clearly(tmp_path: Path) -> None:
    result = coach("export", "-o", str(tmp_path))
    assert result.returncode == 2
    assert f"'{tmp_path}' is a directory" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_export_that_cannot_finish_leaves_the_old_file_and_no_temporary_one(
        out: Path) -> None:
    """The disk fills part way (a file size limit stands in for it): the last export stays
    whole, and no temporary file is left beside it."""
    target = out / "export.json"
    target.write_text("last week's export\n")

    def small_files_only() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    result = coach("export", "-o", str(target), preexec_fn=small_files_only)
    assert result.returncode == 1
    assert result.stderr == f"Error: could not write {target}: file too large\n"
    assert target.read_text() == "last week's export\n"
    assert os.listdir(out) == ["export.json"]


def test_schema_through_a_link_writes_the_file_it_names(tmp_path: Path) -> None:
    """An editor's settings folder linked from elsewhere: the link stays."""
    target = tmp_path / "routine.schema.json"
    link = tmp_path / "link.json"
    link.symlink_to(target.name)
    result = coach("schema", "-o", str(link))
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and json.loads(target.read_text())["title"] == "coach routine"
# -- standard output that cannot be written ----------------------------------------------------

#: Commands printing through coach's echo, and through click itself (help, --version,
#: stats --json).
PRINTING = [["history", "--days", "60"], ["export"], ["export", "--format", "csv"],
            ["schema"], ["remind", "--next"], ["-h"], ["export", "-h"], ["--version"],
            ["stats", "--json"]]


@pytest.mark.parametrize("args", PRINTING, ids=" ".join)
def test_output_to_a_full_disk_is_one_plain_line(args: list[str], dev_full: Path,
                                                 coach_dirs: dict[str, Path]) -> None:
    with open(dev_full, "w") as full:
        result = coach(*args, stdout=full)
    assert result.returncode == 1
    assert result.stderr == "coach: could not write the output: no space left on device\n"
    assert not (coach_dirs["data"] / "logs").exists()


@pytest.mark.parametrize("args", PRINTING, ids=" ".join)
def test_a_closed_pipe_ends_quietly(args: list[str], coach_dirs: dict[str, Path]) -> None:
    """`coach history | head -1`: the reader has gone, so coach stops and says nothing
    (status 1, as click itself ends on a closed pipe)."""
    process = subprocess.Popen([coach_executable(), *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=os.environ.copy())
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # before coach writes a byte
    stderr = process.stderr.read()
    assert process.wait(timeout=60) == 1
    assert stderr == b""
    assert not (coach_dirs["data"] / "logs").exists()



def test_a_message_that_cannot_be_written_ends_quietly(out: Path, dev_full: Path,
                                                       coach_dirs: dict[str, Path]) -> None:
    """Standard error on a full disk: nowhere to say it, so no traceback and no crash log."""
    with open(dev_full, "w") as full:
        result = subprocess.run([coach_executable(), "export", "-o", str(out / "no" / "x")],
                                stdout=subprocess.PIPE, stderr=full, text=True, timeout=60,
                                env=os.environ.copy())
    assert result.returncode == 1 and result.stdout == ""
    assert not (coach_dirs["data"] / "logs").exists()
