"""`coach doctor`: check the data and routine files, and say what needs attention."""

from __future__ import annotations

import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.cli import cli
from coach.cli.common import agrees, answer
from coach.cli.output import echo
from coach.foundation.paths import config_dir, data_dir
from coach.store import Store, StoreError
from coach.store.months import misplaced_words, stray_words

if TYPE_CHECKING:
    from coach.routine.catalog import Catalog
    from coach.config.settings import Settings
    from coach.store.device import Device


@cli.command()
@click.option("--fix", is_flag=True, help="Make data files private to you.")
@click.option("--purge-removed", is_flag=True,
              help="Erase for good the entries you deleted, which coach keeps as removed "
                   "(asked twice; coach undo cannot bring them back afterwards).")
def doctor(fix: bool, purge_removed: bool) -> None:
    """Check your data and routine files, and say what needs attention."""
    if purge_removed:
        run_purge()
    else:
        run_doctor(fix)


def run_purge() -> None:
    """Say how many removed entries each month keeps, and how many deletions of entries
    another device has emptied since, ask twice, then erase them and all their versions.
    Asked each time: there is no --yes for erasing."""
    from datetime import date

    from coach.cli.common import open_store
    from coach.cli.output import CoachError

    store = open_store()
    try:
        found = store.removed()
    except StoreError as err:
        raise CoachError(str(err)) from err
    counts, elsewhere, settled = found.counts, found.elsewhere, sum(found.settled.values())
    if elsewhere:
        echo(f"{_entries(elsewhere).capitalize()} you deleted {'are' if elsewhere != 1 else 'is'} "
             "kept in the files of another device (or of coach before it knew this device): "
             f"{'they are' if elsewhere != 1 else 'it is'} emptied when you run "
             "coach doctor --purge-removed there.")
    if not counts and not settled:
        echo("Nothing to empty here: no deleted entry is kept in this device's files."
             if elsewhere else "Nothing to empty: no deleted entry is kept.")
        return
    total = sum(counts.values())
    if counts:
        echo(f"coach keeps {_entries(total)} you deleted, so that coach undo can bring "
             f"{'them' if total != 1 else 'it'} back:")
        for month, n in counts.items():
            echo(f"  {date.fromisoformat(f'{month}-01'):%B %Y}: {_entries(n)}")
    if settled:
        many = settled != 1
        echo(f"This device {'also ' if counts else ''}keeps your deletion{'s' if many else ''} "
             f"of {_entries(settled)} that another device has since emptied from its files: "
             f"{'they point' if many else 'the deletion points'} at nothing now.")
    echo("Emptying erases them and every earlier version of them for good.")
    typed = answer('Type "yes" to empty them')
    if typed.strip().casefold() != "yes" or not agrees("Erase them for good now?"):
        echo("Nothing was erased.")
        return
    try:
        erased = store.purge_removed(counts)
        dropped = store.purge_settled(found.settled)
    except StoreError as err:
        raise CoachError(f"{err}; the months not yet emptied keep their removed entries") \
            from err
    said = [_entries(erased)] if counts else []
    if dropped:
        said.append(f"{dropped} deletion{'s' if dropped != 1 else ''} of "
                    f"{'entries' if dropped != 1 else 'an entry'} another device emptied")
    echo(f"Erased {', and '.join(said) or _entries(0)}.")


def _entries(n: int) -> str:
    return f"{n} entr{'ies' if n != 1 else 'y'}"


def run_doctor(fix: bool) -> None:
    from coach.routine.catalog import load_catalog
    from coach.config.settings import load_settings
    from coach.store.privacy import exposed_paths, tighten

    from coach.cli.doctor_sync import check_config_copies, check_data_sync, list_devices

    outstanding, device = _check_device()
    directory = data_dir()
    echo(f"Config folder: {config_dir()}, {folder_access(config_dir())}")
    store = Store(directory, device=device.id if device is not None else "")
    unreachable = store.months.unreachable()
    if unreachable is not None:
        echo(f"Data folder: {directory}")
        echo(f"  ✗ {unreachable}")
        outstanding += 1
    else:
        echo(f"Data folder: {directory}, {folder_access(directory)}")
        if directory.exists():
            # Month files from before devices become this device's (a rename) before any
            # is checked, so one that is damaged is this device's to repair.
            try:
                renamed = store.take_over_legacy()
            except StoreError:  # said by the check of the records below
                renamed = []
            if renamed:
                echo(f"  {len(renamed)} month file(s) named as this device's own (nothing "
                     "in them changed)")
            outstanding += check_data_sync(store, device)
            outstanding += _check_records(store)
        else:
            echo("  nothing recorded yet")
    exposed = [] if unreachable is not None else exposed_paths(directory)
    if exposed and fix:
        tighten(exposed)
        echo(f"  ✓ made {len(exposed)} path(s) private to you (folders 0700, files 0600)")
    elif exposed:
        for item in exposed:
            echo(f"  ✗ {item.describe()}")
        echo("    run 'coach doctor --fix' to make them private to you")
        outstanding += 1
    elif directory.exists():
        echo("  ✓ private to you")
    if unreachable is None:
        list_devices(directory, device)
    catalog = load_catalog()
    settings, settings_problems = load_settings()
    echo(f"Routines: {len(catalog.routines)} loaded")
    for left_out in catalog.left_out:
        echo(f"  ✗ {left_out}")
        outstanding += 1
    for failure in catalog.failures:
        echo(f"  ✗ {failure.notice()}:")
        for problem in failure.problems:
            echo(f"      {problem}")
        outstanding += 1
    for problem in settings_problems:
        echo(f"  ✗ {problem}")
        outstanding += 1
    outstanding += check_config_copies(config_dir())
    outstanding += _check_reminder_ways(catalog, settings)
    if outstanding:
        echo(f"{outstanding} thing{'s' if outstanding != 1 else ''} to look at.")
        sys.exit(1)
    echo("All well.")


