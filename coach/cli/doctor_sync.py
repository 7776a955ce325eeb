"""What `coach doctor` says of a data folder shared between devices by a sync tool: the
.stignore, conflict copies merged, config copies never read, and the devices writing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from coach.cli.output import echo
from coach.store import StoreError
from coach.store import sync_folder

if TYPE_CHECKING:
    from coach.store import Store
    from coach.store.device import Device


def check_data_sync(store: Store, device: Device | None) -> int:
    """Keep the .stignore and this device's file, and merge the month files' conflict
    copies; how many things need the person."""
    outstanding = 0
    ignores = sync_folder.keep_ignores(store.directory)
    if (words := ignores.words(store.directory)) is not None:
        echo(f"  {words}")
        outstanding += words.startswith("✗")
    try:
        merged = sync_folder.merge_copies(store)
    except StoreError as err:
        echo(f"  ✗ {err}")
        merged = []
        outstanding += 1
    for copy in merged:
        trouble = copy.damage is not None or copy.unreadable is not None
        echo(f"  {'✗' if trouble else '✓'} {copy.words()}")
        outstanding += trouble
    if device is not None:
        clash = sync_folder.keep_device_file(store.directory, device.id, device.name)
        if clash is not None:
            echo(f"  ✗ {clash}")
            outstanding += 1
    return outstanding


def list_devices(directory: Path, device: Device | None) -> None:
    """Each device whose records or files are in the data folder."""
    seen = sync_folder.devices(directory)
    if seen:
        echo("Devices writing to the data folder:")
        for found in seen:
            echo(f"  {_device_line(found, device)}")
            echo(f"    {_files_line(found)}")


def _device_line(found: sync_folder.Seen, device: Device | None) -> str:
    """"laptop (k3v7q2ma), this device: last record 2026-11-20 at 21:03"."""
    here = device is not None and found.id == device.id
    name = (device.name if here and device is not None else found.name) or "name not known"
    last = "no record yet"
    if found.last_utc is not None:
        when = datetime.fromisoformat(found.last_utc.replace("Z", "+00:00")).astimezone()
        last = f"last record {found.last_day} at {when:%H:%M}"
    return f"{name} ({found.id}){', this device' if here else ''}: {last}"


def _files_line(found: sync_folder.Seen) -> str:
    """"3 month files, 2026-09 to 2026-11, last changed 2026-12-07 04:14": to see on each
    machine that the same files of a device are there."""
    months = sorted(found.months)
    if not months:
        files = "no month file"
    elif len(months) == 1:
        files = f"1 month file, {months[0]}"
    else:
        files = f"{len(months)} month files, {months[0]} to {months[-1]}"
    changed = "" if found.changed is None else \
        f", last changed {datetime.fromtimestamp(found.changed):%Y-%m-%d %H:%M}"
    return f"{files}{changed}"


def check_config_copies(config: Path) -> int:
    """Name each conflict copy of a routine, the settings or the support plan."""
    copies = sync_folder.config_copies(config)
    for copy, original in copies:
        echo(f"  ✗ {sync_folder.config_copy_words(copy, original, config)}")
    return len(copies)
