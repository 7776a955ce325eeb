"""The desktop way against real session buses: a fake notification service receives what
plyer sends; with no bus, or a bus with no service, it says why and `deliver` moves on to
the next way. Nothing reaches our stdout or stderr."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import pytest

from coach.remind import desktop_send
from coach.remind.backends import deliver
from coach.remind.backends.base import Message
from coach.remind.backends.command import CommandBackend
from coach.remind.backends.desktop import DesktopBackend
from coach.remind.backends.terminal import TerminalBackend

from tests.remind.conftest import RECORD_ARGV, FakeDesktop, alive, wait_for

HOSTILE_TITLES = [
    "Evening wind-down",
    'It\'s "quoted" \'twice\'',
    "$(touch x) `touch x` ; touch x",
    "Ünïcödé ☀ 夜の休憩 🌙",
    "<b>bold</b> & <i>not closed",
    "-u critical --app-name=evil",
    "{body} {0} %s \\n",
]


def env_with(**values: str) -> dict[str, str]:
    """Our environment (no session bus: see tests/conftest.py) with `values` on top."""
    return {**os.environ, **values}


def backend(tmp_path: Path, **env: str) -> DesktopBackend:
    """A desktop backend that cannot stumble on the developer's own desktop session."""
    return DesktopBackend(env=env_with(**env), user_bus=tmp_path / "no-user-bus")


def fake_notify_send(tmp_path: Path, script: str) -> str:
    """A PATH whose notify-send is `script` (a shell script body)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    program = folder / "notify-send"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    return f"{folder}{os.pathsep}{os.environ['PATH']}"


def markup_escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_a_reminder_arrives_with_its_title_and_text(
        title: str, fake_desktop: FakeDesktop, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    desktop = backend(tmp_path, DBUS_SESSION_BUS_ADDRESS=fake_desktop.address)
    body = f"{title} is ready when you are (about 5 min)"

    assert desktop.available().ok
    assert desktop.send(Message(title, body)).ok

    # The service takes markup, so the text is escaped to show as written; the title
    # (the summary) is never markup.
    assert fake_desktop.received() == [
        {"app_name": "coach", "summary": title, "body": markup_escaped(body)}]
    assert not (tmp_path / "x").exists()
    assert capfd.readouterr() == ("", "")


def test_text_goes_as_written_to_a_service_without_markup(
        plain_fake_desktop: FakeDesktop, tmp_path: Path) -> None:
    desktop = backend(tmp_path, DBUS_SESSION_BUS_ADDRESS=plain_fake_desktop.address)
    assert desktop.send(Message("coach", "<b>Tea</b> & rest")).ok
    assert [m["body"] for m in plain_fake_desktop.received()] == ["<b>Tea</b> & rest"]


def bus_socket(fake_desktop: FakeDesktop) -> Path:
    assert fake_desktop.socket is not None, \
        f"dbus-run-session gave no socket file: {fake_desktop.address}"
    return fake_desktop.socket


def test_from_ssh_it_finds_the_desktop_session_in_XDG_RUNTIME_DIR(
        fake_desktop: FakeDesktop, no_real_reminders: Path) -> None:
    """No DBUS_SESSION_BUS_ADDRESS (as over SSH), but the user's bus socket is in the
    runtime folder pam_systemd names."""
    (no_real_reminders / "bus").symlink_to(bus_socket(fake_desktop))
    desktop = DesktopBackend(env=env_with(), user_bus=no_real_reminders / "no-user-bus")
    assert "DBUS_SESSION_BUS_ADDRESS" not in desktop.env
    assert desktop.available().ok
    assert desktop.send(Message("coach", "from SSH")).ok
    assert [m["body"] for m in fake_desktop.received()] == ["from SSH"]


def test_from_cron_it_finds_the_desktop_session_of_the_same_user(
        fake_desktop: FakeDesktop, monkeypatch: pytest.MonkeyPatch) -> None:
    """Neither DBUS_SESSION_BUS_ADDRESS nor XDG_RUNTIME_DIR (as in cron): /run/user/$UID."""
    monkeypatch.delenv("XDG_RUNTIME_DIR")
    desktop = DesktopBackend(env=env_with(), user_bus=bus_socket(fake_desktop))
    assert desktop.send(Message("coach", "from cron")).ok
    assert [m["body"] for m in fake_desktop.received()] == ["from cron"]


def test_with_XDG_RUNTIME_DIR_set_the_user_bus_is_not_looked_at(
        fake_desktop: FakeDesktop, no_real_reminders: Path) -> None:
    """The tests' runtime folder has no bus, so the developer's /run/user/$UID/bus (here a
    live bus standing in for it) must not be used: no real notification from a test."""
    desktop = DesktopBackend(env=env_with(), user_bus=bus_socket(fake_desktop))
    assert desktop.env["XDG_RUNTIME_DIR"] == str(no_real_reminders)
    availability = desktop.available()
    assert not availability.ok
    assert availability.reason.startswith("no session bus")
    assert not desktop.send(Message("coach", "hello")).ok
    assert fake_desktop.received() == []


def test_no_session_bus_says_why_and_the_next_way_delivers(
        tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    desktop = backend(tmp_path, DBUS_SESSION_BUS_ADDRESS=f"unix:path={tmp_path}/gone")
    availability = desktop.available()
    assert not availability.ok
    assert availability.reason.startswith("no session bus (this looks like an SSH login or "
                                          "cron)")
    assert "run coach remind inside your desktop session" in availability.fix
    assert not desktop.send(Message("coach", "hello")).ok

    shown: list[Message] = []
    via, failures = deliver(Message("coach", "hello"), [desktop, TerminalBackend(shown.append)])
    assert via == "terminal"
    assert shown == [Message("coach", "hello")]
    assert [name for name, _ in failures] == ["desktop"]
    assert "no session bus" in failures[0][1]
    assert capfd.readouterr() == ("", "")


def test_a_bus_with_no_notification_service_says_why_and_the_next_way_delivers(
        bare_bus: str, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    desktop = backend(tmp_path, DBUS_SESSION_BUS_ADDRESS=bare_bus)
    availability = desktop.available()
    assert (availability.ok, availability.reason) == (
        False, "a session bus but no notification service")
    assert "dunst" in availability.fix

    out = tmp_path / "argv.json"
    command = CommandBackend((sys.executable, "-c", RECORD_ARGV, str(out), "{body}"))
    via, failures = deliver(Message("coach", "by command"), [desktop, command])
    assert via == "command"
    assert json.loads(out.read_text()) == ["by command"]
    assert failures == [
        ("desktop", "not available: a session bus but no notification service")]
    assert capfd.readouterr() == ("", "")


def test_without_notify_send_it_is_unavailable(fake_desktop: FakeDesktop,
                                               tmp_path: Path) -> None:
    if DesktopBackend._plyer_has_dbus():
        pytest.skip("dbus-python is importable here, so plyer needs no notify-send")
    (tmp_path / "empty").mkdir()
    desktop = backend(tmp_path, DBUS_SESSION_BUS_ADDRESS=fake_desktop.address,
                      PATH=str(tmp_path / "empty"))
    availability = desktop.available()
    assert (availability.ok, availability.reason) == (False, "notify-send is missing")
    assert "libnotify-bin" in availability.fix


def test_a_failing_notify_send_is_a_failure_not_a_success(
        fake_desktop: FakeDesktop, tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    """plyer ignores notify-send's exit status; coach must not."""
    path = fake_notify_send(tmp_path, 'echo "GDBus.Error: refused" >&2\nexit 1')
    desktop = backend(tmp_path, DBUS_SESSION_BUS_ADDRESS=fake_desktop.address, PATH=path)
    delivery = desktop.send(Message("coach", "hello"))
    assert (delivery.ok, delivery.detail) == (
        False, "notify-send exited with status 1: GDBus.Error: refused")
    assert capfd.readouterr() == ("", "")


