"""Records dated after today (a device whose clock was wrong) are not among "the last N
days": `coach history` leaves them out and says they are there."""

from __future__ import annotations

import subprocess
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from coach.cli import cli
from coach.insight.history_text import future_note
from coach.foundation.paths import data_dir
from coach.store import Store
from tests.e2e.tmux import coach_executable
from tests.conftest import faketime_env

UTC = (ZoneInfo("UTC"), "UTC")


def session(store: Store, day: str, event: str = "finished") -> None:
    store.add({"kind": "session", "routine": "morning", "session": f"s{day}", "event": event,
               "day": day, "utc": f"{day}T08:00:00Z", "tz": "UTC"})


def seeded() -> Store:
    store = Store(data_dir(), zone=UTC, now=lambda: datetime(2026, 11, 22, 20,
                                                             tzinfo=timezone.utc))
    session(store, "2026-11-22")  # today, on the pinned clock
    session(store, "2027-03-01")  # from a phone whose clock was months ahead
    return store


def test_history_leaves_future_days_out_and_says_so() -> None:
    seeded()
    result = CliRunner().invoke(cli, ["history", "--days", "2"])
    assert result.exit_code == 0, result.output
    assert "Sunday 22 November 2026" in result.output
    assert "Monday 01 March 2027" not in result.output
    assert ("1 record is dated in the future (2027-03-01); coach shows it once that day "
            "comes.") in result.output


def test_only_future_records_is_still_nothing_recorded() -> None:
    store = Store(data_dir(), zone=UTC)
    session(store, "2026-12-24")
    session(store, "2026-12-25", "started")
    result = CliRunner().invoke(cli, ["history", "--days", "2"])
    assert result.output == ("Nothing recorded in the last 2 days.\n\n"
                             "2 records are dated in the future (2026-12-24 to 2026-12-25); "
                             "coach shows them once their days come.\n")


def test_reminders_are_not_counted_as_future_records() -> None:
    assert future_note([{"kind": "reminder", "day": "2027-01-01"}]) == ""
    assert future_note([{"kind": "step", "day": "2027-01-01"}] * 2) == (
        "2 records are dated in the future (2027-01-01); coach shows them once that day comes.")


def test_the_installed_command_says_it(coach_dirs: dict[str, Path]) -> None:
    seeded()
    env = {**faketime_env("@2026-11-22 20:00:00"), "TZ": "UTC", "NO_COLOR": "1",
           "COACH_DATA_DIR": str(coach_dirs["data"]),
           "COACH_CONFIG_DIR": str(coach_dirs["config"])}
    done = subprocess.run([coach_executable(), "history", "--days", "2"],
                          capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Sunday 22 November 2026\n")
    assert "March 2027" not in done.stdout
    assert done.stdout.endswith("1 record is dated in the future (2027-03-01); coach shows "
                                "it once that day comes.\n")
