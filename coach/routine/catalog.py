"""The routines a person has: shipped ones, replaced by their own of the same id.

One broken file never hides the others: it is listed with its problems and
every other file still loads. A routines folder that cannot be read (a file
in its place, no permission, a symlink loop) is listed the same way. A folder
holding more than MAX_ROUTINE_FILES routine files is read up to that many, by
name, by the app, every command and the reminders alike; the rest are left
out, and all of them say so in the same words (LeftOut).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from coach.foundation.files import UnusableFile, list_folder
from coach.foundation.paths import ROUTINE_SUFFIXES, shipped_routines_dir, user_routines_dir
from coach.routine.loader import load_routine_file
from coach.routine.model import Routine
from coach.routine.problems import Problem


#: Far more than a person uses; reading thousands of files would stall the home screen
#: (2,000 small files: 0.8-1.4 s to read; 200: 0.03-0.07 s).
MAX_ROUTINE_FILES = 200


@dataclass(frozen=True)
class RoutineDir:
    path: Path
    shipped: bool


@dataclass(frozen=True)
class FileFailure:
    """A routine file that did not load, with everything wrong in it."""

    path: Path
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class LeftOut:
    """The routine files of a folder past the first MAX_ROUTINE_FILES by name, which
    nothing in coach reads."""

    directory: Path
    #: The last file read, and the names of those left out, in order.
    last_read: str
    names: tuple[str, ...]

    def __str__(self) -> str:
        total = MAX_ROUTINE_FILES + len(self.names)
        return (f"{self.directory}: it holds {total:,} routine files, and coach reads only the "
                f"first {MAX_ROUTINE_FILES} by name (to {self.last_read}): the other "
                f"{len(self.names):,} ({self.names[0]} to {self.names[-1]}) are left out, so "
                "they are not shown, cannot be started and send no reminders. Move the ones "
                "you do not use into another folder")


@dataclass
class Catalog:
    routines: dict[str, Routine] = field(default_factory=dict)
    failures: list[FileFailure] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    #: Folders with more routine files than coach reads.
    left_out: list[LeftOut] = field(default_factory=list)
    #: Routines whose file broke while coach was open: the last good version is kept.
    kept_last_good: set[str] = field(default_factory=set)
    #: How many files (and unreadable folders) were looked at.
    checked: int = 0

    def ordered(self) -> list[Routine]:
        """Scheduled routines by time of day, then the rest by title."""
        return sorted(self.routines.values(), key=_order_key)


def _order_key(routine: Routine) -> tuple[int, str, str]:
    if routine.schedule is None:
        return (24 * 60, routine.title.lower(), routine.id)
    at = routine.schedule.at
    return (at.hour * 60 + at.minute, routine.title.lower(), routine.id)


def default_dirs() -> list[RoutineDir]:
    """Shipped routines first, so the user's own replace them."""
    return [RoutineDir(shipped_routines_dir(), True), RoutineDir(user_routines_dir(), False)]


def routine_files(directory: Path) -> list[Path]:
    """The routine files in a directory, skipping hidden files and editor leftovers.

    Everything named like a routine file is listed, even a folder, a FIFO or a
    broken link, so that loading it says what is wrong instead of hiding it.
    """
    return scan_folder(directory).paths


class FolderScan(NamedTuple):
    #: The routine files coach reads: the first MAX_ROUTINE_FILES by name.
    paths: list[Path]
    #: Why the folder cannot be read, if it cannot.
    problem: Problem | None = None
    left_out: LeftOut | None = None


