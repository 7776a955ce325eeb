"""Shared fixtures: every test runs with its own config and data directories, on a pinned clock."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.ui_thread import ReadsLand, guarded

REPO = Path(__file__).resolve().parent.parent

#: The tests that take half a minute or more (breathing over ssh, the property test that
#: opens the app for each example): started first, so that no worker is left running one
#: alone at the end of the suite.
LONGEST_FIRST = (
    "tests/ssh/test_over_ssh.py::test_half_a_minute_of_breathing",
    "tests/test_printers_property.py::test_the_app_resumes",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(LONGEST_FIRST))


#: What "now" is for every store that has no clock of its own (the CLI's, the app's):
#: Sunday 22 November 2026, 20:00 UTC, so no test depends on the day it runs.
PINNED_NOW = datetime(2026, 11, 22, 20, 0, tzinfo=timezone.utc)
#: The zone they see, whatever the machine's.
PINNED_ZONE = "UTC"


@pytest.fixture(autouse=True)
def coach_dirs(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory,
               monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """Point coach at empty per-test directories, never at the real home: HOME too, where
    coach keeps records a full disk would not take (coach.tui.saving.rescue_places), and
    the state directory, where it keeps this device's id."""
    config = tmp_path / "config"
    data = tmp_path / "data"
    state = tmp_path / "state"
    monkeypatch.setenv("HOME", str(tmp_path_factory.mktemp("home")))  # beside, not in, tmp_path
    monkeypatch.setenv("COACH_CONFIG_DIR", str(config))
    monkeypatch.setenv("COACH_DATA_DIR", str(data))
    monkeypatch.setenv("COACH_STATE_DIR", str(state))
    return {"config": config, "data": data, "routines": config / "routines", "state": state}


@pytest.fixture(autouse=True)
def utf8_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The charts draw ASCII shapes when the locale is not UTF-8 (coach.tui.widgets.glyphs):
    every test sees a UTF-8 locale, whatever the machine's, unless it sets another.
    PYTHONUTF8 keeps them from taking pytest's own start in the C locale (a machine with no
    LANG) for the terminal's (locale_text.started_in_the_c_locale)."""
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("PYTHONUTF8", "1")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_CTYPE", raising=False)


