"""`coach undo`: take back the last correction or deletion of an entry, or the last day
marked afterwards, said before it is done."""

from __future__ import annotations

import click

from coach.cli import cli
from coach.cli.common import agrees, open_store
from coach.cli.output import CoachError, echo
from coach.store import StoreError

NOTHING = ("Nothing to undo: there is no correction, deletion or marked day left to take "
           "back. Your history is as you left it.")


@cli.command()
@click.option("--yes", is_flag=True, help="Undo it without asking first.")
def undo(yes: bool) -> None:
    """Undo the last correction or deletion of an entry, or the last day marked done,
    partly done or a rest day; again to go further back."""
    from coach.routine.catalog import load_catalog

    titles = {key: routine.title for key, routine in load_catalog().routines.items()}
    store = open_store()
    try:
        changes = store.last_changes(titles=titles)
    except StoreError as err:
        raise CoachError(str(err)) from err
    if not changes:
        echo(NOTHING)
        return
    change = changes[0]
    echo(change.describe())
    if not yes and not agrees("Undo it?"):
        echo("Nothing was changed.")
        return
    try:
        back = change.undo(store)
    except (StoreError, ValueError) as err:
        raise CoachError(f"{err}; nothing was changed") from err
    echo(f"{back}." if back else
         "That change was undone meanwhile (perhaps in another coach); nothing was changed.")
