"""A private OpenSSH server for one test, and a way to reach coach through it.

sshd runs unprivileged-style from a temp folder: its own host key, one throwaway user key,
no passwords, no PAM, on 127.0.0.1 at a free port, stopped at teardown. The remote command
is a wrapper script that gives the session coach's folders, this tree on PYTHONPATH, the
pinned zone and clock (libfaketime, as tests/e2e do) and a locale, then runs coach."""

from __future__ import annotations

import os
import shlex
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest

from coach.support.memory import Memory
from tests.conftest import PINNED_NOW, PINNED_ZONE, REPO, faketime_env, require_tool
from tests.e2e.tmux import coach_executable
from tests.remind.conftest import stop_group

SSHD_CONFIG = """\
ListenAddress 127.0.0.1
Port {port}
HostKey {folder}/host_key
AuthorizedKeysFile {folder}/authorized_keys
PidFile {folder}/sshd.pid
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PrintMotd no
PrintLastLog no
Banner none
LogLevel ERROR
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Sshd:
    folder: Path
    port: int
    key: Path

    def ssh(self, remote: str) -> list[str]:
        """The ssh client's command line that runs `remote` on the server, in a terminal."""
        return ["ssh", "-tt", "-p", str(self.port), "-i", str(self.key),
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5",
                f"{_user()}@127.0.0.1", remote]

    def wrapper(self, name: str, env: Mapping[str, str | None], command: list[str]) -> Path:
        """A script on the server's side that sets `env` (None: unsets it) and runs
        `command` (exec)."""
        path = self.folder / name
        lines = ["#!/bin/sh"]
        lines += [f"unset {key}" if value is None else f"export {key}={shlex.quote(value)}"
                  for key, value in env.items()]
        lines.append(f"exec {shlex.join(command)}")
        path.write_text("\n".join(lines) + "\n")
        path.chmod(0o755)
        return path


def _user() -> str:
    import pwd

    return pwd.getpwuid(os.getuid()).pw_name


@pytest.fixture
def sshd(tmp_path: Path) -> Iterator[Sshd]:
    """OpenSSH's sshd on 127.0.0.1 at a free port, configured entirely in a temp folder."""
    server = _sbin("sshd")
    require_tool("ssh")
    keygen = require_tool("ssh-keygen")
    folder = tmp_path / "sshd"
    folder.mkdir()
    for name in ("host_key", "user_key"):
        subprocess.run([keygen, "-q", "-t", "ed25519", "-N", "", "-C", "coach-test",
                        "-f", str(folder / name)], check=True, capture_output=True)
    (folder / "authorized_keys").write_text((folder / "user_key.pub").read_text())
    # sshd started as root refuses to start without its privilege-separation folder
    # (Debian's package makes it at boot, so a container may not have it).
    try:
        Path("/run/sshd").mkdir(mode=0o755, parents=True, exist_ok=True)
    except PermissionError:
        pass  # not root: sshd runs without privilege separation, and says so if it cannot
    log = folder / "sshd.log"
    for _attempt in range(3):  # a free port can be taken between asking and binding
        port = free_port()
        (folder / "config").write_text(SSHD_CONFIG.format(port=port, folder=folder))
        with open(log, "wb") as out:
            process = subprocess.Popen([server, "-D", "-e", "-f", str(folder / "config")],
                                       stdin=subprocess.DEVNULL, stdout=out, stderr=out,
                                       start_new_session=True)
        if _listening(port, process):
            break
        stop_group(process)
    else:
        raise AssertionError(f"sshd did not start:\n{log.read_text(errors='replace')}")
    try:
        yield Sshd(folder, port, folder / "user_key")
    finally:
        stop_group(process)


def _sbin(name: str) -> str:
    """A tool on PATH or in an sbin folder (sshd lives in /usr/sbin, which is not on every
    user's PATH); else require_tool skips, or fails in CI."""
    import shutil

    for folder in ("/usr/sbin", "/usr/local/sbin", "/sbin"):
        if not shutil.which(name) and os.access(f"{folder}/{name}", os.X_OK):
            return f"{folder}/{name}"
    return require_tool(name)


def _listening(port: int, process: subprocess.Popen[bytes], timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.05)
    return False


@pytest.fixture(autouse=True)
def statement_seen(coach_dirs: dict[str, Path]) -> Memory:
    """Past the first-run statement, as in tests/e2e."""
    memory = Memory(coach_dirs["data"])
    memory.mark_statement_seen()
    return memory


def remote_env(dirs: Mapping[str, Path], runtime: Path, *, start: datetime = PINNED_NOW,
               **extra: str) -> dict[str, str]:
    """What the session on the server's side gets: coach's folders, this tree's code, the
    pinned zone and clock (from `start`, Sunday 22 November 2026, 20:00 UTC unless said,
    running on), a UTF-8 locale, and runtime and tmux folders of the test's own (no
    session bus)."""
    clock = faketime_env(f"@{start:%Y-%m-%d %H:%M:%S}")
    return {
        "COACH_CONFIG_DIR": str(dirs["config"]),
        "COACH_DATA_DIR": str(dirs["data"]),
        "PYTHONPATH": str(REPO),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "TZ": PINNED_ZONE,
        "LANG": "C.UTF-8",
        "XDG_RUNTIME_DIR": str(runtime),
        "TMUX_TMPDIR": str(runtime),
        **{name: clock[name] for name in ("LD_PRELOAD", "FAKETIME")},
        **extra,
    }


@dataclass
class Remote:
    """coach on the far side of the test's sshd."""

    sshd: Sshd
    dirs: Mapping[str, Path]
    runtime: Path

    def command(self, *args: str, name: str = "coach",
                env: Mapping[str, str | None] | None = None, start: datetime = PINNED_NOW,
                program: list[str] | None = None) -> list[str]:
        """The local command (ssh -tt) that runs `coach ARGS` (or `program`) on the server,
        its clock starting at `start`."""
        wrapper = self.sshd.wrapper(name, {**remote_env(self.dirs, self.runtime, start=start),
                                           **(env or {})},
                                    program or [coach_executable(), *args])
        return self.sshd.ssh(str(wrapper))


@pytest.fixture
def remote(sshd: Sshd, coach_dirs: dict[str, Path], no_real_reminders: Path) -> Remote:
    """coach through the test's sshd, seen from a private tmux pane, on a pinned clock."""
    require_tool("tmux")
    require_tool("faketime")
    return Remote(sshd, coach_dirs, no_real_reminders)


#: What the local tmux pane running ssh needs: ssh itself on PATH, and nothing of coach's.
LOCAL_ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "TERM": "xterm-256color"}
