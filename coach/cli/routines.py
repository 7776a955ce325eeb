"""`coach list`, `validate`, `schema`, `init` and `edit`: the person's routine files."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.cli import cli
from coach.cli.output import echo

if TYPE_CHECKING:
    from coach.routine.catalog import FileFailure


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
            if routine.id in catalog.kept_last_good:
                where += " (last good version)"
            steps = f"{len(routine.steps)} step{'s' if len(routine.steps) != 1 else ''}"
            echo(f"  {routine.id:<{width}}  {routine.title:<{title_width}}  "
                       f"{when:<17} {steps:<9} {where}")
    else:
        echo("No routines found. Run 'coach init' to copy the shipped ones.")
    for left_out in catalog.left_out:
        echo(f"\n{left_out}")
    _echo_failures(catalog.failures)
    for warning in catalog.warnings:
        echo(str(warning))


def _echo_failures(failures: Sequence[FileFailure]) -> None:
    for failure in failures:
        echo(f"\n{failure.notice()}:")
        for problem in failure.problems:
            echo(f"  {problem}")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check routine files (default: yours and the shipped ones) and your support plan.

    Prints PATH:LINE:COLUMN: message for each problem and exits with 1 when
    any file is invalid. A file named support.yaml is checked as a support plan.
    """
    from coach.cli.support import is_support_plan, validate_support_plan
    from coach.foundation.paths import support_file
    from coach.routine.catalog import load_catalog, load_files

    # A path with nothing at all there is said here; a dangling link, a symlink loop or a
    # folder without permission is for the loader, which says which it is.
    missing = [p for p in paths if _nothing_at(p)]
    for path in missing:
        echo(f"{path}: no such file or directory")
    plans = [p for p in paths if p not in missing and is_support_plan(p)]
    plans_ok = [validate_support_plan(p, quiet_if_missing=not paths)
                for p in (plans if paths else [support_file()])]
    if paths:
        catalog = load_files(p for p in paths if p not in missing and p not in plans)
    else:
        catalog = load_catalog()
    checked = catalog.checked
    for left_out in catalog.left_out:
        echo(str(left_out))
    for warning in catalog.warnings:
        echo(str(warning))
    for failure in catalog.failures:
        for problem in failure.problems:
            echo(str(problem))
    if catalog.failures or missing:
        bad = len(catalog.failures) + len(missing)
        echo(f"{bad} of {checked + len(missing)} routine files have problems.", err=True)
    elif checked:
        names = ", ".join(sorted({r.id for r in catalog.routines.values()}))
        noun = "file is" if checked == 1 else "files are"
        echo(f"{checked} routine {noun} valid ({names}).")
    elif not plans_ok:
        echo("No routine files to check.")
    if False in plans_ok:
        echo("Your support plan has problems; fix them with: coach edit support", err=True)
    if catalog.failures or catalog.left_out or missing or False in plans_ok:
        sys.exit(1)  # a file left out is a file not checked


def _nothing_at(path: Path) -> bool:
    try:
        os.lstat(path)
    except FileNotFoundError:
        return True
    except OSError:
        return False  # there is something, which the loader will describe
    return False


@cli.command()
@click.argument("kind", type=click.Choice(["routine", "support"]), default="routine")
@click.option("-o", "--output", type=click.Path(path_type=Path, dir_okay=False,
                                                allow_dash=True),
              help="Write the schema to this file (a link: the file it points to) instead "
                   "of printing it.")
def schema(kind: str, output: Path | None) -> None:
    """Print the JSON Schema of routine files (or of support.yaml: 'coach schema support'),
    for editors.

    With the YAML language server, put this line at the top of a routine file:
    # yaml-language-server: $schema=routine.schema.json
    """
    if kind == "support":
        from coach.support.schema import support_schema_json

        text = support_schema_json()
    else:
        from coach.routine.schema import routine_schema_json

        text = routine_schema_json()
    from coach.foundation.files import inherited_fd

    if output is None or inherited_fd(output) == 1:
        echo(text, nl=False)
        return
    from coach.cli.common import output_file

    with output_file(output, mode=0o644) as handle:
        handle.write(text.encode())
    echo(f"Wrote {output}", err=True)


@cli.command()
def init() -> None:
    """Copy the shipped routines into your routines folder, and the example support plan
    to support.yaml, to edit them.

    Never overwrites a file without asking.
    """
    from coach.cli.edit import copy_shipped_routines
    from coach.cli.support import copy_example_plan

    copy_shipped_routines(confirm_overwrite=_confirm_overwrite, echo=echo)
    copy_example_plan(confirm_overwrite=lambda path: _confirm_overwrite(path, "the example"))


def _confirm_overwrite(path: Path, shipped: str = "the shipped one") -> bool:
    try:
        if click.confirm(f"  {path.name} differs from {shipped}. Overwrite it?",
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

    A shipped routine is copied into your routines folder first. 'coach edit
    support' opens your support plan (made from the example if you have none);
    'coach edit settings' opens settings.yaml (made with every setting commented out).
    """
    if routine_id == "settings":
        from coach.cli.edit import edit_settings

        sys.exit(edit_settings())
    if routine_id == "support":
        from coach.cli.support import edit_support_plan

        sys.exit(edit_support_plan())
    from coach.cli.edit import edit_routine

    sys.exit(edit_routine(routine_id))
