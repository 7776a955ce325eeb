"""The `tmux` way: a message on the status line of everyone attached to the tmux server
(for SSH and server use, where there is no desktop).

The server is the one named by `$TMUX` (coach runs inside tmux), else the default socket.
tmux expands formats in a message (`#{...}`, and `#(...)`, which runs a command), styles
(`#[...]`) and strftime's `%s`, so every `#` and `%` in the text is escaped: a routine
called `#(touch x)` is shown as typed and runs nothing.

A message stays for DISPLAY_MS with `display-message -d`, which tmux has had since 3.2;
an older tmux (3.0a on Ubuntu 20.04, 3.1c on Debian 11) answers it with its usage line,
and then the message is shown again without `-d`, for as long as its display-time.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Mapping
from pathlib import Path

from coach.remind.backends.base import (SEND_TIMEOUT_SECONDS, Availability, Delivery,
                                        Finished, Message, run_bounded)
from coach.foundation.visible import shorten, visible

#: How long a message stays on the status line, in milliseconds.
DISPLAY_MS = 10_000
#: tmux answers at once; a server that does not is stuck.
_ASK_TIMEOUT = 5.0
_HASH_RUN = re.compile(r"(#+)(\[?)")


def tmux_socket(env: Mapping[str, str]) -> Path:
    """The server coach runs inside ($TMUX is "socket,pid,session"), else the default one."""
    inside = env.get("TMUX", "").split(",")[0]
    if inside:
        return Path(inside)
    return Path(env.get("TMUX_TMPDIR") or "/tmp") / f"tmux-{os.getuid()}" / "default"


def _hashes(run: re.Match[str]) -> str:
    hashes, bracket = run.group(1), run.group(2)
    return "#" * (len(hashes) * (2 if bracket else 4)) + bracket


def tmux_text(message: Message) -> str:
    """One line, with nothing tmux would expand or a terminal would act on.

    tmux reads `#` twice: expanding formats turns `##` into `#` (but leaves a run of `#`
    before `[` as it is), then drawing the status line turns `##` into `#` again and
    `#[` into a style. So each `#` becomes four, or two before `[` (measured on 3.3a).
    Before all that it passes the text through strftime, so `%` becomes `%%`."""
    text = f"{message.title}: {message.body}" if message.title else message.body
    return _HASH_RUN.sub(_hashes, visible(text, one_line=True)).replace("%", "%%")


class TmuxBackend:
    name = "tmux"

    def __init__(self, env: Mapping[str, str] | None = None, socket: Path | None = None,
                 timeout: float = SEND_TIMEOUT_SECONDS) -> None:
        self.env = os.environ if env is None else env
        self.socket = socket or tmux_socket(self.env)
        self.timeout = timeout
        #: False once this tmux has refused `display-message -d` (before tmux 3.2).
        self.takes_duration = True

    def _tmux(self) -> str | None:
        return shutil.which("tmux", path=self.env.get("PATH"))

    def _clients(self, tmux: str) -> tuple[list[str], str]:
        """The attached clients' names, or why they could not be listed."""
        try:
            finished = run_bounded([tmux, "-S", str(self.socket), "list-clients", "-F",
                                    "#{client_name}"], _ASK_TIMEOUT, env=self.env)
        except OSError as err:
            return [], f"tmux could not be started ({err.strerror or err})"
        if finished.status is None:
            return [], f"the tmux server at {self.socket} did not answer"
        if finished.status != 0:
            said = finished.first_error_line()
            if "no server running" in said or "error connecting" in said:
                return [], f"no tmux server running (looked at {self.socket})"
            return [], f"tmux said: {shorten(visible(said, one_line=True), 120)}"
        return [line for line in finished.out.splitlines() if line.strip()], ""

    def available(self) -> Availability:
        tmux = self._tmux()
        if tmux is None:
            return Availability(False, "tmux is not installed",
                                "install tmux, or choose another way in reminders_via")
        clients, problem = self._clients(tmux)
        if problem:
            return Availability(False, problem, "run coach remind inside tmux, or start "
                                "tmux (a running coach remind finds its default server)")
        if not clients:
            return Availability(False, "no one is attached to tmux",
                                "attach to your tmux session (tmux attach)")
        return Availability(True)

    def send(self, message: Message) -> Delivery:
        tmux = self._tmux()
        if tmux is None:
            return Delivery(False, "tmux is not installed")
        clients, problem = self._clients(tmux)
        if problem or not clients:
            return Delivery(False, problem or "no one is attached to tmux")
        text = tmux_text(message)
        shown, failures = 0, []
        for client in clients:
            try:
                finished = self._display(tmux, client, text)
            except OSError as err:
                return Delivery(False, f"tmux could not be started ({err.strerror or err})")
            if finished.status == 0:
                shown += 1
            else:
                said = finished.first_error_line() or "no answer in time"
                failures.append(f"{client}: {shorten(visible(said, one_line=True), 80)}")
        if not shown:
            return Delivery(False, "; ".join(failures))
        return Delivery(True, f"shown to {shown} client{'s' if shown != 1 else ''}")

    def _display(self, tmux: str, client: str, text: str) -> Finished:
        """Show `text` to `client`, for DISPLAY_MS where this tmux can be told how long."""
        command = [tmux, "-S", str(self.socket), "display-message", "-c", client]
        if self.takes_duration:
            finished = run_bounded([*command, "-d", str(DISPLAY_MS), text], self.timeout,
                                   env=self.env)
            if not _refused_duration(finished):
                return finished
            self.takes_duration = False
        return run_bounded([*command, text], self.timeout, env=self.env)


def _refused_duration(finished: Finished) -> bool:
    """Whether tmux rejected the command line itself, as tmux before 3.2 rejects `-d`
    (by printing display-message's usage, which has no `-d` in it)."""
    return finished.status not in (0, None) and any(
        line.startswith("usage: display-message") and "-d" not in line
        for line in finished.err.splitlines())