def test_a_stuck_send_is_stopped_at_the_time_limit(fake_desktop: FakeDesktop,
                                                    tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    path = fake_notify_send(tmp_path, f"echo $$ > {pid_file}\nexec sleep 60")
    desktop = DesktopBackend(env=env_with(DBUS_SESSION_BUS_ADDRESS=fake_desktop.address,
                                          PATH=path),
                             user_bus=tmp_path / "no-user-bus", timeout=2)
    started = time.monotonic()
    delivery = desktop.send(Message("coach", "hello"))
    assert time.monotonic() - started < 8
    assert (delivery.ok, delivery.detail) == (
        False, "the notification was not taken within 2 s and sending was stopped")
    wait_for(lambda: not alive(int(pid_file.read_text())), "the stuck notify-send to end", 5)


def test_an_app_folder_outside_flatpak_does_not_send_to_the_portal(
        fake_desktop: FakeDesktop, monkeypatch: pytest.MonkeyPatch) -> None:
    """plyer takes any folder /app for Flatpak; without /.flatpak-info it is not."""
    from plyer.platforms.linux import notification as linux

    def portal_chosen() -> object:
        raise AssertionError("plyer's own choice (the portal) was used")

    monkeypatch.setattr(desktop_send, "app_folder_outside_flatpak", lambda: True)
    monkeypatch.setattr(linux, "instance", portal_chosen)
    monkeypatch.setattr(linux, "subprocess", linux.subprocess)  # put back at teardown
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", fake_desktop.address)
    desktop_send.notify("it's", "a server", "coach")
    assert fake_desktop.received() == [
        {"app_name": "coach", "summary": "it's", "body": "a server"}]
