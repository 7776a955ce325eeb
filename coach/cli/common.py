"""What the data commands share: opening the person's store, and writing private files."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from coach.cli.output import CoachError, echo
from coach.files import atomic_writer
from coach.paths import data_dir
from coach.store import Store, StoreError


@contextmanager
def private_file(output: Path) -> Iterator[BinaryIO]:
    """A file readable only by its owner, in a folder that must already exist, written
    atomically: it appears whole when the block ends, or not at all."""
    if not output.parent.is_dir():
        raise CoachError(f"cannot write {output}: the folder {output.parent} does not exist")
    try:
        with atomic_writer(output, mode=0o600) as handle:
            yield handle
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
