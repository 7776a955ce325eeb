"""`coach done ROUTINE [--date YYYY-MM-DD] [--partly | --rest]`: mark a day of a routine
afterwards, from the shell.

For the day the app was not opened: the day is kept as marked afterwards (a "mark"
record, or the rest record a rest day has always had; see coach.store.marking), never as
a guided session, and counts in habit strength and runs. Today and the 29 days before it
can be marked; the history screen marks the same days and can undo a mark.
"""

from __future__ import annotations

import sys
from datetime import date

import click

from coach.cli import cli
from coach.cli.common import open_store
from coach.cli.output import CoachError, echo


@cli.command("done")
@click.argument("routine_id", metavar="ROUTINE")
@click.option("--date", "day_text", metavar="YYYY-MM-DD",
              help="The day to mark (default: today).")
@click.option("--partly", is_flag=True, help="Mark it partly done.")
@click.option("--rest", is_flag=True, help="Mark it a rest day, which strength leaves alone.")
def done(routine_id: str, day_text: str | None, partly: bool, rest: bool) -> None:
    """Mark a day of ROUTINE as done afterwards (today unless --date says which), partly
    done, or a rest day: for the days you did it without opening coach."""
    from coach.routine.catalog import load_catalog
    from coach.routine.kinds import did_you_mean
    from coach.store import StoreError
    from coach.store.marking import (DONE, MARK_DAYS, PARTLY, RESTED, STATE_WORDS,
                                     first_markable, markable)
    from coach.store.records import is_day

    if partly and rest:
        echo("Choose one of --partly and --rest.", err=True)
        sys.exit(2)
    routines = load_catalog().routines
    if routine_id not in routines:
        hint = did_you_mean(routine_id, sorted(routines)).lstrip("; ")
        echo(f"No routine {routine_id!r}{'; ' + hint if hint else '.'} Your routines: "
             f"{', '.join(sorted(routines)) or 'none yet'}.", err=True)
        sys.exit(2)
    if day_text is not None and not is_day(day_text):
        echo(f"The date is a day such as 2026-11-23 (YYYY-MM-DD), not {day_text!r}.", err=True)
        sys.exit(2)
    store = open_store()
    today = store.today()
    day = date.fromisoformat(day_text) if day_text is not None else today
    if not markable(day, today):
        when = "is still to come" if day > today else "is too long ago to mark"
        echo(f"{day.isoformat()} {when}: coach marks the last {MARK_DAYS} days, from "
             f"{first_markable(today).isoformat()} to today ({today.isoformat()}).", err=True)
        sys.exit(2)
    state = RESTED if rest else PARTLY if partly else DONE
    title = routines[routine_id].title
    try:
        finished = any(record["kind"] == "session" and record["event"] == "finished"
                       for record in store.well_formed(since=day, until=day,
                                                       routine=routine_id))
        store.mark_day(routine_id, day, state)
    except StoreError as err:
        raise CoachError(f"{err}; the day was not marked") from err
    when = "today" if day == today else f"{day:%A} {day.day} {day:%B}"
    said = f"Marked {when} {STATE_WORDS[state]} for {title}."
    if finished and state != DONE:
        said += " You finished it in coach that day, and that still counts as done."
    elif state == RESTED:
        said += " Rest is part of it."
    echo(said)
