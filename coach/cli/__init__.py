"""The `coach` command: the app by default, and one module for each group of commands.

routines.py (list, validate, schema, init, edit), support.py, history.py, stats.py,
transfer.py (export, import), remind.py, doctor.py, check.py, mood.py, done.py, undo.py and
device.py each add their commands to `cli` below.
"""

from __future__ import annotations

import sys

import click

from coach import __version__
from coach.cli.output import echo
from coach.foundation.terminal import APP_NEEDS_A_TERMINAL, has_terminal

#: What `coach run` says when it is not in a terminal.
RUN_NEEDS_A_TERMINAL = ("coach run needs a terminal; to see your routines from a script "
                        "use coach list")


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
        if not has_terminal():
            echo(APP_NEEDS_A_TERMINAL, err=True)
            sys.exit(1)
        from coach.tui.app import run_app

        run_app(reduced_motion=reduced_motion)


@cli.command("run")
@click.argument("routine_id")
@click.option("--reduced-motion", is_flag=True,
              help="Show the breathing pacer as phase names and counts only.")
@click.pass_context
def run_routine(ctx: click.Context, routine_id: str, reduced_motion: bool) -> None:
    """Start a routine straight away."""
    from coach.routine.catalog import left_out_file, load_catalog
    from coach.routine.model import editable_by_name

    catalog = load_catalog()
    if routine_id not in catalog.routines:
        left_out = left_out_file(catalog, routine_id)
        if left_out is not None:
            name = next(n for n in left_out.names if n.startswith(f"{routine_id}."))
            echo(f"The routine file {name} is left out. {left_out}", err=True)
            sys.exit(1)
        broken = [f for f in catalog.failures if f.path.stem == routine_id]
        if broken:
            echo(f"The routine {routine_id!r} cannot be loaded:", err=True)
            for problem in broken[0].problems:
                echo(f"  {problem}", err=True)
            if editable_by_name(broken[0].path):  # else the problem says to rename it
                echo(f"Fix it with: coach edit {routine_id}", err=True)
            sys.exit(1)
        from coach.routine.kinds import did_you_mean

        known = sorted(catalog.routines)
        hint = did_you_mean(routine_id, known).lstrip("; ")
        echo(f"No routine {routine_id!r}{'; ' + hint if hint else '.'} Your routines: "
                   f"{', '.join(known) or 'none yet'}.", err=True)
        sys.exit(1)
    if not has_terminal():  # after the checks above, which a script can read as well
        echo(RUN_NEEDS_A_TERMINAL, err=True)
        sys.exit(1)
    from coach.tui.app import run_app

    run_app(start_with=routine_id,
            reduced_motion=reduced_motion or ctx.obj.get("reduced_motion", False))


#: What `coach now` says when it is not in a terminal.
NOW_NEEDS_A_TERMINAL = ("coach now needs a terminal; from a script, coach support shows your "
                        "support plan")


@cli.command("now")
@click.option("--reduced-motion", is_flag=True,
              help="Show the breathing pacer as phase names and counts only.")
@click.pass_context
def need_something_now(ctx: click.Context, reduced_motion: bool) -> None:
    """I need something now: rate how you feel, do a short exercise that has helped you
    before, and see the change."""
    if not has_terminal():
        echo(NOW_NEEDS_A_TERMINAL, err=True)
        sys.exit(1)
    from coach.store.records import NOW_ROUTINE
    from coach.tui.app import run_app

    run_app(start_with=NOW_ROUTINE,
            reduced_motion=reduced_motion or ctx.obj.get("reduced_motion", False))


# Each module adds its commands to `cli` when imported.
from coach.cli import (check, device, doctor, done, history, mood,  # noqa: E402,F401
                       remind, routines, stats, support, transfer, undo)
