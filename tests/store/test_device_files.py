"""Each device writes only its own month files; every device reads them all as one month.

A data folder synced between devices (Syncthing, a copy by hand) holds
`records-2026-11.<device>.json` for each device that wrote to November, and
`records-2026-11.json` from before coach knew its device. Here the devices are stores
with different ids sharing one folder, as a sync tool leaves it.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.session.run import StepOutcome
from coach.store import Store
from coach.store import months as months_module

DAY = date(2026, 11, 20)
NOW = datetime(2026, 11, 22, 20, tzinfo=timezone.utc)
UTC = (timezone.utc, "UTC")


def store(directory: Path, device: str, now: datetime = NOW) -> Store:
    return Store(directory, zone=UTC, now=lambda: now, device=device)


def journal(at: Store, day: date, text: str) -> dict:  # type: ignore[type-arg]
    when = datetime(day.year, day.month, day.day, 21, tzinfo=timezone.utc)
    return at.record_step("evening", f"s{day}-{text}", StepOutcome(
        "journal", "journal", "done", when, when + timedelta(minutes=3), {"text": text}), day=day)


def names(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.glob("records-*.json"))


def texts(at: Store) -> list[str]:
    return sorted(r["data"]["text"] for r in at.entries())


def test_each_device_writes_its_own_file_and_reads_every_one(tmp_path: Path) -> None:
    laptop, server = store(tmp_path, "aaaaaaaa"), store(tmp_path, "bbbbbbbb")
    written = journal(laptop, DAY, "from the laptop")
    journal(server, DAY, "from the server")
    journal(server, date(2026, 10, 2), "october")
    assert names(tmp_path) == ["records-2026-10.bbbbbbbb.json", "records-2026-11.aaaaaaaa.json",
                               "records-2026-11.bbbbbbbb.json"]
    laptops = (tmp_path / "records-2026-11.aaaaaaaa.json").read_bytes()
    # The server corrects and deletes the laptop's entries: in its own file.
    assert server.correct_entry(written["uid"], DAY, {"text": "corrected on the server"})
    assert (tmp_path / "records-2026-11.aaaaaaaa.json").read_bytes() == laptops
    for at in (laptop, server, store(tmp_path, "")):
        assert texts(at) == ["corrected on the server", "from the server", "october"]
        assert [path.name for path in at.month_files()] == ["records-2026-10.json",
                                                            "records-2026-11.json"]
    assert server.delete_entry(written["uid"], DAY)
    assert (tmp_path / "records-2026-11.aaaaaaaa.json").read_bytes() == laptops
    assert texts(laptop) == ["from the server", "october"]


def test_a_record_in_two_files_counts_once(tmp_path: Path) -> None:
    laptop = store(tmp_path, "aaaaaaaa")
    journal(laptop, DAY, "once")
    shutil.copy(tmp_path / "records-2026-11.aaaaaaaa.json", tmp_path / "records-2026-11.json")
    assert texts(laptop) == ["once"]
    assert sum(records for _, records, _ in laptop.counts()) == 1


def test_a_file_arriving_from_another_device_makes_the_digest_anew(tmp_path: Path) -> None:
    laptop, server = store(tmp_path, "aaaaaaaa"), store(tmp_path, "bbbbbbbb")
    laptop.record_session("evening", "s1", "finished", day=DAY)
    assert laptop.finished_days("evening", DAY.replace(day=1)) == {DAY}
    saved = laptop.series()  # saved, with November's stamp
    server.record_session("evening", "s2", "finished", day=DAY + timedelta(days=1))
    assert laptop.finished_days("evening", DAY.replace(day=1)) == {DAY, DAY + timedelta(days=1)}
    assert laptop.series() != saved
    fresh = store(tmp_path, "aaaaaaaa")
    assert fresh.series() == store(tmp_path, "bbbbbbbb").series()
    assert sorted((tmp_path / "digests").glob("records-*.json")) == [
        tmp_path / "digests" / "records-2026-11.json"]  # by month, not by file


def test_a_month_without_a_device_becomes_this_devices_by_a_rename(tmp_path: Path) -> None:
    before = store(tmp_path, "")
    for day in (date(2026, 9, 3), date(2026, 10, 2), DAY):
        journal(before, day, f"on {day}")
    before.record_session("evening", "s1", "finished", day=DAY)
    old = {path.name: path.read_bytes() for path in tmp_path.glob("records-*.json")}
    figures = before.series(), before.entries(), before.counts()
    copy = tmp_path / "copy"
    shutil.copytree(tmp_path, copy, ignore=shutil.ignore_patterns("copy", "elsewhere"))
    # September written on this device already: its old file stays, and is read beside it.
    store(tmp_path / "elsewhere", "aaaaaaaa").set_rest_day("morning", date(2026, 9, 4))
    (tmp_path / "elsewhere" / "records-2026-09.aaaaaaaa.json").rename(
        copy / "records-2026-09.aaaaaaaa.json")

    after = store(copy, "aaaaaaaa")
    assert after.check() == []
    assert names(copy) == ["records-2026-09.aaaaaaaa.json", "records-2026-09.json",
                           "records-2026-10.aaaaaaaa.json", "records-2026-11.aaaaaaaa.json"]
    for month in ("2026-10", "2026-11"):
        assert (copy / f"records-{month}.aaaaaaaa.json").read_bytes() == \
            old[f"records-{month}.json"]
    assert (copy / "records-2026-09.json").read_bytes() == old["records-2026-09.json"]
    assert after.series().routines["evening"] == figures[0].routines["evening"]
    assert after.entries() == figures[1]
    assert [(p.name, n, m) for p, n, m in after.counts()] == \
        [(p.name, n + (p.name == "records-2026-09.json"), m) for p, n, m in figures[2]]


def test_purging_empties_only_this_devices_file(tmp_path: Path) -> None:
    laptop, server = store(tmp_path, "aaaaaaaa"), store(tmp_path, "bbbbbbbb")
    theirs, ours = journal(laptop, DAY, "laptop's"), journal(server, DAY, "server's")
    assert server.delete_entry(theirs["uid"], DAY) and server.delete_entry(ours["uid"], DAY)
    assert server.removed_counts() == {"2026-11": 1} and server.removed_elsewhere() == 1
    laptops = (tmp_path / "records-2026-11.aaaaaaaa.json").read_bytes()
    assert server.purge_removed(["2026-11"]) == 1
    assert (tmp_path / "records-2026-11.aaaaaaaa.json").read_bytes() == laptops
    assert texts(laptop) == texts(server) == []  # the revision deleting the laptop's stays
    assert laptop.removed_counts() == {"2026-11": 1}
    assert laptop.purge_removed(["2026-11"]) == 1
    # Only the server's revision is left, of an entry no file holds now (the server's
    # purge empties it: tests/store/test_settled_deletions.py).
    assert [r["kind"] for r in laptop.records()] == ["revision"]
    assert server.removed_elsewhere() == 0


# -- any number of devices, any edits, any order of writing --------------------------------

DEVICES = ["aaaaaaaa", "bbbbbbbb", "cccccccc", "dddddddd"]
#: (device, what, which entry, skew of its clock in minutes)
Step = tuple[int, str, int, int]
steps = st.lists(st.tuples(st.integers(0, 3), st.sampled_from(["add", "correct", "delete",
                                                                 "mark", "undo"]),
                           st.integers(0, 5), st.integers(-90, 90)), min_size=1, max_size=25)


@settings(max_examples=40, deadline=None)
@given(devices=st.integers(2, 4), history=steps)
def test_every_device_reads_one_history_whoever_wrote_last(
        tmp_path_factory: object, devices: int, history: list[Step]) -> None:
    folder = tmp_path_factory.mktemp("shared")  # type: ignore[attr-defined]
    added: list[dict] = []  # type: ignore[type-arg]
    written = 0  # records, each written once, by one device
    for n, (who, what, which, skew) in enumerate(history):
        at = store(folder, DEVICES[who % devices], NOW + timedelta(minutes=n + skew))
        if what == "add" or not added:
            added.append(journal(at, DAY - timedelta(days=which), f"entry {n}"))
            written += 1
        elif what in ("correct", "delete"):
            entry = added[which % len(added)]
            change = {"data": {"text": f"corrected {n}"}} if what == "correct" else \
                {"removed": True}
            written += at.revise_entry(entry["uid"], date.fromisoformat(entry["day"]),
                                       **change) is not None  # type: ignore[arg-type]
        elif what == "mark":
            at.mark_day("evening", DAY - timedelta(days=which), ["done", "partly", "none"][n % 3])
            written += 1
        elif changes := at.last_changes():
            written += changes[0].undo(at) is not None
    seen = []
    for device in [*DEVICES[:devices], ""]:
        reader = store(folder, device)
        seen.append((reader.well_formed(), reader.day_marks("evening", DAY - timedelta(days=9),
                                                            DAY), reader.series()))
    assert all(each == seen[0] for each in seen)
    assert len(store(folder, "").records()) == written  # nothing lost, nothing twice
    assert all(name.count(".") == 2 for name in names(folder))  # each device's own files


def test_purge_says_that_other_devices_empty_their_own(coach_dirs: dict[str, Path]) -> None:
    from click.testing import CliRunner

    from coach.cli import cli

    laptop = store(coach_dirs["data"], "aaaaaaaa")
    assert laptop.delete_entry(journal(laptop, DAY, "laptop's")["uid"], DAY)
    result = CliRunner().invoke(cli, ["doctor", "--purge-removed"], input="")
    assert result.exit_code == 0
    assert result.stdout == (
        "1 entry you deleted is kept in the files of another device (or of coach before it "
        "knew this device): it is emptied when you run coach doctor --purge-removed "
        "there.\nNothing to empty here: no deleted entry is kept in this device's files.\n")


def test_a_pass_over_the_months_lists_the_folder_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    laptop, server = store(tmp_path, "aaaaaaaa"), store(tmp_path, "bbbbbbbb")
    for month in (9, 10, 11):
        journal(laptop, date(2026, month, 3), f"laptop {month}")
        journal(server, date(2026, month, 4), f"server {month}")
    listed: list[str] = []
    listdir = os.listdir

    def counting(path: Any) -> list[str]:
        listed.append(os.fspath(path))
        return listdir(path)

    monkeypatch.setattr(os, "listdir", counting)
    reader = store(tmp_path, "aaaaaaaa")
    for read in (lambda: list(reader.digests()), reader.series, reader.entries,
                 lambda: reader.months.well_formed(reader.months.month_path(DAY))):
        listed.clear()
        read()
        assert listed.count(os.fspath(tmp_path)) == 1
    # A file that arrives after a pass is found by the next one.
    journal(server, DAY, "arrived")
    assert "arrived" in texts(reader)
    assert DAY in {date.fromisoformat(day) for digest in reader.digests()
                   for day in digest.touched.get("evening", {})}


def files_parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The month files parsed from now on, in order."""
    parsed: list[str] = []
    parse = months_module.parse_document
    monkeypatch.setattr(months_module, "parse_document",
                        lambda path, data: parsed.append(path.name) or parse(path, data))
    return parsed


