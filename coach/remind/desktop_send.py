"""Sends one desktop notification through plyer, in a child process of its own:

    python -m coach.remind.desktop_send  < {"title": ..., "body": ..., "app_name": ...}

It exits 0 once the notification service took the message, else 1 with one line saying
why on stderr. The desktop backend runs it with a time limit and its output captured,
because plyer blocks, warns on stderr, lets notify-send write to our terminal and treats
a failing notify-send as success; here those are contained and turned into a status.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import warnings
from typing import Any


class CheckedSubprocess:
    """Stands in for the `subprocess` module inside plyer's Linux notification module:
    output is captured and a non-zero exit status raises. notify-send gets `--` before
    the title and text, so a title that begins with `-` is not taken for an option, and
    the text's backslashes doubled, as notify-send reads `\\n` in it as a line break."""

    DEVNULL = subprocess.DEVNULL
    PIPE = subprocess.PIPE
    CalledProcessError = subprocess.CalledProcessError

    def call(self, argv: list[str], **_: Any) -> int:
        self.run(argv)
        return 0

    def run(self, argv: list[str], **_: Any) -> subprocess.CompletedProcess[str]:
        if os.path.basename(argv[0]) == "notify-send" and len(argv) >= 3:
            # plyer passes: notify-send TITLE TEXT -i ICON -h HINT ... (options last)
            argv = [argv[0], *argv[3:], "--", argv[1], argv[2].replace("\\", "\\\\")]
        done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              errors="replace", check=False)
        if done.returncode != 0:
            said = (done.stderr.strip() or done.stdout.strip()).splitlines()
            raise RuntimeError(f"{os.path.basename(argv[0])} exited with status "
                               f"{done.returncode}" + (f": {said[0]}" if said else ""))
        return done


def _gvariant_text(text: str) -> str:
    """Text safe inside the '...' GVariant literal plyer builds for the Flatpak portal."""
    return text.replace("\\", "\\\\").replace("'", "\\'")


def app_folder_outside_flatpak() -> bool:
    """A folder /app (common on servers) that plyer would take for Flatpak, and so send
    through the portal, which is not there."""
    return os.path.isdir("/app") and not os.path.exists("/.flatpak-info")


def notify(title: str, body: str, app_name: str) -> None:
    """Deliver through plyer; raises whatever the chosen way raises."""
    if not sys.platform.startswith("linux"):
        from plyer import notification

        notification.notify(title=title, message=body, app_name=app_name)
        return
    from plyer.platforms.linux import notification as linux

    linux.subprocess = CheckedSubprocess()  # type: ignore[assignment]
    if app_folder_outside_flatpak():
        way: Any = linux.NotifySendNotification()
    else:
        way = linux.instance()
        if isinstance(way, linux.NotifyDesktopPortals):
            title, body = _gvariant_text(title), _gvariant_text(body)
    if type(way) is linux.Notification:
        raise RuntimeError("plyer found no way to notify here (notify-send is missing)")
    way.notify(title=title, message=body, app_name=app_name)


def _one_line(err: BaseException) -> str:
    text = " ".join(str(err).split()) or type(err).__name__
    return text if len(text) <= 300 else text[:300] + "…"


def main() -> int:
    warnings.simplefilter("ignore")  # plyer warns about a missing dbus-python
    try:
        message = json.loads(sys.stdin.read())
        title, body = str(message["title"]), str(message["body"])
        app_name = str(message.get("app_name", "coach"))
    except (ValueError, KeyError, TypeError) as err:
        print(f"coach.remind.desktop_send: unreadable message: {_one_line(err)}",
              file=sys.stderr)
        return 2
    try:
        notify(title, body, app_name)
    except Exception as err:  # plyer raises whatever its way raises, e.g. a D-Bus error
        print(_one_line(err), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
