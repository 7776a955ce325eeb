"""Export to open formats, and import back without duplicates."""

from __future__ import annotations

import re

import csv
import io
import json
import stat
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from coach.cli import cli
from coach.foundation.paths import data_dir
from coach.session.run import StepOutcome
from coach.store import Store

BERLIN = (ZoneInfo("Europe/Berlin"), "Europe/Berlin")


def seeded_store() -> Store:
    """A week with a bit of everything, in the data dir the CLI uses."""
    clock = [datetime(2026, 11, 22, 20, tzinfo=timezone.utc)]
    store = Store(data_dir(), zone=BERLIN, now=lambda: clock[0])
    for n, day in enumerate(range(16, 23)):
        start = datetime(2026, 11, day, 7, tzinfo=timezone.utc)
        session = f"s{day}"

        def step(step_id: str, step_type: str, data: dict, minute: int, routine: str = "morning",
                 status: str = "done") -> None:
            at = start + timedelta(minutes=minute)
            store.record_step(routine, session, StepOutcome(step_id, step_type, status, at,
                                                             at + timedelta(minutes=1), data))

        clock[0] = start
        store.record_session("morning", session, "started", steps_total=3,
                             day=start.date())
        step("gratitude", "gratitude", {"items": [f"thing {day} | [b]pipe[/]", "tea"]}, 1)
        step("plan", "activity_plan", {"activities": [
            {"id": f"a{day}", "name": f"Walk {day}", "time": "18:00", "predicted": 4}]}, 3)
        step("mood", "mood", {"rating": n + 2, "feelings": ["calm"], "note": "ok"}, 5)
        clock[0] = start + timedelta(minutes=6)
        store.record_session("morning", session, "finished", steps_total=3, day=start.date())
        step("review", "activity_review", {"activities": [
            {"id": f"a{day}", "name": f"Walk {day}", "predicted": 4, "done": True,
             "pleasure": 7, "mastery": 5}]}, 700, routine="evening")
        step("journal", "journal", {"prompt": "What went well?", "text": f"Secret entry {day}"},
             720, routine="evening")
    return store


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def test_json_export_then_import_into_an_empty_data_dir_gives_the_same_records(
        tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    original = seeded_store().records()
    target = tmp_path / "backup.json"
    code, _, err = run("export", "--format", "json", "-o", str(target))
    assert code == 0 and f"Wrote {len(original)} records to {target}" in err
    assert stat.S_IMODE(target.stat().st_mode) == 0o600

    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "new-machine"))
    code, out, _ = run("import", str(target))
    assert code == 0 and out.strip() == f"Imported {len(original)} records; 0 were already here."
    restored = Store(tmp_path / "new-machine").records()
    assert sorted(restored, key=lambda r: r["uid"]) == sorted(original, key=lambda r: r["uid"])
    code, out, _ = run("import", str(target))  # again: nothing doubled
    assert out.strip() == f"Imported 0 records; {len(original)} were already here."
    assert len(Store(tmp_path / "new-machine").records()) == len(original)


