"""The one way the CLI prints: every line goes through `visible()`, so text from a file, a
record or the command line never reaches the terminal as raw control characters, and to a
terminal without UTF-8 (LANG=C) in ASCII. A line that cannot be written raises
OutputFailed, which coach.main turns into one plain line."""

from __future__ import annotations

from typing import Any

import sys

import click

from coach.foundation.locale_text import ascii_words, wants_plain
from coach.foundation.visible import visible


def echo(message: Any = "", *, err: bool = False, nl: bool = True) -> None:
    text = visible(str(message))
    if _ascii_terminal(err):
        text = ascii_words(text)
    try:
        click.echo(text, err=err, nl=nl)
    except OSError as error:
        raise OutputFailed(error, to_stderr=err) from error


class OutputFailed(Exception):
    """What coach prints could not be written (standard output or error is a full disk, a
    pipe whose reader has gone): coach.main says so once, whatever the command."""

    def __init__(self, error: OSError, *, to_stderr: bool) -> None:
        super().__init__(str(error))
        self.error = error
        self.to_stderr = to_stderr


class CoachError(click.ClickException):
    """A problem the person can fix, said in one line (`Error: ...` on stderr, exit 1)."""

    def format_message(self) -> str:
        text = visible(self.message)
        return ascii_words(text) if _ascii_terminal(err=True) else text


def plain_stdout() -> bool:
    """Whether what goes to stdout is drawn in ASCII (a terminal without UTF-8)."""
    return _ascii_terminal(err=False)


def _ascii_terminal(err: bool) -> bool:
    """Whether the stream is a terminal that cannot show UTF-8. A file or a pipe gets the
    text as it is: it is data for a program that knows its encoding."""
    stream = sys.stderr if err else sys.stdout
    try:
        return stream.isatty() and wants_plain()
    except (AttributeError, ValueError):  # None, or closed
        return False
