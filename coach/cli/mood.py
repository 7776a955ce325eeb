"""`coach mood RATING [WORDS] [--tag TAG ...]`: a quick mood check-in from the shell.

The same record as home's `m` (coach.session.quick_mood), written at once; no terminal
is needed, so a script, a status bar or a phone's shell can ask for it.
"""

from __future__ import annotations

import sys

import click

from coach.cli import cli
from coach.cli.common import open_store
from coach.cli.output import CoachError, echo


def _rating(text: str) -> int | None:
    """The rating 0-10 written as a whole number, or None."""
    text = text.strip()
    if not text.lstrip("-").isdecimal() or not text.isascii():
        return None
    value = int(text)
    return value if 0 <= value <= 10 else None


@cli.command("mood", context_settings={"ignore_unknown_options": True})
@click.argument("rating")
@click.argument("words", required=False, default="")
@click.option("--tag", "tags", multiple=True, metavar="TAG",
              help="A tag for this check-in (an activity, a place, a person); repeat it "
              "for more.")
def mood(rating: str, words: str, tags: tuple[str, ...]) -> None:
    """Check in with your mood: RATING from 0 (worst) to 10 (best), and a few WORDS if you
    like. Several check-ins a day are fine; the figures use each one."""
    from coach.session.quick_mood import mood_record
    from coach.store import StoreError

    value = _rating(rating)
    if value is None:
        echo(f"The rating is a whole number from 0 (worst) to 10 (best), not {rating!r}.",
             err=True)
        sys.exit(2)
    store = open_store()
    record = mood_record(store, value, words, [t.strip() for t in tags if t.strip()])
    try:
        store.add(record)
    except StoreError as err:
        raise CoachError(f"{err}; your check-in was not saved") from err
    said = f"Saved your check-in: {value}"
    if record["data"]["note"]:
        said += f" ({record['data']['note']})"
    if record["data"]["tags"]:
        said += ", tagged " + ", ".join(record["data"]["tags"])
    echo(said)
