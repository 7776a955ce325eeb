"""The catalog: shipped routines, the user's own replacing them, broken files reported."""

from __future__ import annotations

from pathlib import Path

from coach.foundation.paths import shipped_routines_dir
from coach.routine.catalog import RoutineDir, load_catalog
from coach.routine.loader import load_routine_file

MOOD = "steps:\n  - type: mood\n"


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_routines_are_valid_and_complete() -> None:
    for name in ("morning.yaml", "evening.yaml"):
        result = load_routine_file(shipped_routines_dir() / name, shipped=True)
        assert result.routine is not None, [str(p) for p in result.problems]
        assert not result.warnings
    morning = load_routine_file(shipped_routines_dir() / "morning.yaml").routine
    evening = load_routine_file(shipped_routines_dir() / "evening.yaml").routine
    assert morning is not None and evening is not None
    assert [s.type_name for s in morning.steps] == ["breathing", "gratitude", "activity_plan", "mood"]
    assert [s.type_name for s in evening.steps] == ["pmr", "activity_review", "journal", "mood"]


def test_user_routine_replaces_shipped_one_with_same_id(coach_dirs: dict[str, Path]) -> None:
    write(coach_dirs["routines"], "morning.yaml", "title: My mornings\n" + MOOD)
    catalog = load_catalog()
    assert catalog.routines["morning"].title == "My mornings"
    assert catalog.routines["morning"].shipped is False
    assert catalog.routines["evening"].shipped is True


def test_broken_file_is_reported_and_others_still_load(tmp_path: Path) -> None:
    directory = tmp_path / "r"
    write(directory, "a.yaml", "title: A\n" + MOOD)
    broken = write(directory, "b.yaml", "title: [B\n")
    write(directory, "c.yml", "title: C\n" + MOOD)
    catalog = load_catalog([RoutineDir(directory, False)])
    assert sorted(catalog.routines) == ["a", "c"]
    assert [f.path for f in catalog.failures] == [broken]
    assert catalog.failures[0].problems[0].line == 2


def test_broken_user_file_leaves_the_shipped_routine(coach_dirs: dict[str, Path]) -> None:
    write(coach_dirs["routines"], "morning.yaml", "title: [oops\n")
    catalog = load_catalog()
    assert catalog.routines["morning"].shipped is True
    assert len(catalog.failures) == 1


def test_two_files_with_one_id_in_a_folder(tmp_path: Path) -> None:
    directory = tmp_path / "r"
    write(directory, "a.yaml", "title: A\n" + MOOD)
    write(directory, "b.yaml", "id: a\ntitle: B\n" + MOOD)
    catalog = load_catalog([RoutineDir(directory, False)])
    assert catalog.routines["a"].title == "A"
    assert "also used by" in catalog.failures[0].problems[0].message


def test_hidden_files_backups_and_other_suffixes_are_ignored(tmp_path: Path) -> None:
    directory = tmp_path / "r"
    write(directory, "a.yaml", "title: A\n" + MOOD)
    write(directory, ".a.yaml.swp", "junk")
    write(directory, "a.yaml~", "junk")
    write(directory, "routine.schema.json", "{}")
    write(directory, "notes.txt", "junk")
    catalog = load_catalog([RoutineDir(directory, False)])
    assert list(catalog.routines) == ["a"]
    assert catalog.failures == []


def test_missing_user_folder_is_fine(coach_dirs: dict[str, Path]) -> None:
    assert not coach_dirs["routines"].exists()
    catalog = load_catalog()
    assert {"morning", "evening"} <= set(catalog.routines)
    assert catalog.failures == []


def test_ordered_by_time_of_day(tmp_path: Path) -> None:
    directory = tmp_path / "r"
    write(directory, "late.yaml", "title: Late\nschedule: {at: '22:00'}\n" + MOOD)
    write(directory, "free.yaml", "title: Any time\n" + MOOD)
    write(directory, "early.yaml", "title: Early\nschedule: {at: 6:15}\n" + MOOD)
    catalog = load_catalog([RoutineDir(directory, False)])
    assert [r.id for r in catalog.ordered()] == ["early", "late", "free"]


def test_a_broken_edit_keeps_the_last_good_version(coach_dirs: dict[str, Path]) -> None:
    path = write(coach_dirs["routines"], "morning.yaml", "title: Mine\n" + MOOD)
    first = load_catalog()
    assert first.routines["morning"].title == "Mine"
    path.write_text("title: Mine\nsteps:\n  - type: moood\n")
    second = load_catalog()
    assert second.routines["morning"].title == "Mine"  # not the shipped one
    assert second.kept_last_good == {"morning"}
    assert second.failures[0].problems[0].line == 3
    path.write_text("title: Fixed\n" + MOOD)
    third = load_catalog()
    assert third.routines["morning"].title == "Fixed" and not third.failures
