"""The `desktop` way: a notification from the person's desktop, sent through plyer.

plyer cannot say why a desktop is unavailable, so whether one is reachable is asked of the
session bus directly with jeepney (pure Python): is there a bus, does anything own or
offer org.freedesktop.Notifications, and is notify-send there for plyer to use. Sending
runs `python -m coach.remind.desktop_send` as a child process, with the bus found here,
a time limit and its output captured (see that module for what it contains).
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coach.remind.backends.base import (SEND_TIMEOUT_SECONDS, Availability, Delivery,
                                        Message, run_bounded)
from coach.foundation.visible import shorten, visible

if TYPE_CHECKING:
    from jeepney.io.blocking import DBusConnection

NOTIFICATIONS = "org.freedesktop.Notifications"
#: How long the bus may take to answer one question during the quick check.
_BUS_TIMEOUT = 2.0

NO_BUS_FIX = ("run coach remind inside your desktop session, or use tmux or a command "
              "such as ntfy (reminders_via, reminder_command in settings.yaml)")
NO_SERVICE_FIX = "start your desktop's notification daemon (e.g. dunst, mako)"
NO_NOTIFY_SEND_FIX = "install libnotify-bin (Debian, Ubuntu) or libnotify (Fedora, Arch)"


@dataclass(frozen=True)
class BusCheck:
    """What the session bus said: the address that answered (None if none did),
    whether a notification service is there, and whether it takes markup in the text."""

    address: str | None
    service: bool = False
    markup: bool = False
    problem: str = ""


def _candidate_addresses(env: Mapping[str, str], user_bus: Path) -> list[str]:
    """The bus named in the environment, then the per-user socket a desktop session
    leaves: `$XDG_RUNTIME_DIR/bus` (an SSH login with pam_systemd has it set to
    /run/user/$UID), or `user_bus` only when XDG_RUNTIME_DIR is unset (cron)."""
    found = [env["DBUS_SESSION_BUS_ADDRESS"]] if env.get("DBUS_SESSION_BUS_ADDRESS") else []
    runtime = env.get("XDG_RUNTIME_DIR")
    socket = Path(runtime) / "bus" if runtime else user_bus
    address = f"unix:path={socket}"
    if socket.is_socket() and address not in found:
        found.append(address)
    return found


def _takes_markup(connection: DBusConnection) -> bool:
    """Whether the notification service reads markup in the text; False if it will not say."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.wrappers import unwrap_msg

    server = DBusAddress("/org/freedesktop/Notifications", NOTIFICATIONS, NOTIFICATIONS)
    try:
        reply = connection.send_and_get_reply(new_method_call(server, "GetCapabilities"),
                                              timeout=_BUS_TIMEOUT)
        return "body-markup" in unwrap_msg(reply)[0]
    except Exception:  # an error reply, no answer: the text goes as it is
        return False


def check_bus(env: Mapping[str, str], user_bus: Path, *, ask_markup: bool = False) -> BusCheck:
    """Ask the session bus whether notifications can be delivered (and, with
    `ask_markup`, the service whether it reads markup); sends no notification."""
    from jeepney.bus_messages import message_bus
    from jeepney.io.blocking import Proxy, open_dbus_connection

    problems = []
    for address in _candidate_addresses(env, user_bus):
        try:
            connection = open_dbus_connection(address, auth_timeout=_BUS_TIMEOUT)
        except Exception as err:  # a missing socket, refused, a malformed address
            why = err.strerror if isinstance(err, OSError) and err.strerror else err
            problems.append(f"{shorten(address, 60)} ({why})")
            continue
        try:
            bus = Proxy(message_bus, connection, timeout=_BUS_TIMEOUT)
            owned = bool(bus.NameHasOwner(NOTIFICATIONS)[0])
            service = owned or NOTIFICATIONS in bus.ListActivatableNames()[0]
            return BusCheck(address, service, owned and ask_markup and _takes_markup(connection))
        except Exception as err:  # no answer in time, an error reply
            return BusCheck(address, problem=f"{type(err).__name__}: {err}")
        finally:
            connection.close()
    return BusCheck(None, problem="; ".join(problems))


