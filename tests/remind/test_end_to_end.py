"""A routine due in a moment reaches the person from the installed `coach remind`: as a
real desktop notification on a private session bus, as a real tmux message on an
attached client, and not at all once the routine is done that day."""

from __future__ import annotations

import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

from tests.conftest import PINNED_NOW, PinnedClock, faketime_env
from tests.e2e.tmux import coach_executable
from tests.remind.conftest import FakeDesktop, TmuxServer, wait_for

#: The loop starts three seconds before the routine's time (20:00 UTC on the pinned day).
START = "@2026-11-22 19:59:57"
BODY = "Evening wind-down is ready when you are (about 5 min)"


def set_up(coach_dirs: dict[str, Path], way: str) -> None:
    routines = coach_dirs["routines"]
    routines.mkdir(parents=True)
    (routines / "evening.yaml").write_text(
        'title: Evening wind-down\nschedule:\n  at: "20:00"\n'
        "steps:\n  - type: journal\n    title: A few lines\n", encoding="utf-8")
    (coach_dirs["config"] / "settings.yaml").write_text(f"reminders_via: [{way}]\n",
                                                         encoding="utf-8")


@contextmanager
def reminder_loop(log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with open(log, "wb") as out:
        process = subprocess.Popen([coach_executable(), "remind"], stdout=out,
                                   stderr=subprocess.STDOUT, env=faketime_env(START))
    try:
        yield process
    finally:
        process.terminate()
        assert process.wait(10) == 0, log.read_text()


def test_a_desktop_notification_arrives_at_the_routine_s_time(
        fake_desktop: FakeDesktop, coach_dirs: dict[str, Path], tmp_path: Path,
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    set_up(coach_dirs, "desktop")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", fake_desktop.address)
    log = tmp_path / "loop.log"
    with reminder_loop(log):
        time.sleep(1)
        assert fake_desktop.received() == []  # not before its time
        wait_for(fake_desktop.received, "the notification", timeout=20)
        # The loop is stopped only once it has said so: stopping it while its sender is
        # still reporting ends that sender (quitting never waits on one).
        wait_for(lambda: "reminded: Evening wind-down, by desktop" in log.read_text(),
                 "the loop to say so", timeout=20)
    assert [(n["summary"], n["body"]) for n in fake_desktop.received()] == [("coach", BODY)]


def test_a_tmux_message_arrives_at_the_routine_s_time(
        attached_tmux: TmuxServer, coach_dirs: dict[str, Path]) -> None:
    """The loop runs in a window of the person's tmux session, as on a home server."""
    set_up(coach_dirs, "tmux")
    clock = faketime_env(START)
    pinned = [arg for name in ("LD_PRELOAD", "FAKETIME")
              for arg in ("-e", f"{name}={clock[name]}")]
    attached_tmux.tmux("set-option", "-g", "remain-on-exit", "on")
    attached_tmux.tmux("new-window", "-d", "-n", "loop", *pinned, f"{coach_executable()} remind")
    try:
        wait_for(lambda: BODY in attached_tmux.screen(), "the tmux message", timeout=20)
    except AssertionError as err:
        raise AssertionError(f"{err}; the client shows:\n{attached_tmux.screen()}\nthe loop "
                             f"shows:\n{attached_tmux.tmux('capture-pane', '-p', '-t', 'loop')}")
    assert "coach: " + BODY in attached_tmux.screen()


def test_nothing_at_all_once_the_routine_is_done(
        fake_desktop: FakeDesktop, coach_dirs: dict[str, Path], tmp_path: Path,
        monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from coach.store import Store

    set_up(coach_dirs, "desktop")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", fake_desktop.address)
    Store(coach_dirs["data"]).record_session("evening", "s1", "finished")  # earlier today
    log = tmp_path / "loop.log"
    with reminder_loop(log):
        wait_for(lambda: "it is done for today" in log.read_text(), "the loop to pass",
                 timeout=20)
        time.sleep(1)
    assert fake_desktop.received() == []
    assert "no reminder for Evening wind-down: it is done for today" in log.read_text()


def test_a_mood_reminder_arrives_as_a_desktop_notification_with_nothing_private(
        fake_desktop: FakeDesktop, coach_dirs: dict[str, Path], tmp_path: Path,
        pinned_clock: PinnedClock, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """At 20:00 too, with the routine done earlier: only the mood reminder comes."""
    from coach.remind.words import MOOD_BODY
    from coach.session.quick_mood import mood_record
    from coach.store import Store

    set_up(coach_dirs, "desktop")
    settings = coach_dirs["config"] / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + 'mood_reminders: ["20:00"]\n',
                        encoding="utf-8")
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", fake_desktop.address)
    store = Store(coach_dirs["data"])
    store.record_session("evening", "s1", "finished")
    pinned_clock.set(PINNED_NOW - timedelta(hours=3))  # long enough before 20:00
    store.add(mood_record(store, 2, "my own words"))
    log = tmp_path / "loop.log"
    with reminder_loop(log):
        wait_for(fake_desktop.received, "the notification", timeout=20)
        wait_for(lambda: "reminded: Mood check-in, by desktop" in log.read_text(),
                 "the loop to say so", timeout=20)
    assert [(n["summary"], n["body"]) for n in fake_desktop.received()] == [
        ("coach", MOOD_BODY)]
    assert "my own words" not in log.read_text()


def test_stopping_the_loop_while_a_slow_command_sends_ends_it_at_once(
        coach_dirs: dict[str, Path], tmp_path: Path) -> None:
    """`systemctl --user stop` (SIGTERM) mid-send: the person's command, deaf to SIGTERM,
    is stopped with the loop rather than waited on for its ten seconds."""
    import uuid

    from tests.remind.conftest import alive

    set_up(coach_dirs, "command")
    mark = f"60.{uuid.uuid4().int % 10**9:09d}"
    with open(coach_dirs["config"] / "settings.yaml", "a", encoding="utf-8") as settings:
        settings.write(f"reminder_command: [sh, -c, \"trap '' TERM; sleep {mark}\"]\n")

    def sending() -> list[str]:
        found = subprocess.run(["pgrep", "-f", mark], capture_output=True, text=True).stdout
        return [pid for pid in found.split() if alive(int(pid))]

    log = tmp_path / "loop.log"
    with reminder_loop(log) as loop:
        wait_for(sending, "the command to start", timeout=20)
        asked = time.monotonic()
        loop.terminate()
        assert loop.wait(10) == 0, log.read_text()
        assert time.monotonic() - asked < 3
    assert sending() == []
    assert "sh was stopped because coach is closing" in log.read_text()
