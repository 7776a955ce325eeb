"""The routine cache: the same catalog as reading the files, never stale, never trusted blindly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import orjson
import pytest

from coach.routine import cache
from coach.routine import catalog as catalog_module
from coach.routine.catalog import Catalog, RoutineDir, load_catalog, scan_folder

MOOD = "steps:\n  - type: mood\n"
README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files a test has just written count as settled (coach waits two seconds)."""
    monkeypatch.setattr(cache, "RACY_NS", 0)


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the times the routine files are read rather than taken from the cache."""
    calls: list[int] = []
    real = catalog_module._load_dirs

    def counting(dirs):  # type: ignore[no-untyped-def]
        calls.append(1)
        return real(dirs)

    monkeypatch.setattr(catalog_module, "_load_dirs", counting)
    return calls


def write(directory: Path, name: str, text: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def cache_file(coach_dirs: dict[str, Path]) -> Path:
    return coach_dirs["data"] / "cache" / "routines.json"


def every_step_type() -> str:
    section = README.read_text(encoding="utf-8").split("### The format", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert example
    return example.group(1)


def test_a_second_load_is_the_same_catalog_without_reading_the_files(
        settled: None, reads: list[int], coach_dirs: dict[str, Path]) -> None:
    write(coach_dirs["routines"], "everything.yaml", every_step_type())
    write(coach_dirs["routines"], "walk.yaml", "title: Walk\nschedule: {at: '7:15 pm', days: "
          "[mon, fri]}\n" + MOOD)
    first = load_catalog()
    second = load_catalog()
    assert reads == [1]
    assert second == first
    # Every field, the file and shipped flag included, with the same types (5 is not 5.0).
    assert repr(second) == repr(first)
    assert [(r.source, r.shipped) for r in second.routines.values()] == \
        [(r.source, r.shipped) for r in first.routines.values()]
    assert {r.source.name for r in second.routines.values() if not r.shipped} == \
        {"everything.yaml", "walk.yaml"}


def test_the_cache_is_private(settled: None, coach_dirs: dict[str, Path]) -> None:
    load_catalog()
    path = cache_file(coach_dirs)
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert coach_dirs["data"].stat().st_mode & 0o777 == 0o700


def test_a_changed_added_or_removed_file_is_read_again(
        settled: None, reads: list[int], coach_dirs: dict[str, Path]) -> None:
    walk = write(coach_dirs["routines"], "walk.yaml", "title: Walk\n" + MOOD)
    assert load_catalog().routines["walk"].title == "Walk"
    info = walk.stat()
    write(coach_dirs["routines"], "walk.yaml", "title: Talk\n" + MOOD)  # the same size
    os.utime(walk, ns=(info.st_atime_ns, info.st_mtime_ns))  # and the same mtime
    assert load_catalog().routines["walk"].title == "Talk"
    write(coach_dirs["routines"], "read.yaml", "title: Read\n" + MOOD)
    assert "read" in load_catalog().routines
    walk.unlink()
    assert "walk" not in load_catalog().routines
    assert len(reads) == 4


def test_a_broken_file_is_never_kept_and_always_reported(
        settled: None, reads: list[int], coach_dirs: dict[str, Path]) -> None:
    walk = write(coach_dirs["routines"], "walk.yaml", "title: Walk\n" + MOOD)
    load_catalog()
    walk.write_text("title: [Walk\n", encoding="utf-8")
    for _ in range(2):
        catalog = load_catalog()
        assert [failure.path for failure in catalog.failures] == [walk]
        assert "walk" not in catalog.routines
    assert len(reads) == 3


def test_a_last_good_version_is_still_kept(settled: None, coach_dirs: dict[str, Path]) -> None:
    walk = write(coach_dirs["routines"], "walk.yaml", "title: Walk\n" + MOOD)
    first = load_catalog()
    walk.write_text("title: [Walk\n", encoding="utf-8")
    second = load_catalog(previous=first)
    assert second.routines["walk"] == first.routines["walk"]
    assert second.kept_last_good == {"walk"}


def test_files_changed_in_the_last_two_seconds_are_not_kept(
        reads: list[int], coach_dirs: dict[str, Path]) -> None:
    write(coach_dirs["routines"], "walk.yaml", "title: Walk\n" + MOOD)
    load_catalog()
    load_catalog()
    assert not cache_file(coach_dirs).exists()
    assert len(reads) == 2


@pytest.mark.parametrize("damage", [
    b"", b"\x00\xff not json", b"[1, 2, 3]", b'{"key": 1}',
    "truncated",  # the first half of a real cache
    "foreign class",  # a class from outside the routine model
    "unknown field",  # a field the class does not have
])
def test_a_damaged_or_foreign_cache_is_ignored_and_rebuilt(
        damage: bytes | str, settled: None, reads: list[int],
        coach_dirs: dict[str, Path]) -> None:
    expected = load_catalog()
    path = cache_file(coach_dirs)
    good = path.read_bytes()
    if damage == "truncated":
        data = good[: len(good) // 2]
    elif damage == "foreign class":
        data = good.replace(b'"coach.routine.model:Routine"', b'"coach.store.store:Store"')
        assert data != good
    elif damage == "unknown field":
        data = good.replace(b'"reminders":', b'"run":', 1)
        assert data != good
    else:
        assert isinstance(damage, bytes)
        data = damage
    path.write_bytes(data)
    assert load_catalog() == expected
    assert len(reads) == 2
    assert path.read_bytes() == good  # rebuilt
    assert load_catalog() == expected
    assert len(reads) == 2


def test_only_the_kind_of_catalog_asked_for_is_taken_from_the_cache(
        settled: None, coach_dirs: dict[str, Path]) -> None:
    """The cache is handed the catalog's class, as it imports nothing of the catalog."""
    load_catalog()
    assert cache_file(coach_dirs).exists()

    class Other(Catalog):
        pass

    found = cache.cached_catalog(catalog_module.default_dirs(), lambda dirs: Other(),
                                 scan=scan_folder, kind=Other,
                                 cache_dir=cache_file(coach_dirs).parent)
    assert type(found) is Other


