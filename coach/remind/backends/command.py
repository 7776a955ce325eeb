"""The `command` way: a command of the person's choosing (reminder_command in
settings.yaml), such as `[ntfy, publish, my-topic, "{body}"]`.

`{title}` and `{body}` are replaced inside each argument in one pass of plain text
replacement: never `str.format` (braces in a routine title stay as typed), never a shell
(`$(...)`, `;` and quotes in a title are just characters), and a `{body}` inside the
title is not replaced again.

The command is bounded (see helper.py): it may take COMMAND_TIMEOUT_SECONDS, the first
4 KB of what it writes are kept for the message and the rest dropped (16 MB in all and it
is stopped, as `yes` would be), and when it ends, is stopped, or coach closes, its whole
process group and session end with it.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from coach.foundation.files import describe_size
from coach.remind.backends.base import Availability, Delivery, Message, run_bounded
from coach.remind.backends.helper import (OUTPUT_LIMIT_BYTES, STOPPED_AS_COACH_CLOSES,
                                          STOPPED_FOR_OUTPUT)
from coach.foundation.visible import shorten, visible

#: How long the person's command may take to deliver a reminder before it is stopped.
COMMAND_TIMEOUT_SECONDS = 10.0

_PLACEHOLDER = re.compile(r"\{(title|body)\}")
EXAMPLE = 'e.g. reminder_command: [ntfy, publish, my-topic, "{body}"] in settings.yaml'


def command_line(argv: tuple[str, ...], message: Message) -> list[str]:
    """`argv` with the placeholders replaced by the message's title and body."""
    values = {"title": message.title, "body": message.body}
    return [_PLACEHOLDER.sub(lambda match: values[match.group(1)], arg) for arg in argv]


def _plain(text: str, limit: int = 120) -> str:
    return shorten(visible(text, one_line=True), limit)


class CommandBackend:
    name = "command"

    def __init__(self, argv: tuple[str, ...] | None,
                 timeout: float = COMMAND_TIMEOUT_SECONDS) -> None:
        self.argv = tuple(argv or ())
        self.timeout = timeout

    def _program(self) -> str | None:
        program = self.argv[0]
        if os.sep in program:
            path = Path(program).expanduser()
            return str(path) if path.is_file() and os.access(path, os.X_OK) else None
        return shutil.which(program)

    def available(self) -> Availability:
        if not self.argv:
            return Availability(False, "no reminder_command in settings.yaml", f"add one, "
                                f"{EXAMPLE}, and put command in reminders_via")
        if self._program() is None:
            return Availability(False, f"{_plain(self.argv[0], 60)} is not installed or not "
                                "on PATH", "install it, or give its full path as the first "
                                "item of reminder_command")
        return Availability(True)

    def send(self, message: Message) -> Delivery:
        program = self._program() if self.argv else None
        if program is None:
            return Delivery(False, self.available().reason)
        name = _plain(self.argv[0], 60)
        try:
            finished = run_bounded([program, *command_line(self.argv[1:], message)],
                                   self.timeout)
        except OSError as err:
            return Delivery(False, f"{name} could not be started ({err.strerror or err})")
        if finished.stopped == STOPPED_FOR_OUTPUT:
            return Delivery(False, f"{name} wrote more than {describe_size(OUTPUT_LIMIT_BYTES)}"
                            " of output and was stopped")
        if finished.stopped == STOPPED_AS_COACH_CLOSES:
            return Delivery(False, f"{name} was stopped because coach is closing")
        if finished.status is None:
            return Delivery(False, f"{name} did not finish within {self.timeout:g} s and "
                            "was stopped")
        if finished.status != 0:
            said = finished.first_error_line()
            return Delivery(False, f"{name} exited with status {finished.status}"
                            + (f": {_plain(said)}" if said else ""))
        return Delivery(True)
