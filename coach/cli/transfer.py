"""`coach export` and `coach import`: the person's records in open formats, and back."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import click

from coach.cli import cli
from coach.cli.common import open_store, write_private
from coach.cli.output import CoachError, echo
from coach.store import StoreError


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "markdown"]),
              default="json", show_default=True,
              help="json: everything, to keep or import; csv: a row a record; markdown: a "
                   "weekly summary to share.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Only records from this day on (YYYY-MM-DD).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write to this file (readable only by you) instead of printing.")
@click.option("--include-journal", is_flag=True,
              help="Put journal text in the markdown summary (json and csv always have it).")
def export(fmt: str, since: object, output: Path | None, include_journal: bool) -> None:
    """Export everything you recorded, in open formats."""
    export_records(fmt, since, output, include_journal)  # type: ignore[arg-type]


def export_records(fmt: str, since: datetime | None, output: Path | None,
                   include_journal: bool) -> None:
    from coach.store.days import iso_utc
    from coach.store.export import to_csv, to_json, to_markdown
    from coach.store.records import record_problem

    store = open_store()
    everything = store.records(since=since.date() if since else None)
    records = [r for r in everything if record_problem(r) is None]
    if len(records) < len(everything):
        left = len(everything) - len(records)
        echo(f"coach: {left} record{'s' if left != 1 else ''} could not be read and "
                   f"{'are' if left != 1 else 'is'} left out (coach doctor says more).", err=True)
    if fmt == "json":
        text = to_json(records, iso_utc(store.now()))
    elif fmt == "csv":
        text = to_csv(records)
    else:
        text = to_markdown(records, include_journal=include_journal)
    if output is None:
        echo(text, nl=False)
        return
    write_private(output, text.encode("utf-8"))
    echo(f"Wrote {len(records)} records to {output} (readable only by you).", err=True)


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def import_command(file: Path) -> None:
    """Read a JSON export back in (a backup, or a move to a new machine).

    Records already here are not added twice.
    """
    import_records(file)


def import_records(path: Path) -> None:
    from coach.store.export import EXPORT_FORMAT, EXPORT_VERSION

    try:
        document = json.loads(path.read_bytes())
    except OSError as err:
        raise CoachError(f"cannot read {path}: {err.strerror or err}") from err
    except (ValueError, RecursionError) as err:
        raise CoachError(f"{path} is not a coach JSON export: "
                                   f"{err if isinstance(err, ValueError) else 'nested too deeply'}") from err
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise CoachError(f"{path} is not a coach JSON export (coach export "
                                   "--format json makes one)")
    if not isinstance(document.get("version"), int) or document["version"] > EXPORT_VERSION:
        raise CoachError(f"{path} was made by a newer coach; update coach to import it")
    records = document.get("records")
    if not isinstance(records, list):
        raise CoachError(f"{path} holds no list of records")
    from coach.store.records import record_problem

    good = [r for r in records if record_problem(r) is None]
    store = open_store()
    try:
        added, present = store.import_records(good)
    except StoreError as err:
        raise CoachError(str(err)) from err
    echo(f"Imported {added} record{'s' if added != 1 else ''}; {present} "
               f"{'were' if present != 1 else 'was'} already here.")
    if len(good) < len(records):
        bad = len(records) - len(good)
        echo(f"{bad} record{'s' if bad != 1 else ''} could not be read and "
                   f"{'were' if bad != 1 else 'was'} left out.", err=True)