@pytest.fixture(autouse=True)
def no_real_reminders(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Keep every test away from the developer's desktop notifications and tmux: no session
    bus, no $TMUX, and runtime and tmux socket folders of the test's own (short, for
    tmux's 108-byte socket paths). A test that wants a bus or a tmux server starts one."""
    runtime = Path(tempfile.mkdtemp(prefix="coach-run-", dir="/tmp"))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    monkeypatch.delenv("TMUX", raising=False)
    monkeypatch.delenv("TMUX_PANE", raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    monkeypatch.setenv("TMUX_TMPDIR", str(runtime))
    yield runtime
    shutil.rmtree(runtime, ignore_errors=True)


class PinnedClock:
    """The UTC time coach's stores read; a test moves it with `set`."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def set(self, instant: datetime) -> None:
        self.now = instant


@pytest.fixture(autouse=True)
def pinned_clock(monkeypatch: pytest.MonkeyPatch) -> PinnedClock:
    """Pin the time and zone of every store built without `now=` or `zone=`.

    Such a store looks up `days.utc_now` and `days.local_zone` at each call, so this
    reaches the CLI and the app. TZ pins the zone of subprocesses (their clock is the
    machine's: see tests/e2e).
    """
    import coach.store.days as days

    clock = PinnedClock(PINNED_NOW)
    zone = (ZoneInfo(PINNED_ZONE), PINNED_ZONE)
    monkeypatch.setattr(days, "utc_now", clock)
    monkeypatch.setattr(days, "local_zone", lambda: zone)
    monkeypatch.setenv("TZ", PINNED_ZONE)
    return clock


@pytest.fixture(autouse=True)
def no_store_reads_on_the_ui_thread(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail a test in which the store read its files on the UI thread of an app under Pilot
    (see tests/ui_thread.py); the test's value lists the reads so far."""
    from coach.store.store import READS, Store

    refused: list[str] = []
    for name in READS:
        monkeypatch.setattr(Store, name, guarded(name, getattr(Store, name), refused))
    yield refused
    if refused:
        pytest.fail("the store read its files on the UI thread (read in a worker):\n"
                    + "\n".join(dict.fromkeys(refused)), pytrace=False)


@pytest.fixture(autouse=True)
def reads_land(monkeypatch: pytest.MonkeyPatch) -> ReadsLand:
    """Pilot waits for the reads a screen shows at once, before keys and at each of its
    waits (see tests/ui_thread.py)."""
    from textual.pilot import Pilot

    land = ReadsLand()
    wait_for_screen, press = Pilot._wait_for_screen, Pilot.press

    async def wait(self: Any, *args: Any, **kwargs: Any) -> bool:
        await land.settle(self.app)
        done = await wait_for_screen(self, *args, **kwargs)
        if await land.settle(self.app):  # started by the messages just handled (a mount)
            done = await wait_for_screen(self, *args, **kwargs)
        return bool(done)

    async def press_after(self: Any, *keys: str) -> None:  # a snapshot's first keys too
        await land.settle(self.app)
        await press(self, *keys)

    monkeypatch.setattr(Pilot, "_wait_for_screen", wait)
    monkeypatch.setattr(Pilot, "press", press_after)
    return land


def require_tool(name: str) -> str:
    """The path of a system tool; skip without it, but fail in CI, which installs it."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed; install it to run this test"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message} (CI must install it in .ci/run)")
        pytest.skip(message)
    return path


def faketime_env(when: str) -> dict[str, str]:
    """This environment with libfaketime preloaded, so a subprocess's clock starts at `when`
    (e.g. "@2026-11-22 20:00:00") and runs on from there. Preloading it directly, rather
    than through the faketime wrapper, keeps the process coach itself: signals reach it
    and its exit status is its own. `$LIB` is the loader's own library folder name.

    Under libfaketime a timed wait on a thread lock (`threading.Event.wait(5)`) never
    ends, and with the monotonic clock left real every `time.sleep` fails (EINVAL);
    `select` with a timeout runs its time (the reminder loop naps in it, see
    coach/cli/remind.py)."""
    require_tool("faketime")
    return {**os.environ, "LD_PRELOAD": "/usr/$LIB/faketime/libfaketime.so.1",
            "FAKETIME": when}


@pytest.fixture
def devices_kept() -> Iterator[None]:
    """Fail a test that left /dev/full or /dev/stdout replaced by a file, and put them back:
    run as root, a regression that renamed a temporary file over one would break it for the
    whole machine."""
    full, stdout = Path("/dev/full"), Path("/dev/stdout")
    had_full = full.exists() and stat.S_ISCHR(full.stat().st_mode)
    had_stdout_link = os.readlink(stdout) if stdout.is_symlink() else None
    yield
    broken = []
    if had_full and not stat.S_ISCHR(os.lstat(full).st_mode):
        full.unlink()
        os.mknod(full, stat.S_IFCHR | 0o666, os.makedev(1, 7))
        os.chmod(full, 0o666)  # mknod applies the umask
        broken.append(str(full))
    if had_stdout_link and not stdout.is_symlink():
        stdout.unlink(missing_ok=True)
        stdout.symlink_to(had_stdout_link)
        broken.append(str(stdout))
    if broken:
        pytest.fail(f"{' and '.join(broken)} replaced by a file (put back)")


@pytest.fixture
def dev_full(devices_kept: None) -> Path:
    """Linux's always-full device: writing to it fails with "no space left on device"."""
    full = Path("/dev/full")
    if not (full.exists() and stat.S_ISCHR(full.stat().st_mode)):
        pytest.skip("this machine has no /dev/full (Linux's always-full device)")
    return full
