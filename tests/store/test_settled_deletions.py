"""A deletion this device wrote of an entry held in another device's file, once that device
has emptied the entry (coach doctor --purge-removed there): emptied here too, and only
when the entry cannot come back (see coach.store.settled).

Two stores with different ids share one folder, as a sync tool leaves it: the laptop
wrote the entry, the server deleted it.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import orjson
import pytest

from coach.store import Store
from tests.store.test_device_files import DAY, journal, store, texts

LAPTOP, SERVER = "aaaaaaaa", "bbbbbbbb"
LAPTOPS = f"records-2026-11.{LAPTOP}.json"
SERVERS = f"records-2026-11.{SERVER}.json"


def deleted_on_the_server(folder: Path) -> tuple[Store, Store, dict[str, Any]]:
    laptop, server = store(folder, LAPTOP), store(folder, SERVER)
    entry = journal(laptop, DAY, "the laptop's")
    journal(server, DAY, "the server's")
    assert server.correct_entry(entry["uid"], DAY, {"text": "corrected on the server"})
    assert server.delete_entry(entry["uid"], DAY)
    return laptop, server, entry


def revisions_of(folder: Path, name: str, uid: str) -> list[dict[str, Any]]:
    held = orjson.loads((folder / name).read_bytes())["records"].values()
    return [record for record in held if record.get("of") == uid]


def test_the_deletion_names_the_device_whose_file_holds_the_entry(tmp_path: Path) -> None:
    _, server, entry = deleted_on_the_server(tmp_path)
    assert server.last_changes()[0].undo(server) is not None
    assert [r.get("holder") for r in revisions_of(tmp_path, SERVERS, entry["uid"])] == \
        [LAPTOP, LAPTOP, LAPTOP]
    own = journal(store(tmp_path, SERVER), DAY, "its own")
    assert store(tmp_path, SERVER).delete_entry(own["uid"], DAY)
    assert "holder" not in revisions_of(tmp_path, SERVERS, own["uid"])[0]


def test_a_deletion_of_an_entry_its_device_emptied_is_emptied_here_too(tmp_path: Path) -> None:
    laptop, server, entry = deleted_on_the_server(tmp_path)
    assert server.removed().settled == {}  # the laptop's file still holds the entry
    assert laptop.purge_removed(["2026-11"]) == 1
    removed = server.removed()
    assert (removed.counts, removed.elsewhere, removed.settled) == ({}, 0, {"2026-11": 1})
    assert server.purge_settled(["2026-11"]) == 1
    assert revisions_of(tmp_path, SERVERS, entry["uid"]) == []
    assert texts(server) == texts(laptop) == ["the server's"]
    assert server.removed().settled == {}
    assert server.purge_settled(["2026-11"]) == 0


def _moved_away(folder: Path) -> None:
    (folder / LAPTOPS).rename(folder.parent / LAPTOPS)


def _damaged(folder: Path) -> None:
    (folder / LAPTOPS).write_bytes((folder / LAPTOPS).read_bytes()[:-20])


def _conflict_copy(folder: Path) -> None:
    shutil.copy(folder / SERVERS, folder / SERVERS.replace(
        ".json", ".sync-conflict-20261122-200000-ABCDEFG.json"))


def _stray_copy(folder: Path) -> None:
    shutil.copy(folder.parent / "before", folder / "records-2026-11 (copy).json")


def _copied_into_another_month(folder: Path) -> None:
    entry = next(r for r in orjson.loads((folder.parent / "before").read_bytes())[
        "records"].values() if r.get("data", {}).get("text") == "the laptop's")
    (folder / f"records-2026-10.{LAPTOP}.json").write_bytes(
        orjson.dumps({"records": {"1": entry}}))


def _written_before_holders(folder: Path) -> None:
    document = orjson.loads((folder / SERVERS).read_bytes())
    for record in document["records"].values():
        record.pop("holder", None)
    (folder / SERVERS).write_bytes(orjson.dumps(document))


@pytest.mark.parametrize("doubt", [_moved_away, _damaged, _conflict_copy, _stray_copy,
                                   _copied_into_another_month, _written_before_holders])
def test_a_deletion_stays_while_its_entry_could_still_come_back(tmp_path: Path,
                                                                doubt: Any) -> None:
    """The laptop's file not here (not arrived yet, moved away), damaged, a copy of a file
    holding the entry, the entry in another month's file (a hand edit), or a deletion that
    does not say whose file held it: coach cannot
    tell that the laptop emptied the entry, and the deletion stays, so the entry stays
    deleted when its file comes."""
    folder = tmp_path / "data"
    laptop, server, entry = deleted_on_the_server(folder)
    shutil.copy(folder / LAPTOPS, tmp_path / "before")
    assert laptop.purge_removed(["2026-11"]) == 1
    doubt(folder)
    assert server.removed().settled == {}
    assert server.purge_settled(["2026-11"]) == 0
    assert len(revisions_of(folder, SERVERS, entry["uid"])) == 2
    shutil.copy(tmp_path / "before", folder / LAPTOPS)  # the entry comes after all
    assert "the laptop's" not in texts(store(folder, SERVER))


def test_doctor_says_how_many_such_deletions_it_empties(coach_dirs: dict[str, Path]) -> None:
    from click.testing import CliRunner

    from coach.cli import cli
    from coach.store.device import this_device

    data = coach_dirs["data"]
    laptop, here = store(data, LAPTOP), store(data, this_device().id)
    entry = journal(laptop, DAY, "the laptop's")
    assert here.delete_entry(entry["uid"], DAY)
    assert here.delete_entry(journal(here, DAY, "this one's")["uid"], DAY)
    assert laptop.purge_removed(["2026-11"]) == 1
    result = CliRunner().invoke(cli, ["doctor", "--purge-removed"], input="yes\ny\n")
    assert result.exit_code == 0
    assert result.stdout.startswith(
        "coach keeps 1 entry you deleted, so that coach undo can bring it back:\n"
        "  November 2026: 1 entry\n"
        "This device also keeps your deletion of 1 entry that another device has since "
        "emptied from its files: the deletion points at nothing now.\n"
        "Emptying erases them and every earlier version of them for good.\n")
    assert result.stdout.endswith(
        "Erased 1 entry, and 1 deletion of an entry another device emptied.\n")
    assert [r for r in here.records() if r["kind"] == "revision"] == []
    result = CliRunner().invoke(cli, ["doctor", "--purge-removed"], input="")
    assert result.stdout == "Nothing to empty: no deleted entry is kept.\n"
