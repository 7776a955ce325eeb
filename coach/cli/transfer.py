"""`coach export` and `coach import`: the person's records in open formats, and back."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coach.cli import cli
from coach.cli.common import open_store, output_file
from coach.cli.output import CoachError, echo
from coach.store import Store, StoreError

if TYPE_CHECKING:
    from coach.store.importing import Importer


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "markdown"]),
              default="json", show_default=True,
              help="json: everything, to keep or import; csv: a row a record; markdown: a "
                   "weekly summary to share.")
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]),
              help="Only records from this day on (YYYY-MM-DD).")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False,
                                                allow_dash=True),
              help="Write to this file (readable only by you; a link: the file it points "
                   "to; a pipe or a device: as a stream) instead of printing.")
@click.option("--include-journal", is_flag=True,
              help="Put journal text in the markdown summary (json and csv always have it).")
def export(fmt: str, since: object, output: Path | None, include_journal: bool) -> None:
    """Export everything you recorded, in open formats."""
    export_records(fmt, since, output, include_journal)  # type: ignore[arg-type]


def export_records(fmt: str, since: datetime | None, output: Path | None,
                   include_journal: bool) -> None:
    """Stream the export: one month in memory at a time, straight to the file or stdout."""
    from coach.foundation.files import inherited_fd
    from coach.store.days import iso_utc
    from coach.store.export import csv_chunks, json_chunks

    store = open_store()
    counts = {"records": 0, "left out": 0}
    # JSON is the backup: every record as written, revisions and removed entries included,
    # so an import brings back each version; CSV and Markdown show entries as they are now.
    months = _well_formed_months(store, since.date() if since else None, counts,
                                 raw=fmt == "json")
    if fmt == "json":
        chunks = json_chunks(months, iso_utc(store.now()))
    elif fmt == "csv":
        chunks = csv_chunks(months)
    else:
        chunks = weekly_markdown(store, months, include_journal)
    if output is not None and inherited_fd(output) == 1:
        output = None  # "-" or /dev/stdout: printed as without -o, through echo
    written_to_file = False
    try:
        if output is None:
            for chunk in chunks:
                echo(chunk, nl=False)
        else:
            with output_file(output) as handle:
                for chunk in chunks:
                    handle.write(chunk.encode("utf-8"))
            written_to_file = handle.is_file
    except StoreError as err:
        raise CoachError(f"{err}; nothing was exported") from err
    left = counts["left out"]
    if left:
        echo(f"coach: {left} record{'s' if left != 1 else ''} could not be read and "
             f"{'are' if left != 1 else 'is'} left out (coach doctor says more).", err=True)
    if output is not None:
        echo(f"Wrote {counts['records']} records to {output}"
             f"{' (readable only by you)' if written_to_file else ''}.", err=True)
    if store.problems:
        for name, why in sorted(store.problems.items()):
            echo(f"coach: {name} could not be read ({why}), so its records are not in this "
                 "export.", err=True)
        store.months.clear_problems()
        sys.exit(1)


def weekly_markdown(store: Store, months: Iterable[list[dict[str, Any]]],
                    include_journal: bool) -> Iterator[str]:
    """The weekly summary, with each routine's figures from all of history (the routines'
    series, not the records) and its title from the routines folder."""
    from coach.insight.overview import series_progress
    from coach.insight.weekly import WeeklySummary
    from coach.routine.catalog import load_catalog

    routines = load_catalog().routines
    today = store.today()
    try:
        series = store.series()
    except StoreError as err:
        raise CoachError(f"{err}; nothing was exported") from err
    progress = {key: series_progress(series, routine, today)
                for key, routine in routines.items()}
    titles = {key: routine.title for key, routine in routines.items()}
    return WeeklySummary(progress, titles, today, include_journal=include_journal).chunks(months)


def _well_formed_months(store: Store, since: date | None, counts: dict[str, int],
                        raw: bool = False) -> Iterator[list[dict[str, Any]]]:
    for good, left_out in store.by_month(since=since, raw=raw):
        counts["records"] += len(good)
        counts["left out"] += left_out
        yield good


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
def import_command(file: Path) -> None:
    """Read a JSON export back in (a backup, or a move to a new machine), or a month file
    from a data folder (records-YYYY-MM.json, or a copy of one).

    Records already here are not added twice.
    """
    import_records(file)


def import_records(path: Path) -> None:
    """Stream the export in, a batch at a time, and say exactly what was and was not added."""
    from coach.foundation.files import UnusableFile, open_regular
    from coach.store.importing import IMPORT_LIMIT, Importer, NotAnExport, ReadLimit, read_export

    try:
        handle = open_regular(path, IMPORT_LIMIT, what="an export to import")
    except UnusableFile as err:
        raise CoachError(f"cannot import {err}") from err
    with handle:
        try:
            records = read_export(ReadLimit(handle, IMPORT_LIMIT))
        except (NotAnExport, OSError) as err:
            raise CoachError(f"cannot import {path}: {_why(err)}") from err
        store = open_store()
        importer = Importer(store)
        stopped: tuple[str, str] | None = None
        try:
            for record in records:
                importer.take(record)
        except (NotAnExport, OSError) as err:
            # A mistake in the file is fixed there; a read that failed (a disk, a network
            # share) needs only to work next time.
            stopped = (f"coach stopped reading {path} after record {importer.read}: "
                       f"{_why(err)}",
                       f"; once {path.name} is fixed there, importing it again" if
                       isinstance(err, NotAnExport) else
                       f"; once {path.name} can be read to the end, importing it again")
        try:
            importer.flush()
        except StoreError as err:
            stopped = (f"coach stopped importing {path}: {err}",
                       f". Nothing in {path.name} is wrong: once coach can save to "
                       f"{store.directory} again, importing it again")
    _say_imported(importer, stopped)


def _why(err: Exception) -> str:
    if isinstance(err, OSError):
        return (err.strerror or str(err)).lower()
    return str(err)


def _say_imported(importer: Importer, stopped: tuple[str, str] | None) -> None:
    """What was added; if the import stopped, why (`stopped`: what happened, and the start of
    advice that fits it)."""
    added, present = importer.added, importer.present
    summary = (f"Imported {added} record{'s' if added != 1 else ''}; {present} "
               f"{'were' if present != 1 else 'was'} already here.")
    if stopped:
        what, advice = stopped
        echo(what, err=True)
        echo(f"{summary} Nothing after that was added{advice} adds only what is missing.")
    else:
        echo(summary)
    if importer.refused:
        bad = importer.refused
        echo(f"{bad} record{'s' if bad != 1 else ''} could not be read and "
             f"{'were' if bad != 1 else 'was'} left out:", err=True)
        for position, problem in importer.reasons:
            echo(f"  record {position}: {problem}", err=True)
        if bad > len(importer.reasons):
            echo(f"  and {bad - len(importer.reasons)} more", err=True)
    if stopped:
        sys.exit(1)
