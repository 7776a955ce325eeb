"""Routine files and folders that are not what they seem: coach names each one and goes on.

Every command runs in its own process with a timeout, so a hang (a FIFO opened
for reading waits for a writer forever) fails the test instead of blocking it.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from coach.foundation.files import list_folder
from coach.routine.catalog import load_catalog
from tests.routine.helpers import run_coach as coach

GOOD = "title: Mine\nsteps:\n  - type: mood\n"
FIFO = "it is a named pipe (FIFO), not a file"
LOOP = "it is a link that points to itself (a symlink loop)"
DANGLING = "it is a link to something that does not exist"


@pytest.fixture
def routines(coach_dirs: dict[str, Path]) -> Path:
    coach_dirs["routines"].mkdir(parents=True)
    (coach_dirs["routines"] / "mine.yaml").write_text(GOOD)
    return coach_dirs["routines"]


def test_validate_refuses_a_device_without_reading_it() -> None:
    done = coach("validate", "/dev/zero", timeout=30)
    assert done.returncode == 1
    assert done.stdout == "/dev/zero: it is a device, not a file\n"


def test_validate_refuses_a_fifo_and_a_socket_without_waiting(tmp_path: Path) -> None:
    fifo = tmp_path / "morning.yaml"
    os.mkfifo(fifo)
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.yaml"))
        done = coach("validate", str(fifo), str(tmp_path / "s.yaml"), timeout=30)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f"{fifo}: {FIFO}",
                                        f"{tmp_path / 's.yaml'}: it is a socket, not a file"]
    assert "2 of 2 routine files have problems" in done.stderr


def test_validate_refuses_a_big_file_before_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(3 * 1024 * 1024)  # sparse: nothing to read, only a size
    done = coach("validate", str(big))
    assert done.returncode == 1
    assert done.stdout == f"{big}: it is 3 MB; a routine file may be at most 256 KB\n"


def test_a_fifo_among_the_routines_is_named_and_the_rest_load(routines: Path) -> None:
    os.mkfifo(routines / "evening.yaml")
    listed = coach("list", timeout=30)
    assert listed.returncode == 0
    assert "mine" in listed.stdout and "morning" in listed.stdout
    assert ("evening.yaml cannot be read, so coach uses the shipped routine of that name until it "
            f"is fixed (coach edit evening):\n  {routines / 'evening.yaml'}: {FIFO}"
            ) in listed.stdout
    checked = coach("validate", timeout=30)
    assert checked.returncode == 1
    assert f"{routines / 'evening.yaml'}: {FIFO}" in checked.stdout
    assert "1 of 5 routine files have problems" in checked.stderr


def test_links_and_folders_named_like_routines_are_each_named(routines: Path) -> None:
    (routines / "a.yaml").symlink_to("b.yaml")
    (routines / "b.yaml").symlink_to("a.yaml")
    (routines / "self.yaml").symlink_to("self.yaml")
    (routines / "gone.yaml").symlink_to("nowhere.yaml")
    (routines / "folder.yaml").mkdir()
    expected = [f"{routines / 'a.yaml'}: {LOOP}", f"{routines / 'b.yaml'}: {LOOP}",
                f"{routines / 'folder.yaml'}: it is a folder, not a file",
                f"{routines / 'gone.yaml'}: {DANGLING}", f"{routines / 'self.yaml'}: {LOOP}"]

    listed = coach("list")
    assert listed.returncode == 0 and "mine" in listed.stdout
    notices = [(f"{Path(line.split(': ')[0]).name} cannot be read, so coach leaves it out "
                f"until it is fixed (coach edit {Path(line.split(': ')[0]).stem})", line)
               for line in expected]
    for notice, line in notices:
        assert f"\n{notice}:\n  {line}\n" in listed.stdout

    checked = coach("validate")
    assert checked.returncode == 1
    assert checked.stdout.splitlines() == expected
    assert "5 of 9 routine files have problems" in checked.stderr

    doctor = coach("doctor")
    assert doctor.returncode == 1
    assert "Routines: 4 loaded\n" in doctor.stdout
    for notice, line in notices:
        assert f"  ✗ {notice}:\n      {line}\n" in doctor.stdout
    assert "All well" not in doctor.stdout


def test_a_routines_folder_that_is_a_file_is_said(coach_dirs: dict[str, Path]) -> None:
    coach_dirs["config"].mkdir(parents=True)
    coach_dirs["routines"].write_text(GOOD)
    problem = (f"{coach_dirs['routines']}: it is a file, not a folder; coach reads routine "
               "files from this folder")

    listed = coach("list")
    assert listed.returncode == 0 and "morning" in listed.stdout
    notice = ("routines cannot be read, so coach reads none of the routines in it until it "
              "is fixed")
    assert f"\n{notice}:\n  {problem}\n" in listed.stdout
    checked = coach("validate")
    assert checked.returncode == 1 and checked.stdout == f"{problem}\n"
    doctor = coach("doctor")
    assert doctor.returncode == 1 and f"  ✗ {notice}:\n      {problem}\n" in doctor.stdout
    assert coach("init").stderr == f"Error: {problem}\n"
    edited = coach("edit", "morning")
    assert edited.returncode == 1 and edited.stderr == f"coach edit: {problem}\n"


def test_a_routines_folder_in_a_symlink_loop_is_said(coach_dirs: dict[str, Path]) -> None:
    coach_dirs["config"].mkdir(parents=True)
    coach_dirs["routines"].symlink_to("routines")
    checked = coach("validate")
    assert checked.returncode == 1
    assert checked.stdout == (f"{coach_dirs['routines']}: {LOOP}; coach reads routine files "
                              "from this folder\n")


def test_validate_a_folder_that_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "routines").symlink_to("nowhere")
    checked = coach("validate", str(tmp_path / "routines"))
    assert checked.returncode == 1
    assert checked.stdout == f"{tmp_path / 'routines'}: {DANGLING}\n"


def test_an_unreadable_routines_folder_is_a_failure_and_the_shipped_still_load(
        routines: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    routines.chmod(0)
    if os.geteuid() == 0:  # root reads any folder: have the system say no as it would
        real_listdir = os.listdir

        def listdir(path: str | os.PathLike[str]) -> list[str]:
            if Path(path) == routines:
                raise PermissionError(13, "Permission denied")
            return real_listdir(path)
        monkeypatch.setattr(os, "listdir", listdir)
    try:
        catalog = load_catalog()
    finally:
        routines.chmod(0o700)
    assert sorted(catalog.routines) == ["evening", "morning", "quick-reset"]
    [failure] = catalog.failures
    assert failure.path == routines
    assert [str(p) for p in failure.problems] == [
        f"{routines}: permission denied; coach reads routine files from this folder"]


def test_a_missing_routines_folder_is_no_problem(coach_dirs: dict[str, Path]) -> None:
    assert not coach_dirs["routines"].exists()
    assert load_catalog().failures == []
    with pytest.raises(Exception) as caught:
        list_folder(coach_dirs["routines"])
    assert caught.value.missing  # type: ignore[attr-defined]


def test_a_fifo_as_settings_is_said_and_history_goes_on(coach_dirs: dict[str, Path]) -> None:
    coach_dirs["config"].mkdir(parents=True)
    os.mkfifo(coach_dirs["config"] / "settings.yaml")
    done = coach("history", timeout=30)
    assert done.returncode == 0
    assert done.stderr == (f"coach: {coach_dirs['config'] / 'settings.yaml'}: {FIFO}; coach "
                           "uses the usual settings\n")


def test_edit_refuses_a_fifo_in_place_of_the_routine(routines: Path) -> None:
    os.mkfifo(routines / "morning.yaml")
    done = coach("edit", "morning", timeout=30)
    assert done.returncode == 1
    assert done.stderr == f"coach edit: {routines / 'morning.yaml'}: {FIFO}\n"
    assert os.path.exists(routines / "morning.yaml")  # the FIFO is left where it was


def test_settings_of_only_comments_are_the_usual_settings(coach_dirs: dict[str, Path]) -> None:
    from coach.config.settings import Settings, load_settings

    coach_dirs["config"].mkdir(parents=True)
    (coach_dirs["config"] / "settings.yaml").write_text("# bell: true\n# reduced_motion: true\n")
    assert load_settings() == (Settings(), ())


def test_a_folder_of_thousands_of_routines_reads_the_first_two_hundred(
        routines: Path) -> None:
    for i in range(1_000):
        (routines / f"r{i:04}.yaml").write_text(GOOD)
    catalog = load_catalog()
    assert len(catalog.routines) == 3 + 200  # the shipped ones, mine, and r0000 to r0198
    assert "r0198" in catalog.routines and "r0199" not in catalog.routines
    assert catalog.failures == []  # nothing failed to load: the rest are left out, and said
    [left_out] = catalog.left_out
    assert str(left_out) == (
        f"{routines}: it holds 1,001 routine files, and coach reads only the first 200 by name "
        "(to r0198.yaml): the other 801 (r0199.yaml to r0999.yaml) are left out, so they are "
        "not shown, cannot be started and send no reminders. Move the ones you do not use "
        "into another folder")


def test_init_leaves_a_fifo_in_place_of_a_routine_alone(routines: Path) -> None:
    os.mkfifo(routines / "morning.yaml")
    done = coach("init", timeout=30)
    assert done.returncode == 0
    assert f"  morning.yaml: left as it is: {FIFO}\n" in done.stdout
    assert "  evening.yaml: copied\n" in done.stdout


def test_edit_says_why_the_routines_folder_cannot_take_a_copy(
        coach_dirs: dict[str, Path]) -> None:
    coach_dirs["config"].write_text("a file where the config folder should be")
    done = coach("edit", "morning")
    assert done.returncode == 1
    assert done.stderr == (f"coach edit: {coach_dirs['routines']}: a part of its path is a "
                           "file, not a folder; coach reads routine files from this folder\n")
