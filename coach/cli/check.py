"""`coach check phq9|gad7`: a self-check on its own, in the app."""

from __future__ import annotations

import sys

import click

from coach.cli import cli
from coach.cli.output import echo
from coach.foundation.terminal import has_terminal

#: What `coach check` says when it is not in a terminal.
CHECK_NEEDS_A_TERMINAL = "coach check needs a terminal: it asks its questions one at a time"


@cli.command("check")
@click.argument("form")
@click.pass_context
def check(ctx: click.Context, form: str) -> None:
    """Take the PHQ-9 (mood) or the GAD-7 (anxiety) self-check: FORM is phq9 or gad7.

    Each asks about the last 2 weeks; your total and its range are shown at the end. It is
    a self-check to bring to a professional, not a diagnosis.
    """
    from coach.practice.questionnaires import FORMS
    from coach.store.records import CHECK_ROUTINE
    from coach.routine.kinds import did_you_mean

    key = form.strip().lower().replace("-", "")  # the forms call themselves PHQ-9 and GAD-7
    if key not in FORMS:
        hint = did_you_mean(key, list(FORMS)).lstrip("; ")
        choices = ", ".join(f"{k} ({f.name}, {f.about})" for k, f in FORMS.items())
        echo(f"No self-check {form!r}{'; ' + hint if hint else '.'} There are: {choices}.",
             err=True)
        sys.exit(2)
    if not has_terminal():  # after the check above, which a script can read as well
        echo(CHECK_NEEDS_A_TERMINAL, err=True)
        sys.exit(1)
    from coach.tui.app import run_app

    run_app(start_with=f"{CHECK_ROUTINE}/{key}", reduced_motion=ctx.obj.get("reduced_motion",
                                                                           False))
