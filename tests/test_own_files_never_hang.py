"""A named pipe (or socket) where coach keeps one of its own files never makes a command
wait forever: `coach doctor`, `coach remind --once` and `coach remind --next` end at once,
say which file is not a file and what to do, and never show a traceback."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from coach.foundation.files import NotCoachFile, atomic_write, open_own, read_own
from tests.conftest import faketime_env
from tests.e2e.tmux import coach_executable

REPO = Path(__file__).resolve().parent.parent
#: Far longer than any of these commands takes (about 0.3 s here); a hang would be forever.
PROMPTLY = 20
#: The pinned clock's month, so the commands read (and lock) this month's file.
MONTH = "records-2026-11.json"
COMMANDS = (["doctor"], ["remind", "--once"], ["remind", "--next"])

#: Where coach keeps a file of its own, and whether `coach doctor` must name what is there.
PLACES = {
    "data/app-open.lock": True,
    "data/.lock": True,
    f"data/{MONTH}": True,
    "config/settings.yaml": True,
    "config/routines/morning.yaml": True,
    f"data/digests/{MONTH}": False,  # a cache: made again, silently, when it cannot be read
    "data/digests/index.json": False,
    "config/support.yaml": False,  # read by the support plan, not by these commands
    "data/support-memory.json": False,
    "data/logs/errors.log": False,  # written only on a crash: see the test below
}


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([coach_executable(), *args], stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=PROMPTLY,
                          env=env or faketime_env("@2026-11-22 20:00:00"))


@pytest.fixture
def data_with_a_month(coach_dirs: dict[str, Path]) -> dict[str, Path]:
    for folder in (coach_dirs["data"] / "digests", coach_dirs["data"] / "logs",
                   coach_dirs["routines"]):
        folder.mkdir(parents=True, exist_ok=True)
    (coach_dirs["data"] / MONTH).write_text('{"records": {}}')
    return coach_dirs


@pytest.mark.parametrize("place", PLACES)
def test_a_named_pipe_in_place_of_a_file_of_coach_s_never_hangs_a_command(
        place: str, data_with_a_month: dict[str, Path], tmp_path: Path) -> None:
    fifo = tmp_path / place
    fifo.unlink(missing_ok=True)
    os.mkfifo(fifo)
    for command in COMMANDS:
        done = run(*command)  # raises TimeoutExpired if it waits on the pipe
        said = done.stdout + done.stderr
        assert "Traceback" not in said, (command, said)
        if command == ["doctor"] and PLACES[place]:
            assert done.returncode == 1
            assert f"{fifo}" in said and "is a named pipe (FIFO)" in said, said
    assert fifo.is_fifo()  # not written over either


def test_each_command_says_what_is_at_the_app_s_lock_and_what_to_do(
        data_with_a_month: dict[str, Path]) -> None:
    fifo = data_with_a_month["data"] / "app-open.lock"
    os.mkfifo(fifo)
    said = f"{fifo} is a named pipe (FIFO), not a file coach made: move it away"
    doctor = run("doctor")
    assert f"  ✗ {said}\n" in doctor.stdout and doctor.returncode == 1
    once = run("remind", "--once")
    assert said in once.stdout and once.returncode == 0  # reminds from here meanwhile
    coming = run("remind", "--next")
    assert f"coach: {said}\n" in coming.stderr and coming.returncode == 0


def test_a_crash_with_a_named_pipe_for_its_log_still_ends_and_says_so(
        coach_dirs: dict[str, Path]) -> None:
    log = coach_dirs["data"] / "logs" / "errors.log"
    log.parent.mkdir(parents=True)
    os.mkfifo(log)
    code = ("import coach.routine.catalog as c\n"
            "def boom(*a, **k): raise RuntimeError('disk on fire')\n"
            "c.load_catalog = boom\n"
            "from coach.main import main\n"
            "main(['list'])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=PROMPTLY, cwd=REPO)
    assert done.returncode == 70
    assert "Traceback" not in done.stderr
    assert (f"The details could not be written to a log file: {log} is a named pipe (FIFO), "
            "not a file coach made: move it away.") in done.stderr


# -- the helper itself --------------------------------------------------------------------

@pytest.mark.parametrize("flags", [os.O_RDONLY, os.O_WRONLY | os.O_APPEND | os.O_CREAT,
                                   os.O_RDWR | os.O_CREAT])
def test_open_own_refuses_a_named_pipe_whatever_the_flags(tmp_path: Path, flags: int) -> None:
    fifo = tmp_path / "app-open.lock"
    os.mkfifo(fifo)
    with pytest.raises(NotCoachFile) as caught:
        open_own(fifo, flags)
    assert isinstance(caught.value, OSError)
    assert str(caught.value) == (f"{fifo} is a named pipe (FIFO), not a file coach made: "
                                 "move it away")


def test_open_own_refuses_a_socket_and_a_folder(tmp_path: Path) -> None:
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(tmp_path / "s.lock"))
        with pytest.raises(NotCoachFile, match="is a socket, not a file coach made"):
            open_own(tmp_path / "s.lock", os.O_RDWR | os.O_CREAT)
    with pytest.raises(NotCoachFile, match="is a folder, not a file coach made"):
        read_own(tmp_path)


def test_open_own_makes_and_opens_an_ordinary_file_in_blocking_mode(tmp_path: Path) -> None:
    import fcntl

    fd = open_own(tmp_path / "new.lock", os.O_RDWR | os.O_CREAT)
    try:
        assert not fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_NONBLOCK
        assert fcntl.fcntl(fd, fcntl.F_GETFD) & fcntl.FD_CLOEXEC
    finally:
        os.close(fd)
    assert (tmp_path / "new.lock").stat().st_mode & 0o777 == 0o600


def test_open_own_never_follows_a_planted_link(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").write_text("theirs")
    (tmp_path / "x.lock").symlink_to(tmp_path / "elsewhere")
    with pytest.raises(OSError) as caught:
        open_own(tmp_path / "x.lock", os.O_RDWR | os.O_CREAT)
    assert not isinstance(caught.value, NotCoachFile)  # ELOOP, said as before by the callers
    assert read_own(tmp_path / "x.lock") == b"theirs"  # reading may follow it


def test_atomic_write_never_writes_over_a_named_pipe(tmp_path: Path) -> None:
    fifo = tmp_path / "index.json"
    os.mkfifo(fifo)
    with pytest.raises(NotCoachFile):
        atomic_write(fifo, b"{}")
    assert fifo.is_fifo()
    assert os.listdir(tmp_path) == ["index.json"]  # no temporary file left