def test_a_cache_others_could_write_or_read_is_not_used(
        settled: None, reads: list[int], coach_dirs: dict[str, Path]) -> None:
    load_catalog()
    path = cache_file(coach_dirs)
    path.chmod(0o644)
    load_catalog()
    assert len(reads) == 2
    assert path.stat().st_mode & 0o777 == 0o600  # rewritten privately
    path.parent.chmod(0o777)
    load_catalog()
    load_catalog()
    assert len(reads) == 4  # neither read nor written in a folder others can write


def test_a_link_in_place_of_the_cache_is_never_followed(
        settled: None, reads: list[int], coach_dirs: dict[str, Path], tmp_path: Path) -> None:
    load_catalog()
    path = cache_file(coach_dirs)
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_bytes(path.read_bytes())
    elsewhere.chmod(0o600)
    path.unlink()
    path.symlink_to(elsewhere)
    load_catalog()
    assert len(reads) == 2
    assert not path.is_symlink()  # replaced by the cache itself
    assert elsewhere.read_bytes() == path.read_bytes()  # and the target left as it was


def test_a_value_the_cache_cannot_hold_exactly_is_not_kept(
        settled: None, coach_dirs: dict[str, Path]) -> None:
    catalog = Catalog(checked=1)
    catalog.warnings.append(object())  # type: ignore[arg-type]
    result = cache.cached_catalog([], lambda dirs: catalog, scan=scan_folder, kind=Catalog,
                                  cache_dir=coach_dirs["data"] / "cache")
    assert result is catalog
    assert not cache_file(coach_dirs).exists()


def test_the_key_holds_what_the_catalog_depends_on(
        settled: None, reads: list[int], coach_dirs: dict[str, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    directory = coach_dirs["routines"]
    write(directory, "walk.yaml", "title: Walk\n" + MOOD)
    assert load_catalog([RoutineDir(directory, False)]).routines["walk"].shipped is False
    assert load_catalog([RoutineDir(directory, True)]).routines["walk"].shipped is True
    monkeypatch.setattr(cache, "__version__", "99")
    load_catalog([RoutineDir(directory, True)])
    assert len(reads) == 3
    key = orjson.loads(cache_file(coach_dirs).read_bytes())["key"]
    assert key[1] == "99"
    assert any(name.endswith("cache.py") for name, _, _ in key[3])  # coach's own code


def test_a_warm_start_imports_no_yaml(coach_dirs: dict[str, Path]) -> None:
    """The shipped routines are old files: the first process keeps them, the second reads
    them from the cache, and with no settings.yaml, without PyYAML."""
    code = ("import sys\nfrom coach.routine.catalog import load_catalog\n"
            "from coach.settings import load_settings\n"
            "load_settings()\ncatalog = load_catalog()\n"
            "print(sorted(catalog.routines), 'yaml' in sys.modules)")
    env = {**os.environ, "COACH_DATA_DIR": str(coach_dirs["data"]),
           "COACH_CONFIG_DIR": str(coach_dirs["config"])}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True).stdout.strip() for _ in range(2)]
    shipped = sorted(load_catalog().routines)
    assert runs == [f"{shipped} True", f"{shipped} False"]
