"""A device does not remind for a routine already done today on another device, as of the
last files it has: two devices, each with its own state folder (so its own device id),
data folder and digests, run the installed `coach`; what Syncthing would deliver is copied
from one data folder to the other as Syncthing writes it (a temporary file renamed into
place, its modification time kept)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import faketime_env
from tests.e2e.tmux import coach_executable
from tests.remind.test_remind_command import RECORD_ARGS

ROUTINE = ('title: Evening wind-down\nschedule:\n  at: "19:30"\n'
           "steps:\n  - type: journal\n    title: A few lines\n")


def device(tmp_path: Path, name: str) -> dict[str, Path]:
    """A device's folders; the same routine as the other's (a shared config folder)."""
    root = tmp_path / name
    folders = {key: root / key for key in ("data", "config", "state", "home")}
    (folders["config"] / "routines").mkdir(parents=True)
    (folders["config"] / "routines" / "evening.yaml").write_text(ROUTINE, encoding="utf-8")
    folders["home"].mkdir()
    return folders


def coach_on(folders: dict[str, Path], *args: str, when: str,
             data: Path | None = None) -> str:
    """The installed coach as the device runs it, its clock at `when` ("19:30" today)."""
    env = {**faketime_env(f"@2026-11-22 {when}:00"),
           "COACH_DATA_DIR": str(data or folders["data"]),
           "COACH_CONFIG_DIR": str(folders["config"]), "COACH_STATE_DIR": str(folders["state"]),
           "HOME": str(folders["home"]), "TZ": "UTC", "NO_COLOR": "1"}
    for key in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env.pop(key, None)
    result = subprocess.run([coach_executable(), *args], capture_output=True, text=True,
                            env=env, timeout=60, check=False)
    assert result.returncode == 0, f"coach {' '.join(args)}:\n{result.stdout}{result.stderr}"
    return result.stdout


def deliver(source: Path, target: Path) -> None:
    """Each file of `source`'s device (its month files and device file) into `target`, as
    Syncthing writes a file it receives."""
    for path in sorted([*source.glob("records-*.json"), *source.glob("device-*.json")]):
        temporary = target / f".syncthing.{path.name}.tmp"
        shutil.copy2(path, temporary)
        os.replace(temporary, target / path.name)


def test_a_routine_done_on_another_device_is_not_reminded(tmp_path: Path) -> None:
    a, b = device(tmp_path, "a"), device(tmp_path, "b")
    script = tmp_path / "record_args.py"
    script.write_text(RECORD_ARGS, encoding="utf-8")
    received = tmp_path / "received.jsonl"
    (b["config"] / "settings.yaml").write_text(
        f"reminders_via: [command]\nreminder_command: [{json.dumps(sys.executable)}, "
        f"{json.dumps(str(script))}, {json.dumps(str(received))}, \"{{title}}\", \"{{body}}\"]\n",
        encoding="utf-8")

    coach_on(a, "mood", "5", when="18:00")  # a's month file, which b has and has read
    b["data"].mkdir(mode=0o700)
    deliver(a["data"], b["data"])
    coach_on(b, "history", when="18:30")  # b's digests now hold a's month as it was
    [a_month] = a["data"].glob("records-2026-11.*.json")
    assert [path.name for path in b["data"].glob("records-*.json")] == [a_month.name]
    assert (b["data"] / "digests").is_dir()
    a_id, b_id = (json.loads((folders["state"] / "device.json").read_text())["id"]
                  for folders in (a, b))
    assert a_id != b_id and a_month.name == f"records-2026-11.{a_id}.json"

    coach_on(a, "done", "evening", when="19:00")
    # Before a's files arrive, b reminds: on a copy of b's data folder as it is now (the
    # reminder sent is kept in the data folder, and would keep the pass below quiet).
    before = tmp_path / "b-before"
    shutil.copytree(b["data"], before)
    said = coach_on(b, "remind", "--once", when="19:30", data=before)
    assert "reminded: Evening wind-down, by command" in said
    assert received.read_text(encoding="utf-8").count("Evening wind-down") == 1
    received.unlink()

    deliver(a["data"], b["data"])
    assert (b["data"] / a_month.name).read_bytes() == a_month.read_bytes()
    said = coach_on(b, "remind", "--once", when="19:30")
    assert "no reminder for Evening wind-down: it is done for today" in said, said
    assert not received.exists()
