"""Two devices for coach, each with its own Syncthing, home and config, and one data folder
synced between them: `pair` starts the engines, `coach_on` runs the installed coach on a side.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import faketime_env
from tests.e2e.tmux import coach_executable
from tests.sync.harness import Instance, Pair, syncthing_pair


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[Pair]:
    with syncthing_pair(tmp_path) as started:
        yield started


def coach_on(side: Instance, *args: str, when: str,
             state: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed `coach` as the device `side` does: its data folder is the synced
    folder, its config and home are its own, its clock reads `when` ("2026-11-22 20:00")
    and runs on from there. Fails with coach's output if coach does."""
    device = side.folder.parent
    # Each side its own state folder, so its own device id, as two machines have; or
    # `state`, one both share (a copied state folder: two machines with one id).
    env = {**faketime_env(f"@{when}:00"), "COACH_DATA_DIR": str(side.folder),
           "COACH_CONFIG_DIR": str(device / "config"), "HOME": str(device / "home"),
           "COACH_STATE_DIR": str(state or device / "state"), "TZ": "UTC", "NO_COLOR": "1"}
    for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env.pop(key, None)
    result = subprocess.run([coach_executable(), *args], capture_output=True, text=True,
                            env=env, timeout=60, check=False)
    assert result.returncode == 0, (f"coach {' '.join(args)} on {side.name} failed "
                                    f"({result.returncode}):\n{result.stdout}{result.stderr}")
    return result