def _check_device() -> tuple[int, Device | None]:
    """Say which device this is (its id made now if it had none); 1 if its file cannot be
    read or made, which the person is asked to look at; and the device."""
    from coach.store.device import looked_up

    device, problem = looked_up()
    if device is not None:
        echo(f"This device: {device.describe()}")
        return 0, device
    echo("This device: not known")
    echo(f"  ✗ {problem}")
    return 1, None


def _check_records(store: Store) -> int:
    """Tidy and repair the month files and count what needs the person; months unchanged
    since they were last digested are counted from one small index, not parsed again."""
    try:
        removed = store.clean_leftovers()
        if removed:
            echo(f"  removed {len(removed)} temporary file(s) left by an interrupted save")
        counts = store.counts()
    except StoreError as err:
        echo(f"  ✗ {err}")
        return 1
    for notice in store.notices:
        echo(f"  repaired: {notice}")
    outstanding = 0
    for name, why in sorted(store.problems.items()):
        echo(f"  ✗ {name} could not be read ({why}); the other months are read without it")
        outstanding += 1
    records = sum(records for _, records, _ in counts)
    echo(f"  ✓ {_readable(store, [path for path, _, _ in counts])}, "
         f"{records} record{'s' if records != 1 else ''}")
    malformed = sum(malformed for _, _, malformed in counts)
    if malformed:
        echo(f"  ✗ {malformed} entr{'ies' if malformed != 1 else 'y'} in the data files could "
             "not be read as records (a hand edit?); coach skips them. Their text is still in "
             "the files.")
        outstanding += 1
    for name in store.months.strays():
        echo(f"  ✗ {stray_words(name)}")
        outstanding += 1
    for path, unplaced in store.months.misplaced([path for path, _, _ in counts]):
        echo(f"  ✗ {misplaced_words(store.months.holding(path, unplaced), unplaced)}")
        outstanding += 1
    return outstanding


def _readable(store: Store, months: list[Path]) -> str:
    """"4 month files readable" when each month is one file; "4 months readable, in 7
    files" when devices sharing the folder wrote to them (the devices list says whose)."""
    try:
        listed = store.months.listing()
    except StoreError:
        listed = None
    files = sum(len(store.months.files(month, listed)) for month in months)
    if files <= len(months):
        return f"{len(months)} month file{'s' if len(months) != 1 else ''} readable"
    return f"{len(months)} month{'s' if len(months) != 1 else ''} readable, in {files} files"


def folder_access(path: Path) -> str:
    """'not created yet', 'private to you (0700)', 'everyone ... can open it (0755)'."""
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        return "not created yet"
    except OSError as err:
        return f"cannot be checked: {err.strerror or err}"
    if mode & 0o007:
        return f"everyone on this computer can open it ({mode:04o})"
    if mode & 0o070:
        return f"your group can open it ({mode:04o})"
    return f"private to you ({mode:04o})"


def _check_reminder_ways(catalog: Catalog, settings: Settings) -> int:
    """Which ways to remind work here. None working is not counted as a problem: coach
    still reminds while it is open, and not everyone wants reminders elsewhere. Something
    other than a file in the place of the app's presence lock is."""
    from coach.cli.remind_ways import app_open_or_problem, print_ways

    reminding = [r for r in catalog.routines.values() if r.schedule is not None and r.reminders]
    app_open, problem = app_open_or_problem()
    if problem:
        echo(f"  ✗ {problem}")
    moods = " and ".join(f"{at:%H:%M}" for at in settings.mood_reminders)
    echo(f"Reminders: {len(reminding)} routine{'s' if len(reminding) != 1 else ''} with a "
         f"schedule and reminders on{f', mood check-ins at {moods}' if moods else ''}; the "
         "ways, in your order:")
    if not print_ways(settings, app_open=app_open) and (reminding or moods):
        echo("  While coach is closed, no way reaches you here yet: fix one of the above or "
             "set reminder_command (coach remind --test tries them).")
    return 1 if problem else 0
