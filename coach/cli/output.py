"""The one way the CLI prints: every line goes through `visible()`, so text from a file, a
record or the command line never reaches the terminal as raw control characters."""

from __future__ import annotations

from typing import Any

import click

from coach.visible import visible


def echo(message: Any = "", *, err: bool = False, nl: bool = True) -> None:
    click.echo(visible(str(message)), err=err, nl=nl)


class CoachError(click.ClickException):
    """A problem the person can fix, said in one line (`Error: ...` on stderr, exit 1)."""

    def format_message(self) -> str:
        return visible(self.message)
