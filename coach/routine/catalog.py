"""The routines a person has: shipped ones, replaced by their own of the same id.

One broken file never hides the others: it is listed with its problems and
every other file still loads. A routines folder that cannot be read (a file
in its place, no permission, a symlink loop) is listed the same way. A folder
holding more than MAX_ROUTINE_FILES routine files is read up to that many, by
name, by the app, every command and the reminders alike; the rest are left
out, and all of them say so in the same words (LeftOut).

While one of the person's files has a mistake, coach uses its last good version
(coach.routine.last_good), or else the shipped routine of its name; the app, every
command and the reminders say so in the same words (FileFailure.notice).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from coach.foundation.files import UnusableFile, list_folder
from coach.foundation.paths import ROUTINE_SUFFIXES, shipped_routines_dir, user_routines_dir
from coach.foundation.sync_copies import is_conflict_copy
from coach.routine import last_good
from coach.routine.kinds import slugify
from coach.routine.loader import load_routine_bytes, load_routine_file
from coach.routine.model import Routine, editable_by_name
from coach.routine.problems import Problem


#: Far more than a person uses; reading thousands of files would stall the home screen
#: (2,000 small files: 0.8-1.4 s to read; 200: 0.03-0.07 s).
MAX_ROUTINE_FILES = 200


@dataclass(frozen=True)
class RoutineDir:
    path: Path
    shipped: bool


#: What coach uses while a file has a mistake: its last good version, the shipped routine
#: of its name, or nothing.
Instead = Literal["last good", "shipped", ""]


@dataclass(frozen=True)
class FileFailure:
    """A routine file (or folder of them) that did not load, with everything wrong in it."""

    path: Path
    problems: tuple[Problem, ...]
    instead: Instead = ""
    folder: bool = False

    def notice(self) -> str:
        """What is wrong and where, and what coach uses meanwhile: the one sentence the app,
        every command and the reminders say of it."""
        errors = [p for p in self.problems if p.is_error] or list(self.problems)
        lines = [p.line for p in errors if p.line]
        name = self.path.name
        if not lines:
            what = f"{name} cannot be read"
        elif len(errors) == 1:
            what = f"{name} has a mistake on line {lines[0]}"
        else:
            what = f"{name} has {len(errors)} mistakes, the first on line {min(lines)}"
        if self.instead == "last good":
            uses = ("the last good versions of the routines in it" if self.folder
                    else "its last good version")
        elif self.instead == "shipped":
            uses = "the shipped routine of that name"
        else:
            uses = ""
        meanwhile = (f"coach uses {uses}" if uses else
                     "coach reads none of the routines in it" if self.folder else
                     "coach leaves it out")
        fix = (f" (coach edit {self.path.stem})"
               if not self.folder and editable_by_name(self.path) else "")
        return f"{what}, so {meanwhile} until it is fixed{fix}"


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
    #: Routines whose file has a mistake, used as they last read without one.
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
        and not is_conflict_copy(name)  # never picked silently: doctor and the app name it
    )
    if len(paths) <= MAX_ROUTINE_FILES:
        return FolderScan(paths)
    read = paths[:MAX_ROUTINE_FILES]
    return FolderScan(read, None, LeftOut(directory, read[-1].name,
                                          tuple(p.name for p in paths[MAX_ROUTINE_FILES:])))


def load_catalog(dirs: Sequence[RoutineDir] | None = None) -> Catalog:
    """Load every routine; a file of the person's with a mistake is replaced by its last
    good version, kept each time it reads well.

    Every file is read each time: the shipped routines and twenty of a person's own take
    about 12 ms (coach kept a cache of them until 2026-12-06: it saved 12-23 ms of a
    255-270 ms first paint, too little to be worth 320 lines; see the commit)."""
    catalog = Catalog()
    own: list[FileFailure] = []
    names: set[str] | None = None  # of the person's files: None when there is no folder of them
    for directory in dirs if dirs is not None else default_dirs():
        before = len(catalog.failures)
        paths = _scan_into(catalog, directory.path)
        _load_dir(catalog, directory, paths, keep=not directory.shipped)
        if not directory.shipped:
            own.extend(catalog.failures[before:])
            names = (names or set()) | {path.name for path in paths}
    if names is not None and not any(failure.folder for failure in own):
        last_good.forget_all_but(names)  # a folder that cannot be read keeps its copies
    catalog.failures = [_instead(catalog, failure) if failure in own else failure
                        for failure in catalog.failures]
    return catalog


def _instead(catalog: Catalog, failure: FileFailure) -> FileFailure:
    """The failure, saying what coach uses in its place; its last good version is put in
    the catalog, unless the routine comes from another of the person's files."""
    names = last_good.kept_names() if failure.folder else [failure.path.name]
    instead: Instead = ""
    for name in names:
        data = last_good.kept_copy(name)
        if data is None:
            continue
        source = failure.path / name if failure.folder else failure.path
        routine = load_routine_bytes(data, source).routine
        if routine is None:
            continue
        current = catalog.routines.get(routine.id)
        if current is None or current.shipped:
            catalog.routines[routine.id] = routine
            catalog.kept_last_good.add(routine.id)
            instead = "last good"
    if not instead and not failure.folder:
        current = catalog.routines.get(slugify(failure.path.stem))
        if current is not None and current.shipped:
            instead = "shipped"
    return dataclasses.replace(failure, instead=instead)


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
        catalog.failures.append(FileFailure(directory, (problem,), folder=True))
        catalog.checked += 1
    if left_out is not None:
        catalog.left_out.append(left_out)
    return paths


def left_out_file(catalog: Catalog, routine_id: str) -> LeftOut | None:
    """The notice of the folder that holds a file named after `routine_id` which coach
    leaves out, if one does."""
    names = {f"{routine_id}{suffix}" for suffix in ROUTINE_SUFFIXES}
    return next((left for left in catalog.left_out if names & set(left.names)), None)


def _load_dir(catalog: Catalog, directory: RoutineDir, paths: list[Path], *,
              keep: bool = False) -> None:
    """Load the files of one folder; with `keep`, keep a copy of each that reads well."""
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
        if keep and result.data is not None:
            last_good.keep(path.name, result.data)
