"""Histories written apart on several devices fold into one, whatever order their files arrive in.

Each device here has a data folder of its own, as on its own machine, and a clock of its
own, skewed by up to three hours. They start from one shared history (one device's
entries, synced to all), then go on apart: entries, corrections, deletes, undos, marks
and rest days. Then a sync tool delivers every device's month files to one more folder,
one file at a time, in many orders. One device's file may arrive twice, changed in
between, as Syncthing leaves a file that changed on both sides: the version it keeps under
the file's name and the other as a `.sync-conflict-` copy beside it, which coach merges.
Every order must give the same history, with every record written held once.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.store.sync_folder import merge_copies
from tests.store.test_device_files import DEVICES, NOW, journal, names, store

#: Near a month's end, so that each device writes two month files.
DAY = date(2026, 12, 2)
#: The device of the folder that everything is delivered to: it writes only what it
#: merges from conflict copies.
READER = "eeeeeeee"
ROUTINE = "evening"
#: How many delivery orders are tried for one history at most.
ORDERS = 6

#: (device, what, which entry or day)
Step = tuple[int, str, int]
steps = st.lists(st.tuples(st.integers(0, 3),
                           st.sampled_from(["add", "correct", "delete", "undo", "mark",
                                            "rest"]),
                           st.integers(0, 5)), min_size=1, max_size=16)


def own_files(folder: Path, device: str) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in folder.glob(f"records-*.{device}.json")}


def conflict_name(name: str) -> str:
    stem, _, ext = name.rpartition(".")
    return f"{stem}.sync-conflict-20261203-091500-ABCDEFG.{ext}"


def deliver(folder: Path, name: str, data: bytes) -> None:
    """As a sync tool does: the whole file written beside, then renamed over the old."""
    temporary = folder / f".syncthing.{name}.tmp"
    temporary.write_bytes(data)
    os.replace(temporary, folder / name)


def write_apart(folders: list[Path], skews: list[int], history: list[Step], twice: int,
                split: int) -> dict[str, bytes]:
    """Write the shared start and then `history` on each device's own folder; the files of
    device `twice` as they were after `split` steps (its older versions)."""
    start = store(folders[0], DEVICES[0], NOW - timedelta(days=1))
    known: list[list[dict[str, Any]]] = [[] for _ in folders]
    for n in range(3):
        entry = journal(start, DAY - timedelta(days=2 * n), f"shared {n}")
        for each in known:
            each.append(entry)
    for folder in folders[1:]:
        for name, data in own_files(folders[0], DEVICES[0]).items():
            deliver(folder, name, data)
    older: dict[str, bytes] = {}
    for n, (who, what, which) in enumerate(history):
        if n == split:
            older = own_files(folders[twice], DEVICES[twice])
        who %= len(folders)
        at = store(folders[who], DEVICES[who], NOW + timedelta(minutes=n + skews[who]))
        day = DAY - timedelta(days=which)
        if what == "add":
            known[who].append(journal(at, day, f"{DEVICES[who]} {n}"))
        elif what in ("correct", "delete"):
            entry = known[who][which % len(known[who])]
            change = {"data": {"text": f"corrected {n}"}} if what == "correct" else \
                {"removed": True}
            at.revise_entry(entry["uid"], date.fromisoformat(entry["day"]),
                            **change)  # type: ignore[arg-type]
        elif what == "mark":
            at.mark_day(ROUTINE, day, ["done", "partly", "none"][n % 3])
        elif what == "rest":
            at.set_rest_day(ROUTINE, day, rest=n % 4 != 3)
        elif changes := at.last_changes():
            changes[0].undo(at)
    if split >= len(history):
        older = own_files(folders[twice], DEVICES[twice])
    return older


def arrivals(folders: list[Path], older: dict[str, bytes], newer_kept: bool,
             travels: bool) -> list[tuple[str, bytes]]:
    """Every device's own month files as they are now, and the older version of each file
    that changed since `older` was taken: each a file that arrives. Unless the copy
    `travels`, the older version arrives under the file's name (see delivered); if it
    does, the conflict copy was made on another device and arrives as a file of its own,
    beside the version kept under the name (the newer if `newer_kept`)."""
    found = [(name, data) for n, folder in enumerate(folders)
             for name, data in sorted(own_files(folder, DEVICES[n]).items())]
    changed = {name: data for name, data in sorted(older.items()) if dict(found)[name] != data}
    if not travels:
        return found + list(changed.items())
    newest = dict(found)
    return [(name, data if newer_kept or name not in changed else changed[name])
            for name, data in found] + \
        [(conflict_name(name), data if newer_kept else newest[name])
         for name, data in changed.items()]


def folded(folder: Path) -> tuple[Any, ...]:
    """The history one folder holds, as a reader with its own digests sees it."""
    reader = store(folder, READER)
    since, until = DAY - timedelta(days=9), DAY
    months = tuple(tuple(reader.well_formed(since=first, until=last))
                   for first, last in ((date(2026, 11, 1), date(2026, 11, 30)),
                                       (date(2026, 12, 1), date(2026, 12, 31))))
    return (months, reader.entries(), reader.day_marks(ROUTINE, since, until),
            reader.rest_days(ROUTINE, since, until),
            dataclasses.replace(reader.series(), months={}))  # not the files' stamps


def delivered(folder: Path, order: list[tuple[str, bytes]], older: dict[str, bytes],
              newer_kept: bool) -> tuple[Any, ...]:
    """Deliver the files in `order` to an empty `folder`, coach reading and merging after
    each; the history it then holds. When both versions of a file have arrived, the one
    Syncthing keeps under the name is the newer if `newer_kept`, else the older (it keeps
    the one changed last by the device clocks, which may be skewed); the other is left
    beside it as a conflict copy."""
    folder.mkdir()
    arrived: dict[str, bytes] = {}
    for name, data in order:
        if name in arrived:
            first, second = arrived[name], data
            newer = second if older.get(name) == first else first
            kept, copy = (newer, older[name]) if newer_kept else (older[name], newer)
            deliver(folder, name, kept)
            deliver(folder, conflict_name(name), copy)
        else:
            arrived[name] = data
            deliver(folder, name, data)
        reader = store(folder, READER)
        merge_copies(reader)
        reader.series()  # digests made from what has arrived so far
    assert not list(folder.glob("*.sync-conflict-*")), "every copy is merged and moved"
    return folded(folder)


@settings(max_examples=20, deadline=None)
@given(devices=st.integers(2, 4), history=steps,
       skews=st.lists(st.integers(-180, 180), min_size=4, max_size=4),
       twice=st.integers(0, 3), split=st.integers(0, 16), newer_kept=st.booleans(),
       travels=st.booleans(), data=st.data())
def test_every_delivery_order_gives_one_history_with_nothing_lost_or_doubled(
        tmp_path_factory: Any, devices: int, history: list[Step], skews: list[int],
        twice: int, split: int, newer_kept: bool, travels: bool,
        data: st.DataObject) -> None:
    root: Path = tmp_path_factory.mktemp("devices")
    folders = [root / DEVICES[n] for n in range(devices)]
    for folder in folders:
        folder.mkdir()
    twice %= devices
    older = write_apart(folders, skews, history, twice, split)
    files = arrivals(folders, older, newer_kept, travels)
    written = {record["uid"]: record for n, folder in enumerate(folders)
               for record in store(folder, DEVICES[n]).records()}

    orders = [files, files[::-1]]
    if len(files) <= 4:
        orders = [list(order) for order in itertools.permutations(files)]
    while len(orders) < ORDERS:
        orders.append(data.draw(st.permutations(files)))
    results = [delivered(root / f"order-{n}", order, older, newer_kept)
               for n, order in enumerate(orders)]
    assert all(result == results[0] for result in results[1:])

    held = store(root / "order-0", READER).records()
    assert sorted(record["uid"] for record in held) == sorted(written)  # none lost or doubled
    assert {record["uid"]: record for record in held} == written
    if newer_kept and not travels:  # an older version holds nothing its file does not
        assert not list((root / "order-0").glob(f"records-*.{READER}.json"))


def test_a_conflict_copy_of_the_newer_version_gives_what_it_alone_holds(
        tmp_path: Path) -> None:
    """Syncthing kept the older version of a month file (its device's clock was ahead):
    the records only the copy holds come from the copy."""
    laptop, server = tmp_path / "laptop", tmp_path / "server"
    laptop.mkdir()
    server.mkdir()
    at = store(laptop, DEVICES[0])
    journal(at, DAY, "first")
    older = own_files(laptop, DEVICES[0])
    journal(at, DAY, "second")
    [(name, newer)] = own_files(laptop, DEVICES[0]).items()
    deliver(server, name, older[name])
    deliver(server, conflict_name(name), newer)
    reader = store(server, READER)
    [merged] = merge_copies(reader)
    assert merged.added == 1
    assert sorted(r["data"]["text"] for r in reader.entries()) == ["first", "second"]
    assert names(server) == [name, f"records-2026-12.{READER}.json"]
