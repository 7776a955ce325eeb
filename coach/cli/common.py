"""What the data commands share: opening the person's store, and writing the files they
are told to write."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from coach.cli.output import CoachError, echo
from coach.foundation.files import CannotWrite, Output, output_writer
from coach.foundation.paths import data_dir
from coach.store import Store, StoreError
from coach.store.device import looked_up


@contextmanager
def output_file(output: Path, mode: int = 0o600) -> Iterator[Output]:
    """Write the path given with -o: a file appears whole when the block ends, or not at all
    (with `mode`); a link is followed to its file; a pipe or a device gets a stream (see
    coach.foundation.files.output_writer). CoachError says in one line why it could not be written."""
    try:
        with output_writer(output, mode) as handle:
            yield handle
    except CannotWrite as err:
        raise CoachError(str(err)) from err


def open_store(*, say_settings: bool = True) -> Store:
    """The person's store: crash leftovers removed now; a month repaired or unreadable while
    the command reads it is said when the command ends. Only the months a command reads
    are parsed (and repaired if damaged), so `coach history` costs what it shows.
    A mistake in settings.yaml is said, unless the command says it itself (`say_settings`)."""
    from coach.config.settings import load_settings

    settings, problems = load_settings()
    for problem in problems if say_settings else ():  # the rest of the file applies
        echo(f"coach: {problem}", err=True)
    device, _ = looked_up()  # a problem with its file is said by coach doctor
    store = Store(data_dir(), day_start_hour=settings.day_start_hour,
                  device=device.id if device is not None else "")
    if (unreachable := store.months.unreachable()) is not None:
        raise CoachError(str(unreachable))
    try:
        store.clean_leftovers()
        store.take_over_legacy()
    except StoreError as err:
        raise CoachError(str(err)) from err
    from coach.store.sync_folder import keep_device_file, keep_ignores

    keep_ignores(store.directory)  # a stat when not synced; doctor says what could not be kept

    def on_close() -> None:
        say_what_happened(store)
        # This device's name, for the other devices sharing the folder: kept once the
        # command is done, so the first save, which makes the folder, leaves it too (a
        # read of one small file when it is there already; a clash is doctor's to say).
        if device is not None:
            keep_device_file(store.directory, device.id, device.name)

    click.get_current_context().call_on_close(on_close)
    return store


def say_what_happened(store: Store) -> None:
    """Repairs made and months that could not be read, once each, on stderr."""
    for notice in store.notices:
        echo(f"coach: {notice}", err=True)
    for name, why in sorted(store.problems.items()):
        echo(f"coach: {name} could not be read ({why}); the other months are fine "
             "(coach doctor says more)", err=True)
    store.months.clear_notices()
    store.months.clear_problems()


def agrees(question: str) -> bool:
    """Yes or no; no when there is no one to answer (input closed, as under cron)."""
    try:
        return click.confirm(question, default=False)
    except click.Abort:
        echo()
        return False


def answer(question: str) -> str:
    """What the person typed, or "" when there is no one to answer (input closed)."""
    try:
        return str(click.prompt(question, default="", show_default=False))
    except click.Abort:
        echo()
        return ""
