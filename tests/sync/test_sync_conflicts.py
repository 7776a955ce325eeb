"""Two machines with one device id (a state folder copied from one to the other) write the
same month file while apart: Syncthing keeps one side's and leaves the other as a
`.sync-conflict-` copy (with an id each, they write files of their own and no copy is made:
tests/sync/test_two_devices.py); `coach doctor` on one side merges the copy and moves
it aside, and both sides end up with every record once. coach keeps its .stignore lines in
the synced folder, so digests, locks and drafts stay on each device."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

from coach.store.privacy import exposed_paths
from tests.conftest import faketime_env
from tests.e2e.tmux import coach_executable
from tests.sync.conftest import coach_on as coach_with_own_state
from tests.sync.harness import Instance, Pair, wait_until
from tests.sync.test_syncthing_harness import exported

NOW = "2026-11-22 20:00"


def doctor_on(side: Instance, state: Path) -> str:
    """`coach doctor` on a side, whatever else it finds to look at (reminder ways, say)."""
    device = side.folder.parent
    env = {**faketime_env(f"@{NOW}:00"), "COACH_DATA_DIR": str(side.folder),
           "COACH_CONFIG_DIR": str(device / "config"), "HOME": str(device / "home"),
           "COACH_STATE_DIR": str(state), "TZ": "UTC", "NO_COLOR": "1"}
    result = subprocess.run([coach_executable(), "doctor"], capture_output=True, text=True,
                            env=env, timeout=60, check=False)
    assert result.returncode in (0, 1), result.stdout + result.stderr
    return result.stdout


def conflict_copies(side: Instance) -> list[str]:
    return sorted(path.name for path in side.folder.glob("records-*.sync-conflict-*.json"))


def test_a_month_written_on_both_sides_apart_is_merged_by_doctor(pair: Pair,
                                                                tmp_path: Path) -> None:
    shared = tmp_path / "copied-state"

    def coach_on(side: Instance, *args: str, when: str) -> object:
        return coach_with_own_state(side, *args, when=when, state=shared)

    coach_on(pair.a, "mood", "6", "together", when=NOW)
    pair.wait_in_sync()
    assert not (pair.b.folder / "digests").exists()  # a's stay on a

    pair.pause()
    coach_on(pair.a, "mood", "4", "on a", when="2026-11-22 21:00")
    coach_on(pair.b, "mood", "8", "on b", when="2026-11-22 21:30")
    for side in pair.sides():  # each keeps its own: Syncthing never syncs a .stignore
        assert (side.folder / ".stignore").read_text().startswith("// written by coach")
    pair.rescan()
    pair.resume()
    pair.wait_in_sync()
    wait_until(lambda: bool(conflict_copies(pair.a)) and bool(conflict_copies(pair.b)), 30,
               "a conflict copy on both sides")
    [copy] = conflict_copies(pair.a)
    assert not list(pair.a.folder.glob("digests/*.sync-conflict-*"))

    said = doctor_on(pair.a, shared)
    assert f"Merged 1 record from the conflict copy {copy}; the copy is now in " \
        "conflicts-merged/" in said
    pair.rescan()
    pair.wait_in_sync()
    wait_until(lambda: not conflict_copies(pair.b), 30, "the copy moved aside on b too")
    assert (pair.b.folder / "conflicts-merged" / copy).exists()
    # Private on b too: Syncthing carries the permissions coach gave them on a.
    assert stat.S_IMODE((pair.b.folder / "conflicts-merged").stat().st_mode) == 0o700
    assert stat.S_IMODE((pair.b.folder / "conflicts-merged" / copy).stat().st_mode) == 0o600
    pair.b.folder.chmod(0o700)  # as coach makes its data folder
    assert exposed_paths(pair.b.folder) == []

    on_a = exported(coach_on(pair.a, "export", "--format", "json", when=NOW).stdout)
    on_b = exported(coach_on(pair.b, "export", "--format", "json", when=NOW).stdout)
    assert on_a == on_b
    assert sorted(record["data"]["note"] for record in on_a) == ["on a", "on b", "together"]
