"""`coach history`: what the person recorded, day by day, as plain text."""

from __future__ import annotations

from datetime import date

import click

from coach.cli import cli
from coach.cli.common import open_store
from coach.cli.output import CoachError, echo
from coach.store import StoreError


@cli.command()
@click.option("--days", type=click.IntRange(1, 36500), default=7, show_default=True,
              help="How many days back, today included.")
@click.option("--routine", "routine_id", help="Only this routine.")
def history(days: int, routine_id: str | None) -> None:
    """Show what you recorded, day by day, as plain text."""
    from coach.insight.history_text import future_note, history_lines
    from coach.routine.catalog import load_catalog

    store = open_store()
    today = store.today()
    since = date.fromordinal(today.toordinal() - days + 1)
    try:
        # A day after today (a device with a wrong clock) is not one of the last N days.
        records = store.well_formed(since=since, until=today, routine=routine_id)
        future = store.well_formed(since=date.fromordinal(today.toordinal() + 1),
                                   routine=routine_id) if today < date.max else []
    except StoreError as err:
        raise CoachError(str(err)) from err
    lines = history_lines(records, load_catalog().routines)
    if not lines:  # only reminders were sent: nothing the person did
        scope = f" of {routine_id}" if routine_id else ""
        lines = [f"Nothing recorded{scope} in the last {days} day{'s' if days != 1 else ''}."]
    if note := future_note(future):
        lines += ["", note]
    for line in lines:
        echo(line)