def _markup_escaped(text: str) -> str:
    """Servers that take markup in the text would render `<b>` or drop a lone `<`."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class DesktopBackend:
    """Desktop notifications: on Linux through the session bus, elsewhere through
    whatever plyer has for the platform. `user_bus` is the socket looked at when neither
    DBUS_SESSION_BUS_ADDRESS nor XDG_RUNTIME_DIR is set (default /run/user/$UID/bus)."""

    name = "desktop"

    def __init__(self, env: Mapping[str, str] | None = None, user_bus: Path | None = None,
                 timeout: float = SEND_TIMEOUT_SECONDS) -> None:
        self._env = env
        self.user_bus = user_bus or Path(f"/run/user/{os.getuid()}/bus")
        self.timeout = timeout

    @property
    def env(self) -> Mapping[str, str]:
        return os.environ if self._env is None else self._env

    def available(self) -> Availability:
        if not sys.platform.startswith("linux"):
            return _plyer_elsewhere()
        availability, _ = self._check()
        return availability

    def _check(self, ask_markup: bool = False) -> tuple[Availability, BusCheck | None]:
        try:
            bus = check_bus(self.env, self.user_bus, ask_markup=ask_markup)
        except ImportError:  # jeepney is a dependency on Linux; a broken install
            return Availability(False, "jeepney is not installed, so the session bus "
                                "cannot be asked", "reinstall coach"), None
        if bus.address is None:
            return Availability(False, self._no_bus_reason(bus.problem), NO_BUS_FIX), bus
        if bus.problem:
            return Availability(False, "the session bus did not answer "
                                f"({_plain(bus.problem)})", NO_BUS_FIX), bus
        if not bus.service:
            return Availability(False, "a session bus but no notification service",
                                NO_SERVICE_FIX), bus
        if not self._plyer_has_dbus() and not shutil.which("notify-send",
                                                            path=self.env.get("PATH")):
            return Availability(False, "notify-send is missing", NO_NOTIFY_SEND_FIX), bus
        return Availability(True), bus

    def _no_bus_reason(self, problem: str) -> str:
        reason = "no session bus (this looks like an SSH login or cron)"
        if problem:
            reason += f"; nothing answers at {_plain(problem)}"
        if not self.env.get("DISPLAY") and not self.env.get("WAYLAND_DISPLAY"):
            reason += "; no DISPLAY or WAYLAND_DISPLAY either"
        return reason

    @staticmethod
    def _plyer_has_dbus() -> bool:
        """plyer talks to the bus itself when dbus-python can be imported (rare in a venv)."""
        return importlib.util.find_spec("dbus") is not None

    def send(self, message: Message) -> Delivery:
        env = dict(self.env)
        body = message.body
        if sys.platform.startswith("linux"):
            availability, bus = self._check(ask_markup=True)
            if not availability.ok or bus is None or bus.address is None:
                return Delivery(False, availability.reason)
            env["DBUS_SESSION_BUS_ADDRESS"] = bus.address
            if bus.markup:
                body = _markup_escaped(body)
        request = json.dumps({"title": message.title, "body": body, "app_name": "coach"})
        try:
            finished = run_bounded([sys.executable, "-m", "coach.remind.desktop_send"],
                                   self.timeout, stdin_text=request, env=env)
        except OSError as err:
            return Delivery(False, f"could not start Python to send: {err.strerror or err}")
        if finished.status == 0:
            return Delivery(True)
        if finished.status is None:
            return Delivery(False, f"the notification was not taken within "
                            f"{self.timeout:g} s and sending was stopped")
        return Delivery(False, _plain(finished.first_error_line()
                                      or f"sending failed with status {finished.status}"))


def _plain(text: str) -> str:
    return shorten(visible(text, one_line=True), 160)


def _plyer_elsewhere() -> Availability:
    """Outside Linux: available when plyer has notifications for this platform."""
    try:
        from plyer.utils import platform

        found = importlib.util.find_spec(f"plyer.platforms.{platform}.notification")
    except (ImportError, ValueError):
        found = None
    if found is None:
        return Availability(False, f"plyer has no desktop notifications for {sys.platform}",
                            "use tmux or a command (reminders_via in settings.yaml)")
    return Availability(True)
