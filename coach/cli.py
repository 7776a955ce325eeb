"""The `coach` command: the app by default, and commands for routine files."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from coach import __version__


@click.group(invoke_without_command=True,
             context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="coach")
@click.option("--reduced-motion", is_flag=True,
              help="Show the breathing pacer as phase names and counts only.")
@click.pass_context
def cli(ctx: click.Context, reduced_motion: bool) -> None:
    """coach walks you through your morning and evening routines, one calm step at a time.

    Run without a command to open the app.
    """
    ctx.obj = {"reduced_motion": reduced_motion}
    if ctx.invoked_subcommand is None:
        from coach.tui.app import run_app

        run_app(reduced_motion=reduced_motion)


@cli.command("run")
@click.argument("routine_id")
@click.option("--reduced-motion", is_flag=True,
              help="Show the breathing pacer as phase names and counts only.")
@click.pass_context
def run_routine(ctx: click.Context, routine_id: str, reduced_motion: bool) -> None:
    """Start a routine straight away."""
    from coach.routine.catalog import load_catalog

    catalog = load_catalog()
    if routine_id not in catalog.routines:
        broken = [f for f in catalog.failures if f.path.stem == routine_id]
        if broken:
            click.echo(f"The routine {routine_id!r} cannot be loaded:", err=True)
            for problem in broken[0].problems:
                click.echo(f"  {problem}", err=True)
            click.echo(f"Fix it with: coach edit {routine_id}", err=True)
            sys.exit(1)
        from coach.routine.kinds import did_you_mean

        known = sorted(catalog.routines)
        hint = did_you_mean(routine_id, known).lstrip("; ")
        click.echo(f"No routine {routine_id!r}{'; ' + hint if hint else '.'} Your routines: "
                   f"{', '.join(known) or 'none yet'}.", err=True)
        sys.exit(1)
    from coach.tui.app import run_app

    run_app(start_with=routine_id,
            reduced_motion=reduced_motion or ctx.obj.get("reduced_motion", False))


@cli.command("list")
def list_routines() -> None:
    """List your routines, and any routine file that failed to load."""
    from coach.routine.catalog import load_catalog

    catalog = load_catalog()
    routines = catalog.ordered()
    if routines:
        click.echo(f"Routines ({len(routines)}):")
        width = max(len(r.id) for r in routines)
        title_width = max(len(r.title) for r in routines)
        for routine in routines:
            when = routine.schedule.describe() if routine.schedule else "no schedule"
            where = "shipped" if routine.shipped else str(routine.source)
            steps = f"{len(routine.steps)} step{'s' if len(routine.steps) != 1 else ''}"
            click.echo(f"  {routine.id:<{width}}  {routine.title:<{title_width}}  "
                       f"{when:<17} {steps:<9} {where}")
    else:
        click.echo("No routines found. Run 'coach init' to copy the shipped ones.")
    _echo_failures(catalog.failures)
    for warning in catalog.warnings:
        click.echo(str(warning))


def _echo_failures(failures: Sequence[object]) -> None:
    if not failures:
        return
    noun = "file" if len(failures) == 1 else "files"
    click.echo(f"\nCould not load {len(failures)} {noun}:")
    for failure in failures:
        for problem in failure.problems:  # type: ignore[attr-defined]
            click.echo(f"  {problem}")


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def validate(paths: tuple[Path, ...]) -> None:
    """Check routine files (default: yours and the shipped ones).

    Prints PATH:LINE:COLUMN: message for each problem and exits with 1 when
    any file is invalid.
    """
    from coach.routine.catalog import default_dirs, load_catalog, load_files, routine_files

    if paths:
        missing = [p for p in paths if not p.exists()]
        for path in missing:
            click.echo(f"{path}: no such file or directory")
        files: list[Path] = []
        for path in paths:
            if path.is_dir():
                files.extend(routine_files(path))
            elif path.exists():
                files.append(path)
        catalog = load_files(files)
        checked = len(files)
    else:
        missing = []
        catalog = load_catalog()
        checked = sum(len(routine_files(d.path)) for d in default_dirs())
    for warning in catalog.warnings:
        click.echo(str(warning))
    for failure in catalog.failures:
        for problem in failure.problems:
            click.echo(str(problem))
    if catalog.failures or missing:
        bad = len(catalog.failures) + len(missing)
        click.echo(f"{bad} of {checked + len(missing)} routine files have problems.", err=True)
        sys.exit(1)
    if checked == 0:
        click.echo("No routine files to check.")
        return
    names = ", ".join(sorted({r.id for r in catalog.routines.values()}))
    noun = "file is" if checked == 1 else "files are"
    click.echo(f"{checked} routine {noun} valid ({names}).")


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
        click.echo(text, nl=False)
        return
    from coach.files import atomic_write

    if not output.parent.is_dir():
        raise click.ClickException(f"cannot write {output}: the folder {output.parent} "
                                   "does not exist")
    try:
        atomic_write(output, text.encode(), mode=0o644)
    except OSError as err:
        raise click.ClickException(f"cannot write {output}: {err.strerror or err}") from err
    click.echo(f"Wrote {output}", err=True)


@cli.command()
def init() -> None:
    """Copy the shipped routines into your routines folder, to edit them.

    Never overwrites a file without asking.
    """
    from coach.cli_routines import copy_shipped_routines

    copy_shipped_routines(confirm_overwrite=_confirm_overwrite, echo=click.echo)


def _confirm_overwrite(path: Path) -> bool:
    try:
        if click.confirm(f"  {path.name} differs from the shipped one. Overwrite it?",
                         default=False):
            return True
    except click.Abort:
        click.echo()
    click.echo(f"  {path.name}: kept yours")
    return False


@cli.command()
@click.argument("routine_id")
def edit(routine_id: str) -> None:
    """Open a routine in your editor ($VISUAL or $EDITOR) and check it when you close it.

    A shipped routine is copied into your routines folder first.
    """
    from coach.cli_routines import edit_routine

    sys.exit(edit_routine(routine_id))


@cli.command()
@click.option("--days", type=click.IntRange(1, 36500), default=7, show_default=True,
              help="How many days back, today included.")
@click.option("--routine", "routine_id", help="Only this routine.")
def history(days: int, routine_id: str | None) -> None:
    """Show what you recorded, day by day, as plain text."""
    from coach.cli_data import show_history

    show_history(days, routine_id)


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
    from coach.cli_data import export_records

    export_records(fmt, since, output, include_journal)  # type: ignore[arg-type]


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
def import_command(file: Path) -> None:
    """Read a JSON export back in (a backup, or a move to a new machine).

    Records already here are not added twice.
    """
    from coach.cli_data import import_records

    import_records(file)


@cli.command()
@click.option("--fix", is_flag=True, help="Make data files private to you.")
def doctor(fix: bool) -> None:
    """Check your data and routine files, and say what needs attention."""
    from coach.cli_data import run_doctor

    run_doctor(fix)