def test_taking_over_old_files_keeps_their_digests_when_the_bytes_are_the_same(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = store(tmp_path, "")
    for day in (date(2026, 9, 3), date(2026, 10, 2), DAY):
        journal(before, day, f"on {day}")
    hour_ago = NOW.timestamp() - 3600  # written long before the rename, as in real use
    for path in tmp_path.glob("records-*.json"):
        os.utime(path, (hour_ago, hour_ago))
    kept = [replace(digest, stamp=None) for digest in before.digests()]
    # November changed after its digest was saved: that digest proves nothing any more.
    stale = (tmp_path / "digests" / "records-2026-11.json").read_bytes()
    journal(before, DAY, "after the digest")
    list(before.digests())
    (tmp_path / "digests" / "records-2026-11.json").write_bytes(stale)
    os.utime(tmp_path / "records-2026-11.json", (hour_ago, hour_ago))

    after = store(tmp_path, "aaaaaaaa")
    assert len(after.take_over_legacy()) == 3
    parsed = files_parsed(monkeypatch)
    made = list(after.digests())
    assert parsed == ["records-2026-11.aaaaaaaa.json"]  # only the stale one is made again
    assert [replace(digest, stamp=None) for digest in made[:2]] == kept[:2]
    assert made[2].records == 2
    shutil.rmtree(tmp_path / "digests")  # made from scratch: the same, stamps and all
    assert list(store(tmp_path, "aaaaaaaa").digests()) == made


def test_a_file_written_just_before_it_is_taken_over_has_its_digest_made_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = store(tmp_path, "")
    journal(before, DAY, "just now")
    list(before.digests())
    after = store(tmp_path, "aaaaaaaa")
    assert len(after.take_over_legacy()) == 1
    parsed = files_parsed(monkeypatch)
    assert [digest.records for digest in after.digests()] == [1]
    assert parsed == ["records-2026-11.aaaaaaaa.json"]