def test_a_month_file_from_a_data_folder_can_be_imported(tmp_path: Path,
                                                         monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A copy of a month file (from a backup, or a sync conflict) is read like an export."""
    original = seeded_store()
    month = data_dir() / "records-2026-11.json"
    copy = tmp_path / "records-2026-11 (copy).json"
    copy.write_bytes(month.read_bytes())
    code, out, _ = run("import", str(copy))  # into the folder it came from: nothing doubled
    assert code == 0 and out.strip() == \
        f"Imported 0 records; {len(original.records())} were already here."
    monkeypatch.setenv("COACH_DATA_DIR", str(tmp_path / "new-machine"))
    code, out, _ = run("import", str(copy))
    assert code == 0 and out.strip() == \
        f"Imported {len(original.records())} records; 0 were already here."
    restored = Store(tmp_path / "new-machine").records()
    assert sorted(restored, key=lambda r: r["uid"]) == \
        sorted(original.records(), key=lambda r: r["uid"])


def test_a_record_listed_twice_in_one_import_is_stored_once(tmp_path: Path) -> None:
    """Two exports pasted into one file can list a record twice: the copy is not added."""
    record = {"uid": "u1", "kind": "session", "day": "2026-11-01",
              "utc": "2026-11-01T07:00:00Z", "routine": "r", "event": "started"}
    twice = tmp_path / "twice.json"
    twice.write_text(json.dumps({"format": "coach-export", "version": 1,
                                 "records": [record, dict(record)]}))
    code, out, _ = run("import", str(twice))
    assert code == 0 and out.strip() == "Imported 1 record; 1 was already here."
    assert [r["uid"] for r in Store(data_dir()).records()] == ["u1"]


def test_import_refuses_what_is_not_an_export_and_skips_unreadable_records(
        tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    code, _, err = run("import", str(bad))
    assert code == 1 and "is not a coach JSON export" in err
    mixed = tmp_path / "mixed.json"
    mixed.write_text(json.dumps({"format": "coach-export", "version": 1, "records": [
        {"uid": "u1", "kind": "session", "day": "2026-11-01", "utc": "2026-11-01T07:00:00Z",
         "routine": "r", "event": "started"},
        {"uid": "u2", "kind": "session", "day": "not a day", "utc": "x"},
        "nonsense"]}))
    code, out, err = run("import", str(mixed))
    assert code == 0 and "Imported 1 record; 0 were already here." in out
    assert "2 records could not be read and were left out:" in err
    assert "record 2: day is not a date" in err and "record 3: not a record" in err


def test_csv_has_a_row_per_record_with_the_data(tmp_path: Path) -> None:
    records = seeded_store().records()
    code, out, _ = run("export", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == len(records)
    moods = [r for r in rows if r["type"] == "mood"]
    assert [r["rating"] for r in moods] == [str(n) for n in range(2, 9)]
    assert json.loads(moods[0]["data"])["note"] == "ok"


def test_markdown_weekly_summary_for_a_therapist(tmp_path: Path) -> None:
    seeded_store()
    code, out, _ = run("export", "--format", "markdown", "--since", "2026-11-16")
    assert code == 0
    assert "## Week of 16 November 2026 to 22 November" in out
    # Titles, not ids; Sunday (the CLI's today) is lived, so it counts.
    assert "- Morning routine: done on 7 of 7 scheduled days; habit strength 31%" in out
    assert "| Sun 22 | 8 | calm |" in out
    assert "| Walk 22 | 4 | yes | 7 | 5 |" in out
    assert "- thing 22 | \\[b]pipe\\[/]" in out  # user text cannot become formatting
    assert "Secret entry" not in out  # journal text only when asked for
    code, out, _ = run("export", "--format", "markdown", "--include-journal")
    assert "> Secret entry 22" in out and "What went well?" in out


def test_history_is_a_readable_log(tmp_path: Path) -> None:
    seeded_store()
    code, out, _ = run("history", "--days", "30", "--routine", "morning")
    assert code == 0
    assert "Sunday 22 November 2026" in out
    assert "  08:00  Morning routine: started" in out  # 07:00 UTC is 08:00 in Berlin
    assert "✓ Mood check-in: 8/10 · calm · \"ok\"" in out
    assert "✓ Three good things: thing 22 | [b]pipe[/]; tea" in out
    assert "journal" not in out.lower()
    code, out, _ = run("history", "--days", "1", "--routine", "nothing")
    assert out.strip() == "Nothing recorded of nothing in the last 1 day."


def test_doctor_finds_and_fixes_exposed_files(tmp_path: Path) -> None:
    seeded_store()
    path = data_dir() / "records-2026-11.json"
    path.chmod(0o644)
    code, out, _ = run("doctor")
    assert code == 1
    [path] = data_dir().glob("records-2026-11.*.json")  # this device's now: renamed
    assert f"✗ {path} (file, -rw-r--r--) is open to your group and every user" in out
    code, out, _ = run("doctor", "--fix")
    assert code == 0 and "made 1 path(s) private to you" in out and "All well." in out
    code, out, _ = run("doctor")
    assert code == 0 and "✓ private to you" in out


def test_doctor_repairs_a_damaged_file_and_says_so() -> None:
    seeded_store()
    path = data_dir() / "records-2026-11.json"
    path.write_bytes(path.read_bytes()[:-40])
    code, out, _ = run("doctor")
    assert code == 0
    # The file from before devices is this device's first (renamed), then repaired.
    assert "1 month file(s) named as this device's own" in out
    assert re.search(r"repaired: records-2026-11\.[a-z2-7]{8}\.json was damaged \(", out), out
    assert list(data_dir().glob("records-2026-11.*.json.damaged-*"))


def test_history_describes_timed_steps_and_distress() -> None:
    from coach.insight.history_text import describe_data

    assert describe_data("breathing", {"seconds": 4.2, "completed": False}) == "4 s"
    assert describe_data("pmr", {"seconds": 235.0, "distress_before": 6,
                                 "distress_after": 3}) == "4 min, distress 6 → 3"


def test_history_shows_a_lone_distress_rating() -> None:
    from coach.insight.history_text import describe_data

    assert describe_data("pmr", {"seconds": 15.0, "distress_after": 3}) == "15 s, distress 3"
