"""`coach device`: which device this is, and the name it goes by (see coach.store.device),
which the other devices sharing the data folder read from it."""

from __future__ import annotations

import click

from coach.cli import cli
from coach.cli.output import CoachError, echo
from coach.foundation.paths import data_dir
from coach.store.device import DeviceProblem, rename, this_device
from coach.store.sync_folder import keep_device_file


@cli.command()
@click.option("--name", metavar="NAME",
              help="Call this device NAME (default: its host name) wherever coach names it.")
def device(name: str | None) -> None:
    """Show this device's name and id; --name gives it another name. The id stays."""
    try:
        if name is None:
            echo(f"This device: {this_device().describe()}")
            return
        named = rename(name)
    except (DeviceProblem, ValueError) as err:
        raise CoachError(str(err)) from err
    echo(f"This device is now called {named.describe()}.")
    # The other devices read the name from the data folder: it goes there now, not at
    # the next `coach doctor` or start of the app.
    clash = keep_device_file(data_dir(), named.id, named.name)
    if clash is not None:
        echo(clash)
