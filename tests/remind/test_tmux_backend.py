"""The tmux way against private tmux servers: the message reaches the attached client as
written (tmux formats in a title are shown, never run), and with no server or no client
it says why."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path

import pytest

from coach.remind.backends.base import Message
from coach.remind.backends.tmux import TmuxBackend, tmux_socket

from tests.remind.conftest import TmuxServer, wait_for


def shown_messages(server: TmuxServer) -> list[str]:
    """What tmux's message log says was shown to clients (not the commands it ran)."""
    return [line.split(" message: ", 1)[1] for line in server.tmux("show-messages").splitlines()
            if " message: " in line]


def status_line(server: TmuxServer, starting: str) -> str:
    """The attached client's bottom line, once it shows a message `starting` so."""
    wait_for(lambda: server.screen().rstrip("\n").splitlines()[-1].startswith(starting),
             f"a message starting {starting!r} on screen", 5)
    return server.screen().rstrip("\n").splitlines()[-1].rstrip()


def test_a_message_reaches_the_attached_client_as_written(
        attached_tmux: TmuxServer, no_real_reminders: Path,
        capfd: pytest.CaptureFixture[str]) -> None:
    planted = no_real_reminders / "x"  # a short path: the whole message fits on screen
    body = f"#(touch {planted}) #{{pane_id}} #[fg=red] ## is ready"
    tmux = TmuxBackend(socket=attached_tmux.socket)

    assert tmux.available().ok
    delivery = tmux.send(Message("coach", body))

    assert (delivery.ok, delivery.detail) == (True, "shown to 1 client")
    # Shown as typed means not expanded: tmux puts a command's output in place of #(...)
    # (it starts the command in the background, not on every expansion, so the file
    # alone would not prove it: measured on 3.3a).
    assert status_line(attached_tmux, "coach:") == f"coach: {body}"
    assert not planted.exists()
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("body", ["## twice ### thrice", "#[fg=red]red ##[x] end#",
                                  "#H #S #{pane_id} #, #} #[", "100% #1 C# {body} %s"])
def test_every_kind_of_hash_shows_as_typed(attached_tmux: TmuxServer, body: str) -> None:
    assert TmuxBackend(socket=attached_tmux.socket).send(Message("coach", body)).ok
    assert status_line(attached_tmux, "coach:") == f"coach: {body}"


def test_a_mood_reminder_shows_as_it_reads(attached_tmux: TmuxServer) -> None:
    from coach.remind.schedule import MOOD_TITLE, Reminder
    from coach.remind.words import message_for

    message = message_for(Reminder("_mood", MOOD_TITLE, 1, date(2026, 11, 22), ("first",),
                                   datetime(2026, 11, 22, 20, tzinfo=timezone.utc), "20:00"))
    assert TmuxBackend(socket=attached_tmux.socket).send(message).ok
    assert status_line(attached_tmux, "coach:") == \
        "coach: Time for a quick mood check-in: m in coach, or coach mood"


def test_control_characters_are_shown_not_sent_to_the_terminal(
        attached_tmux: TmuxServer) -> None:
    assert TmuxBackend(socket=attached_tmux.socket).send(
        Message("coach", "line\nbreak \x1b]0;title\x07")).ok
    assert shown_messages(attached_tmux) == ["coach: line\\nbreak \\x1b]0;title\\x07"]


def test_inside_tmux_the_server_is_the_one_in_TMUX(attached_tmux: TmuxServer) -> None:
    tmux = TmuxBackend(env={**os.environ, "TMUX": f"{attached_tmux.socket},4242,0"})
    assert tmux.socket == attached_tmux.socket
    assert tmux.send(Message("coach", "found")).ok
    assert shown_messages(attached_tmux) == ["coach: found"]


def test_outside_tmux_the_server_is_the_default_one() -> None:
    uid = os.getuid()
    assert tmux_socket({"TMUX_TMPDIR": "/run/t"}) == Path(f"/run/t/tmux-{uid}/default")
    assert tmux_socket({}) == Path(f"/tmp/tmux-{uid}/default")
    assert tmux_socket({"TMUX": "/s/a,1,0", "TMUX_TMPDIR": "/t"}) == Path("/s/a")


def test_no_server_is_unavailable(no_real_reminders: Path,
                                  capfd: pytest.CaptureFixture[str]) -> None:
    from tests.conftest import require_tool

    require_tool("tmux")
    tmux = TmuxBackend(socket=no_real_reminders / "nobody")
    availability = tmux.available()
    assert not availability.ok
    assert availability.reason.startswith("no tmux server running")
    assert not tmux.send(Message("coach", "hello")).ok
    assert not (no_real_reminders / "nobody").exists()  # asking did not start a server
    assert capfd.readouterr() == ("", "")


def test_a_server_with_no_one_attached_is_unavailable(tmux_server: TmuxServer) -> None:
    tmux = TmuxBackend(socket=tmux_server.socket)
    availability = tmux.available()
    assert (availability.ok, availability.reason) == (False, "no one is attached to tmux")
    assert "tmux attach" in availability.fix
    assert not tmux.send(Message("coach", "hello")).ok


def test_without_tmux_installed_it_is_unavailable(tmp_path: Path) -> None:
    tmux = TmuxBackend(env={"PATH": str(tmp_path)}, socket=tmp_path / "s")
    assert (tmux.available().ok, tmux.available().reason) == (False, "tmux is not installed")


TMUX_3_1 = """#!/bin/sh
# tmux 3.1 as coach sees it: one client attached, and no -d for display-message.
for arg; do printf '[%s]' "$arg"; done >> {calls}; echo >> {calls}
case "$3" in
    list-clients) echo /dev/pts/7 ;;
    display-message)
        if [ "$6" = -d ]; then
            echo 'usage: display-message [-aIpv] [-c target-client] [-F format]' \\
                '[-t target-pane] [message]' >&2
            exit 1
        fi ;;
esac
"""


def test_a_tmux_without_display_durations_still_shows_the_message(tmp_path: Path) -> None:
    """tmux before 3.2 (Ubuntu 20.04, Debian 11) has no `display-message -d`: the message
    is sent again without it, and later messages go without it at once."""
    calls = tmp_path / "calls"
    (tmp_path / "tmux").write_text(TMUX_3_1.format(calls=calls))
    (tmp_path / "tmux").chmod(0o755)
    tmux = TmuxBackend(env={"PATH": str(tmp_path)}, socket=tmp_path / "s")

    first = tmux.send(Message("coach", "Tea time"))
    second = tmux.send(Message("coach", "Walk"))

    assert (first.ok, first.detail) == (True, "shown to 1 client")
    assert (second.ok, second.detail) == (True, "shown to 1 client")
    ask = f"[-S][{tmp_path / 's'}][list-clients][-F][#{{client_name}}]"
    show = f"[-S][{tmp_path / 's'}][display-message][-c][/dev/pts/7]"
    assert calls.read_text().splitlines() == [
        ask, f"{show}[-d][10000][coach: Tea time]", f"{show}[coach: Tea time]",
        ask, f"{show}[coach: Walk]"]
