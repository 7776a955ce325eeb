"""What the data commands share: opening the person's store, and writing private files."""

from __future__ import annotations

from pathlib import Path

from coach.cli.output import CoachError, echo
from coach.files import atomic_write
from coach.paths import data_dir
from coach.store import Store, StoreError


def write_private(output: Path, data: bytes) -> None:
    """Write a file readable only by its owner, into a folder that must already exist."""
    if not output.parent.is_dir():
        raise CoachError(f"cannot write {output}: the folder {output.parent} "
                                   "does not exist")
    try:
        atomic_write(output, data, mode=0o600)
    except OSError as err:
        raise CoachError(f"cannot write {output}: {err.strerror or err}") from err


def open_store() -> Store:
    """The person's store, checked: crash leftovers removed, damaged files repaired (and said)."""
    from coach.settings import load_settings

    settings, problems = load_settings()
    for problem in problems:  # a mistake in settings.yaml is said; the rest of it applies
        echo(f"coach: {problem}", err=True)
    store = Store(data_dir(), day_start_hour=settings.day_start_hour)
    try:
        for notice in store.check():
            echo(f"coach: {notice}", err=True)
    except StoreError as err:
        raise CoachError(str(err)) from err
    return store
