"""`coach done ROUTINE [--date YYYY-MM-DD] [--partly | --rest] [--value NUMBER]`: mark a
day of a routine afterwards, from the shell.

For the day the app was not opened: the day is kept as marked afterwards (a "mark"
record, or the rest record a rest day has always had; see coach.store.marking), never as
a guided session, and counts in habit strength and runs. Today and the 29 days before it
can be marked; the history screen marks the same days and can undo a mark. --value also
enters the number of the routine's first measure step for that day, kept as entered
afterwards (coach.session.measure_value).
"""

from __future__ import annotations

import sys
from datetime import date
from typing import Any

import click

from coach.cli import cli
from coach.cli.common import open_store
from coach.cli.output import CoachError, echo


def _refuse(words: str) -> None:
    echo(words, err=True)
    sys.exit(2)


@cli.command("done")
@click.argument("routine_id", metavar="ROUTINE")
@click.option("--date", "day_text", metavar="YYYY-MM-DD",
              help="The day to mark (default: today).")
@click.option("--partly", is_flag=True, help="Mark it partly done.")
@click.option("--rest", is_flag=True, help="Mark it a rest day, which strength leaves alone.")
@click.option("--value", "value_text", metavar="NUMBER",
              help="The number for the routine's measure step, such as 7.5 (hours slept).")
def done(routine_id: str, day_text: str | None, partly: bool, rest: bool,
         value_text: str | None) -> None:
    """Mark a day of ROUTINE as done afterwards (today unless --date says which), partly
    done, or a rest day: for the days you did it without opening coach. With --value, the
    number of its measure step too."""
    from coach.routine.catalog import load_catalog
    from coach.routine.kinds import did_you_mean
    from coach.routine.steps.measure import read_number
    from coach.session.measure_value import CannotRecord, said_of, value_record
    from coach.store import StoreError
    from coach.store.marking import (DONE, MARK_DAYS, PARTLY, RESTED, STATE_WORDS,
                                     first_markable, markable)
    from coach.store.records import is_day

    if partly and rest:
        _refuse("Choose one of --partly and --rest.")
    if rest and value_text is not None:
        _refuse("A rest day has no number: leave out --rest or --value.")
    value = None
    if value_text is not None:
        try:
            value = read_number(value_text)
        except ValueError as err:
            _refuse(str(err))
    routines = load_catalog().routines
    if routine_id not in routines:
        hint = did_you_mean(routine_id, sorted(routines)).lstrip("; ")
        _refuse(f"No routine {routine_id!r}{'; ' + hint if hint else '.'} Your routines: "
                f"{', '.join(sorted(routines)) or 'none yet'}.")
    if day_text is not None and not is_day(day_text):
        _refuse(f"The date is a day such as 2026-11-23 (YYYY-MM-DD), not {day_text!r}.")
    store = open_store()
    today = store.today()
    day = date.fromisoformat(day_text) if day_text is not None else today
    if not markable(day, today):
        when = "is still to come" if day > today else "is too long ago to mark"
        _refuse(f"{day.isoformat()} {when}: coach marks the last {MARK_DAYS} days, from "
                f"{first_markable(today).isoformat()} to today ({today.isoformat()}).")
    routine = routines[routine_id]
    measured: dict[str, Any] | None = None
    if value is not None:
        try:
            measured = value_record(store, routine, value, day)
        except CannotRecord as err:
            _refuse(str(err))
    state = RESTED if rest else PARTLY if partly else DONE
    try:
        finished = any(record["kind"] == "session" and record["event"] == "finished"
                       for record in store.well_formed(since=day, until=day,
                                                       routine=routine_id))
        if measured is not None:
            store.add(measured)
        store.mark_day(routine_id, day, state)
    except StoreError as err:
        raise CoachError(f"{err}; the day was not marked") from err
    when = "today" if day == today else f"{day:%A} {day.day} {day:%B}"
    said = f"Marked {when} {STATE_WORDS[state]} for {routine.title}."
    if measured is not None:
        step = next(s for s in routine.steps if s.id == measured["step"])
        said += " " + said_of(measured, step.title)
    if finished and state != DONE:
        said += " You finished it in coach that day, and that still counts as done."
    elif state == RESTED:
        said += " Rest is part of it."
    echo(said)
