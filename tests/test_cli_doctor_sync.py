"""`coach doctor` on a data folder a sync tool shares: conflict copies merged and said, config
copies named, the .stignore kept or its missing lines said, and the devices listed; any
command keeps coach's .stignore lines and this device's file, which naming it writes at once."""

from __future__ import annotations

from pathlib import Path

import orjson

from coach.store.device import rename, this_device
from coach.store.sync_folder import BEGIN, keep_device_file
from tests.store.test_sync_folder import month_file, mood
from tests.test_cli_mood import run, stored


def test_doctor_merges_a_conflict_copy_and_says_what_it_took(
        coach_dirs: dict[str, Path]) -> None:
    data = coach_dirs["data"]
    run("mood", "6", "here")
    month = next(data.glob("records-*.json")).name
    copy = month.replace(".json", ".sync-conflict-20261207-120000-ABCDEFG.json")
    held = stored(data)
    month_file(data / copy, [*held, mood("b" * 32, 7, device="ab23cd45", day=held[0]["day"]),
                             mood("c" * 32, 3, device="ab23cd45", day=held[0]["day"])])
    code, out, _ = run("doctor")
    assert f"  ✓ Merged 2 records from the conflict copy {copy}; the copy is now in " \
        "conflicts-merged/" in out
    assert sorted(r["uid"] for r in stored(data)) == sorted([held[0]["uid"], "b" * 32, "c" * 32])
    assert (data / "conflicts-merged" / copy).exists()
    assert "looks like a copy of a month file" not in out
    code, out, _ = run("doctor")
    assert "Merged" not in out


def test_doctor_names_config_copies_and_lists_the_devices(
        coach_dirs: dict[str, Path]) -> None:
    rename("laptop")
    here = this_device().id
    data, config = coach_dirs["data"], coach_dirs["config"]
    run("mood", "6", "here")
    keep_device_file(data, "ab23cd45", "server", fingerprint="f" * 16)
    coach_dirs["routines"].mkdir(parents=True)
    (coach_dirs["routines"] / "morning (conflicted copy).yaml").write_text("title: x\n")
    code, out, _ = run("doctor")
    assert code == 1
    assert (f"  ✗ routines/morning (conflicted copy).yaml in {config} is a copy a sync tool "
            "made of routines/morning.yaml, when it was changed on two devices. coach reads "
            "only routines/morning.yaml: compare the two, keep what you want in it, and "
            "delete the copy.") in out
    lines = out.splitlines()
    start = lines.index("Devices writing to the data folder:")
    listed = {"ab23cd45": ("  server (ab23cd45): no record yet",
                           "    no month file, last changed "),
              here: (f"  laptop ({here}), this device: last record ",
                     "    1 month file, 2026-11, last changed ")}
    for n, device in enumerate(sorted(listed)):  # by id
        assert lines[start + 1 + 2 * n] == listed[device][0] or \
            lines[start + 1 + 2 * n].startswith(listed[device][0]) and device == here
        assert lines[start + 2 + 2 * n].startswith(listed[device][1])
    assert orjson.loads((data / f"device-{here}.json").read_bytes())["name"] == "laptop"


def test_doctor_warns_when_another_machine_wrote_this_devices_file(
        coach_dirs: dict[str, Path]) -> None:
    here = this_device().id
    data = coach_dirs["data"]
    data.mkdir()
    keep_device_file(data, here, "old laptop", fingerprint="0" * 16)
    code, out, _ = run("doctor")
    assert code == 1
    assert f"  ✗ Another machine uses this device's id {here} too" in out


def test_any_command_writes_the_stignore_and_doctor_says_what_anothers_lacks(
        coach_dirs: dict[str, Path]) -> None:
    data = coach_dirs["data"]
    data.mkdir()
    (data / ".stfolder").mkdir()
    run("mood", "6", "here")
    assert (data / ".stignore").read_text().splitlines()[0] == BEGIN
    (data / ".stignore").write_text("/digests\n")
    code, out, _ = run("doctor")
    assert f"  ✗ {data / '.stignore'} is not coach's, so coach changed nothing in it." in out
    assert "      /.lock" in out.splitlines()
    assert (data / ".stignore").read_text() == "/digests\n"


def test_naming_this_device_reaches_the_data_folder_at_once(
        coach_dirs: dict[str, Path]) -> None:
    data = coach_dirs["data"]
    assert run("device", "--name", "Laptop")[0] == 0
    assert not data.exists()  # nothing is made for a name alone
    data.mkdir()
    code, out, _ = run("device", "--name", "Kitchen laptop")
    here = this_device().id
    assert (code, out) == (0, f"This device is now called Kitchen laptop ({here}).\n")
    assert orjson.loads((data / f"device-{here}.json").read_bytes())["name"] == "Kitchen laptop"


def test_a_command_that_saves_leaves_this_devices_file_in_the_data_folder(
        coach_dirs: dict[str, Path]) -> None:
    rename("Laptop")
    run("mood", "6", "here")
    here = this_device().id
    assert orjson.loads(
        (coach_dirs["data"] / f"device-{here}.json").read_bytes())["name"] == "Laptop"


def test_doctor_counts_months_and_files_and_says_each_devices_files(
        coach_dirs: dict[str, Path]) -> None:
    from datetime import date

    from tests.store.test_device_files import journal, store

    rename("laptop")
    here, data = this_device().id, coach_dirs["data"]
    laptop, server = store(data, here), store(data, "ab23cd45")
    for month in (10, 11):
        journal(laptop, date(2026, month, 3), f"laptop {month}")
        journal(server, date(2026, month, 4), f"server {month}")
    journal(server, date(2026, 9, 4), "server 9")
    keep_device_file(data, "ab23cd45", "server", fingerprint="f" * 16)
    code, out, _ = run("doctor")
    lines = out.splitlines()
    assert "  ✓ 3 months readable, in 5 files, 5 records" in lines
    start = lines.index("Devices writing to the data folder:")
    listed = lines[start + 1:start + 5]
    server = listed.index("  server (ab23cd45): last record 2026-11-04 at 21:03")
    assert listed[server + 1].startswith("    3 month files, 2026-09 to 2026-11, last changed ")
    laptop = listed.index(f"  laptop ({here}), this device: last record 2026-11-03 at 21:03")
    assert listed[laptop + 1].startswith("    2 month files, 2026-10 to 2026-11, last changed ")
    assert all(len(line) <= 80 for line in listed)