def scan_folder(directory: Path) -> FolderScan:
    """The routine files in a directory that coach reads, and what is wrong with the
    directory or left out of it, if anything.

    A folder that does not exist is no problem: it simply holds no routines yet.
    """
    try:
        names = list_folder(directory)
    except UnusableFile as err:
        if err.missing:
            return FolderScan([])
        return FolderScan([], Problem(directory, 0, 0, f"{err.reason}; coach reads routine "
                                      "files from this folder"))
    paths = sorted(
        directory / name for name in names
        if name.endswith(ROUTINE_SUFFIXES) and not name.startswith((".", "#"))
    )
    if len(paths) <= MAX_ROUTINE_FILES:
        return FolderScan(paths)
    read = paths[:MAX_ROUTINE_FILES]
    return FolderScan(read, None, LeftOut(directory, read[-1].name,
                                          tuple(p.name for p in paths[MAX_ROUTINE_FILES:])))


def load_catalog(dirs: Sequence[RoutineDir] | None = None, *,
                 previous: Catalog | None = None) -> Catalog:
    """Load every routine; with `previous`, a file broken since keeps its last good version.

    Every file is read each time: the shipped routines and twenty of a person's own take
    about 12 ms (coach kept a cache of them until 2026-12-06: it saved 12-23 ms of a
    255-270 ms first paint, too little to be worth 320 lines; see the commit)."""
    catalog = _load_dirs(dirs if dirs is not None else default_dirs())
    if previous is not None:
        _keep_last_good(catalog, previous)
    return catalog


def _load_dirs(dirs: Sequence[RoutineDir]) -> Catalog:
    catalog = Catalog()
    for directory in dirs:
        _load_dir(catalog, directory, _scan_into(catalog, directory.path))
    return catalog


def _keep_last_good(catalog: Catalog, previous: Catalog) -> None:
    broken = {failure.path for failure in catalog.failures}
    for routine in previous.routines.values():
        if routine.source in broken or routine.source and routine.source.parent in broken:
            current = catalog.routines.get(routine.id)
            if current is None or current.shipped and not routine.shipped:
                catalog.routines[routine.id] = routine
                catalog.kept_last_good.add(routine.id)


def load_files(paths: Iterable[Path], *, shipped: bool = False) -> Catalog:
    """A catalog of just these files, and of the routine files in these folders (for
    `coach validate PATH ...`)."""
    catalog = Catalog()
    files: list[Path] = []
    for path in paths:
        if not os.path.isdir(path):
            files.append(path)  # anything else (a FIFO, a loop) is for the loader to refuse
            continue
        files.extend(_scan_into(catalog, path))
    _load_dir(catalog, RoutineDir(Path("."), shipped), files)
    return catalog


def _scan_into(catalog: Catalog, directory: Path) -> list[Path]:
    """The routine files in `directory`; a folder that cannot be read becomes a failure."""
    paths, problem, left_out = scan_folder(directory)
    if problem is not None:
        catalog.failures.append(FileFailure(directory, (problem,)))
        catalog.checked += 1
    if left_out is not None:
        catalog.left_out.append(left_out)
    return paths


def left_out_file(catalog: Catalog, routine_id: str) -> LeftOut | None:
    """The notice of the folder that holds a file named after `routine_id` which coach
    leaves out, if one does."""
    names = {f"{routine_id}{suffix}" for suffix in ROUTINE_SUFFIXES}
    return next((left for left in catalog.left_out if names & set(left.names)), None)


def _load_dir(catalog: Catalog, directory: RoutineDir, paths: list[Path]) -> None:
    seen_here: dict[str, Path] = {}
    catalog.checked += len(paths)
    for path in paths:
        result = load_routine_file(path, shipped=directory.shipped)
        catalog.warnings.extend(result.warnings)
        routine = result.routine
        if routine is None:
            catalog.failures.append(FileFailure(path, result.errors))
            continue
        if routine.id in seen_here:
            other = seen_here[routine.id]
            catalog.failures.append(FileFailure(path, (Problem(
                path, 1, 1, f"routine id {routine.id!r} is also used by {other}; "
                "give one of them another 'id:' or file name"),)))
            continue
        seen_here[routine.id] = path
        catalog.routines[routine.id] = routine
