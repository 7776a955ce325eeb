"""`coach list`, `validate`, `schema`, `init` and `edit`: the person's routine files."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from coach.cli import cli
from coach.cli.output import CoachError, echo


@cli.command("list")
def list_routines() -> None:
    """List your routines, and any routine file that failed to load."""
    from coach.routine.catalog import load_catalog

    catalog = load_catalog()
    routines = catalog.ordered()
    if routines:
        echo(f"Routines ({len(routines)}):")
        width = max(len(r.id) for r in routines)
        title_width = max(len(r.title) for r in routines)
        for routine in routines:
            when = routine.schedule.describe() if routine.schedule else "no schedule"
            where = "shipped" if routine.shipped else str(routine.source)
            steps = f"{len(routine.steps)} step{'s' if len(routine.steps) != 1 else ''}"
            echo(f"  {routine.id:<{width}}  {routine.title:<{title_width}}  "
                       f"{when:<17} {steps:<9} {where}")
    else:
        echo("No routines found. Run 'coach init' to copy the shipped ones.")
    _echo_failures(catalog.failures)
    for warning in catalog.warnings:
        echo(str(warning))


def _echo_failures(failures: Sequence[object]) -> None:
    if not failures:
        return
    noun = "file" if len(failures) == 1 else "files"
    echo(f"\nCould not load {len(failures)} {noun}:")
    for failure in failures:
        for problem in failure.problems:  # type: ignore[attr-defined]
            echo(f"  {problem}")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check routine files (default: yours and the shipped ones).

    Prints PATH:LINE:COLUMN: message for each problem and exits with 1 when
    any file is invalid.
    """
    from coach.routine.catalog import load_catalog, load_files

    # A path with nothing at all there is said here; a dangling link, a symlink loop or a
    # folder without permission is for the loader, which says which it is.
    missing = [p for p in paths if _nothing_at(p)]
    for path in missing:
        echo(f"{path}: no such file or directory")
    if paths:
        catalog = load_files(p for p in paths if p not in missing)
    else:
        catalog = load_catalog()
    checked = catalog.checked
    for warning in catalog.warnings:
        echo(str(warning))
    for failure in catalog.failures:
        for problem in failure.problems:
            echo(str(problem))
    if catalog.failures or missing:
        bad = len(catalog.failures) + len(missing)
        echo(f"{bad} of {checked + len(missing)} routine files have problems.", err=True)
        sys.exit(1)
    if checked == 0:
        echo("No routine files to check.")
        return
    names = ", ".join(sorted({r.id for r in catalog.routines.values()}))
    noun = "file is" if checked == 1 else "files are"
    echo(f"{checked} routine {noun} valid ({names}).")


def _nothing_at(path: Path) -> bool:
    try:
        os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False  # there is something, which the loader will describe
    return False


@cli.command()
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False),
              help="Write the schema to this file instead of printing it.")
def schema(output: Path | None) -> None:
    """Print the JSON Schema of routine files, for editors.

    With the YAML language server, put this line at the top of a routine file:
    # yaml-language-server: $schema=routine.schema.json
    """
    from coach.routine.schema import routine_schema_json

    text = routine_schema_json()
    if output is None:
        echo(text, nl=False)
        return
    from coach.files import atomic_write

    if not output.parent.is_dir():
        raise CoachError(f"cannot write {output}: the folder {output.parent} "
                                   "does not exist")
    try:
        atomic_write(output, text.encode(), mode=0o644)
    except OSError as err:
        raise CoachError(f"cannot write {output}: {err.strerror or err}") from err
    echo(f"Wrote {output}", err=True)


@cli.command()
def init() -> None:
    """Copy the shipped routines into your routines folder, to edit them.

    Never overwrites a file without asking.
    """
    from coach.cli.edit import copy_shipped_routines

    copy_shipped_routines(confirm_overwrite=_confirm_overwrite, echo=echo)


def _confirm_overwrite(path: Path) -> bool:
    try:
        if click.confirm(f"  {path.name} differs from the shipped one. Overwrite it?",
                         default=False):
            return True
    except click.Abort:
        echo()
    echo(f"  {path.name}: kept yours")
    return False


@cli.command()
@click.argument("routine_id")
def edit(routine_id: str) -> None:
    """Open a routine in your editor ($VISUAL or $EDITOR) and check it when you close it.

    A shipped routine is copied into your routines folder first.
    """
    from coach.cli.edit import edit_routine

    sys.exit(edit_routine(routine_id))
