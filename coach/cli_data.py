"""`coach history`, `export`, `import` and `doctor`: the person's records, outside the app."""

from __future__ import annotations

import json
import sys
from datetime import date, datetime
from pathlib import Path

import click

from coach.files import atomic_write
from coach.paths import data_dir
from coach.store import Store, StoreError


def write_private(output: Path, data: bytes) -> None:
    """Write a file readable only by its owner, into a folder that must already exist."""
    if not output.parent.is_dir():
        raise click.ClickException(f"cannot write {output}: the folder {output.parent} "
                                   "does not exist")
    try:
        atomic_write(output, data, mode=0o600)
    except OSError as err:
        raise click.ClickException(f"cannot write {output}: {err.strerror or err}") from err


def open_store() -> Store:
    """The person's store, checked: crash leftovers removed, damaged files repaired (and said)."""
    from coach.settings import load_settings

    settings, _ = load_settings()
    store = Store(data_dir(), day_start_hour=settings.day_start_hour)
    try:
        for notice in store.check():
            click.echo(f"coach: {notice}", err=True)
    except StoreError as err:
        raise click.ClickException(str(err)) from err
    return store


def show_history(days: int, routine_id: str | None) -> None:
    from coach.history_text import history_lines
    from coach.routine.catalog import load_catalog

    store = open_store()
    since = date.fromordinal(store.today().toordinal() - days + 1)
    records = store.well_formed(since=since, routine=routine_id)
    if not records:
        scope = f" of {routine_id}" if routine_id else ""
        click.echo(f"Nothing recorded{scope} in the last {days} day{'s' if days != 1 else ''}.")
        return
    for line in history_lines(records, load_catalog().routines):
        click.echo(line)


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
        click.echo(f"coach: {left} record{'s' if left != 1 else ''} could not be read and "
                   f"{'are' if left != 1 else 'is'} left out (coach doctor says more).", err=True)
    if fmt == "json":
        text = to_json(records, iso_utc(store.now()))
    elif fmt == "csv":
        text = to_csv(records)
    else:
        text = to_markdown(records, include_journal=include_journal)
    if output is None:
        click.echo(text, nl=False)
        return
    write_private(output, text.encode("utf-8"))
    click.echo(f"Wrote {len(records)} records to {output} (readable only by you).", err=True)


def import_records(path: Path) -> None:
    from coach.store.export import EXPORT_FORMAT, EXPORT_VERSION

    try:
        document = json.loads(path.read_bytes())
    except OSError as err:
        raise click.ClickException(f"cannot read {path}: {err.strerror or err}") from err
    except (ValueError, RecursionError) as err:
        raise click.ClickException(f"{path} is not a coach JSON export: "
                                   f"{err if isinstance(err, ValueError) else 'nested too deeply'}") from err
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise click.ClickException(f"{path} is not a coach JSON export (coach export "
                                   "--format json makes one)")
    if not isinstance(document.get("version"), int) or document["version"] > EXPORT_VERSION:
        raise click.ClickException(f"{path} was made by a newer coach; update coach to import it")
    records = document.get("records")
    if not isinstance(records, list):
        raise click.ClickException(f"{path} holds no list of records")
    from coach.store.records import record_problem

    good = [r for r in records if record_problem(r) is None]
    store = open_store()
    try:
        added, present = store.import_records(good)
    except StoreError as err:
        raise click.ClickException(str(err)) from err
    click.echo(f"Imported {added} record{'s' if added != 1 else ''}; {present} "
               f"{'were' if present != 1 else 'was'} already here.")
    if len(good) < len(records):
        bad = len(records) - len(good)
        click.echo(f"{bad} record{'s' if bad != 1 else ''} could not be read and "
                   f"{'were' if bad != 1 else 'was'} left out.", err=True)


def run_doctor(fix: bool) -> None:
    from coach.routine.catalog import load_catalog
    from coach.settings import load_settings
    from coach.store.privacy import exposed_paths, tighten

    outstanding = 0
    directory = data_dir()
    click.echo(f"Data folder: {directory}")
    store = Store(directory)
    if directory.exists():
        try:
            removed = store.clean_leftovers()
            if removed:
                click.echo(f"  removed {len(removed)} temporary file(s) left by an "
                           "interrupted save")
            for path in store.month_files():
                store.load_month(path)
        except StoreError as err:
            click.echo(f"  ✗ {err}")
            click.echo(f"{outstanding + 1} thing to look at.")
            sys.exit(1)
        for notice in store.notices:
            click.echo(f"  repaired: {notice}")
        months = len(store.month_files())
        if not outstanding:
            click.echo(f"  ✓ {months} month file{'s' if months != 1 else ''} readable")
        malformed = store.malformed_count()
        if malformed:
            click.echo(f"  ✗ {malformed} entr{'ies' if malformed != 1 else 'y'} in the data files "
                       "could not be read as records (a hand edit?); coach skips them. Their "
                       "text is still in the files.")
            outstanding += 1
    else:
        click.echo("  nothing recorded yet")
    exposed = exposed_paths(directory)
    if exposed and fix:
        tighten(exposed)
        click.echo(f"  ✓ made {len(exposed)} path(s) private to you (folders 0700, files 0600)")
    elif exposed:
        for item in exposed:
            click.echo(f"  ✗ {item.describe()}")
        click.echo("    run 'coach doctor --fix' to make them private to you")
        outstanding += 1
    elif directory.exists():
        click.echo("  ✓ private to you")
    catalog = load_catalog()
    _, settings_problems = load_settings()
    click.echo(f"Routines: {len(catalog.routines)} loaded")
    for failure in catalog.failures:
        for problem in failure.problems:
            click.echo(f"  ✗ {problem}")
        outstanding += 1
    for problem in settings_problems:
        click.echo(f"  ✗ {problem}")
        outstanding += 1
    if outstanding:
        click.echo(f"{outstanding} thing{'s' if outstanding != 1 else ''} to look at.")
        sys.exit(1)
    click.echo("All well.")
