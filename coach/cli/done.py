"""`coach done ROUTINE --value NUMBER [--date YYYY-MM-DD]`: a measured number from the shell.

The number goes to the routine's first measure step for that day (today unless
--date says otherwise, up to 30 days back), kept as entered afterwards, not guided
(coach.session.measure_value). No terminal is needed.
"""

from __future__ import annotations

import sys
from datetime import date

import click

from coach.cli import cli
from coach.cli.common import open_store
from coach.cli.output import CoachError, echo


def _day(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        echo(f"The date is written YYYY-MM-DD, such as 2026-12-06, not {text!r}.", err=True)
        sys.exit(2)


@cli.command("done")
@click.argument("routine_id")
@click.option("--value", "value_text", required=True, metavar="NUMBER",
              help="The number for the routine's measure step, such as 7.5 (hours slept).")
@click.option("--date", "day_text", metavar="YYYY-MM-DD",
              help="The day it is for; today when left out, up to 30 days back.")
def done(routine_id: str, value_text: str, day_text: str | None) -> None:
    """Enter the number of ROUTINE's measure step for today or a day before, as entered
    afterwards."""
    from coach.routine.catalog import load_catalog
    from coach.routine.kinds import did_you_mean
    from coach.routine.steps.measure import read_number
    from coach.session.measure_value import CannotRecord, said_of, value_record
    from coach.store import StoreError

    try:
        value = read_number(value_text)
    except ValueError as err:
        echo(str(err), err=True)
        sys.exit(2)
    day = _day(day_text)
    routines = load_catalog().routines
    routine = routines.get(routine_id)
    if routine is None:
        hint = did_you_mean(routine_id, sorted(routines)).lstrip("; ")
        echo(f"No routine {routine_id!r}{'; ' + hint if hint else '.'} Your routines: "
             f"{', '.join(sorted(routines)) or 'none yet'}.", err=True)
        sys.exit(1)
    store = open_store()
    try:
        record = value_record(store, routine, value, day)
    except CannotRecord as err:
        echo(str(err), err=True)
        sys.exit(1)
    try:
        store.add(record)
    except StoreError as err:
        raise CoachError(f"{err}; the number was not saved") from err
    step = next(s for s in routine.steps if s.id == record["step"])
    echo("Saved. " + said_of(record, step.title))
