"""`coach init` and `coach edit`: copying shipped routines, and the edit-check loop.

`coach edit` behaves like `crontab -e` and `visudo`: when the edited file is
invalid it shows the problems and offers to reopen the file at the first one,
to keep it as it is, or to go back to how it was before the edit.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.cli.output import CoachError, echo
from coach.cli.editor import NoEditorError, editor_command, open_at_line
from coach.foundation.files import UnusableFile, atomic_write, read_regular
from coach.foundation.paths import (
    ROUTINE_SUFFIXES,
    SCHEMA_FILE_NAME,
    shipped_routines_dir,
    user_routines_dir,
)
from coach.routine import last_good
from coach.routine.catalog import load_catalog, routine_files, scan_folder
from coach.routine.loader import LoadResult, load_routine_bytes, load_routine_file
from coach.routine.problems import Problem
from coach.routine.schema import routine_schema_json
from coach.routine.yaml_source import MAX_FILE_BYTES, ROUTINE_FILE
from coach.foundation.visible import quoted

if TYPE_CHECKING:
    from coach.config.settings import Settings


def ensure_schema_file(directory: Path, name: str = SCHEMA_FILE_NAME,
                       schema_json: Callable[[], str] = routine_schema_json) -> Path:
    """Keep routine.schema.json (or another schema) beside the user's files, for the editor
    modeline."""
    path = directory / name
    text = schema_json().encode()
    try:
        current: bytes | None = read_regular(path, 2 * len(text))
    except UnusableFile:
        current = None
    if current != text:
        try:
            atomic_write(path, text, mode=0o644)
        except OSError:
            pass  # only a help for editors (a folder in its way?): coach works without it
    return path


def copy_shipped_routines(confirm_overwrite: Callable[[Path], bool],
                          echo: Callable[[str], None]) -> None:
    """Copy each shipped routine into the person's folder; CoachError if that folder is unusable."""
    target_dir = usable_routines_dir()
    sources = routine_files(shipped_routines_dir())
    echo(f"Your routines folder: {target_dir}")
    for source in sources:
        target = target_dir / source.name
        try:
            data = read_routine(source)
            current = read_routine(target)
        except UnusableFile as err:
            echo(f"  {err.path.name}: left as it is: {err.reason}")
            continue
        if current == data:
            echo(f"  {target.name}: already there")
            continue
        if current is not None and not confirm_overwrite(target):
            continue
        write_routine(target, data)
        echo(f"  {target.name}: copied")
    ensure_schema_file(target_dir)
    if sources:
        echo(f"Edit one with: coach edit {sources[0].stem}")


def usable_routines_dir() -> Path:
    """The person's routines folder, or CoachError saying why it cannot be written to."""
    directory = user_routines_dir()
    problem = scan_folder(directory).problem
    if problem is not None:
        raise CoachError(str(problem))
    return directory


def read_routine(path: Path, max_bytes: int = MAX_FILE_BYTES) -> bytes | None:
    """A routine file's bytes, or None when nothing is there; UnusableFile for anything odd."""
    try:
        return read_regular(path, max_bytes, what=ROUTINE_FILE)
    except UnusableFile as err:
        if err.missing:
            return None
        raise


def write_routine(path: Path, data: bytes) -> None:
    _write(path, data, 0o644)


def write_private(path: Path, data: bytes) -> None:
    """settings.yaml and support.yaml are the person's only: the plan holds their contacts,
    and a reminder command may hold a topic name that lets anyone send to their phone."""
    _write(path, data, 0o600)


def _write(path: Path, data: bytes, mode: int) -> None:
    """Write a file the person edits, atomically; CoachError saying why it cannot be."""
    try:
        atomic_write(path, data, mode=mode, follow_link=True)
    except OSError as err:
        raise CoachError(f"cannot write {path}: {(err.strerror or str(err)).lower()}") from err


def find_routine_file(routine_id: str) -> tuple[Path | None, Path | None]:
    """(the user's file for this id, a shipped file to copy from), either may be None.

    A user file named after the id wins even when it is broken (even when it is
    a broken link or a folder), so a broken edit is fixed in place and never
    replaced by a fresh copy.
    """
    user_dir = user_routines_dir()
    for suffix in ROUTINE_SUFFIXES:
        candidate = user_dir / f"{routine_id}{suffix}"
        if os.path.lexists(candidate):
            return candidate, None
    catalog = load_catalog()
    routine = catalog.routines.get(routine_id)
    if routine is None or routine.source is None:
        return None, None
    if routine.shipped:
        return None, routine.source
    return routine.source, None


def edit_routine(routine_id: str) -> int:
    return reporting_errors(lambda: _edit_routine(routine_id))


def reporting_errors(edit: Callable[[], int]) -> int:
    """Run an edit; a file or folder that cannot be used is said in one line, status 1."""
    try:
        return edit()
    except UnusableFile as err:
        echo(f"coach edit: {err}", err=True)
        return 1
    except CoachError as err:
        echo(f"coach edit: {err.message}", err=True)
        return 1


def _edit_routine(routine_id: str) -> int:
    user_file, shipped_file = find_routine_file(routine_id)
    if user_file is None and shipped_file is None:
        known = ", ".join(sorted(load_catalog().routines)) or "none yet"
        echo(f"No routine {quoted(routine_id)}. Your routines: {known}.", err=True)
        return 1
    if user_file is None:
        assert shipped_file is not None
        user_file = usable_routines_dir() / f"{routine_id}{shipped_file.suffix}"
        write_routine(user_file, read_routine(shipped_file) or b"")
        echo(f"Copied the shipped routine to {user_file}")
    # A file too big to load can still be opened to shorten it, and reverted.
    before = read_routine(user_file, 16 * MAX_FILE_BYTES)
    if before is None:
        raise UnusableFile(user_file, "there is no such file")
    if load_routine_bytes(before, user_file).routine is not None:
        last_good.keep(user_file.name, before)  # so a broken edit still leaves this version
    ensure_schema_file(user_file.parent)

    def check(path: Path) -> tuple[tuple[Problem, ...], str | None]:
        result = load_routine_file(path)
        if result.routine is not None and result.data is not None:
            last_good.keep(path.name, result.data)
        valid = _valid_message(result, path)
        left_out = scan_folder(path.parent).left_out
        if valid and left_out and path.name in left_out.names:
            valid += f" The routine file {path.name} is left out. {left_out}"
        return result.problems, valid

    def while_broken() -> str:
        """What the app and every command say of the file now, in their words."""
        failures = [f for f in load_catalog().failures if f.path == user_file]
        return failures[0].notice() if failures else \
            f"coach leaves it out until it is fixed (coach edit {routine_id})"

    return edit_and_check(user_file, before, check, write_routine, while_broken)


def edit_and_check(path: Path, before: bytes,
                   check: Callable[[Path], tuple[tuple[Problem, ...], str | None]],
                   write: Callable[[Path, bytes], None],
                   while_broken: str | Callable[[], str]) -> int:
    """Open `path` in the editor, then check it with `check` (its problems, and a message
    when it is valid); while it has errors, ask: edit again at the first, keep it (and say
    `while_broken`, or what it returns), or write `before` back. 0 when the file ends valid
    or reverted."""
    try:
        command = editor_command()
    except NoEditorError as err:
        echo(f"coach edit: {err}", err=True)
        return 1
    line: int | None = None
    while True:
        try:
            status = subprocess.call(open_at_line(command, path, line))
        except OSError as err:
            echo(f"coach edit: could not start the editor {command[0]!r}: "
                       f"{err.strerror or err}", err=True)
            return 1
        if status != 0:
            echo(f"The editor exited with status {status}.", err=True)
        problems, valid = check(path)
        for warning in problems:
            if not warning.is_error:
                echo(str(warning))
        if valid is not None:
            echo(valid)
            return 0
        errors = [problem for problem in problems if problem.is_error]
        for problem in errors:
            echo(str(problem))
        choice = _ask_what_now()
        if choice == "e":
            line = errors[0].line if errors else None
            continue
        if choice == "r":
            write(path, before)
            echo(f"{path} is back as it was before this edit.")
            return 0
        said = while_broken if isinstance(while_broken, str) else while_broken()
        echo(f"{path} is kept as it is; {said}.")
        return 1


def _valid_message(result: LoadResult, path: Path) -> str | None:
    routine = result.routine
    if routine is None:
        return None
    steps = len(routine.steps)
    return f"{path} is valid: {routine.title}, {steps} step{'s' if steps != 1 else ''}."


def _ask_what_now() -> str:
    """Ask how to go on; with no one to answer (no input), keep the file."""
    try:
        return click.prompt("What now? (e)dit again, (k)eep it as it is, (r)evert to before "
                            "this edit", type=click.Choice(["e", "k", "r"]), default="e",
                            show_choices=False)
    except click.Abort:
        echo()
        return "k"


def edit_settings() -> int:
    """`coach edit settings`: create settings.yaml from the commented template if missing,
    open it, check it as coach reads it."""
    return reporting_errors(_edit_settings)


def _edit_settings() -> int:
    from coach.config.settings import load_settings, settings_file, settings_template

    path = settings_file()
    try:  # as big as a routine file may be, and a little more to shorten it
        before: bytes | None = read_regular(path, 16 * MAX_FILE_BYTES, what="a settings file")
    except UnusableFile as err:
        if not err.missing:
            raise
        before = None
    if before is None:
        before = settings_template().encode()
        write_private(path, before)
        echo(f"Made {path} with every setting commented out")

    had_changed = _changed_settings(load_settings(path)[0])

    def check(edited: Path) -> tuple[tuple[Problem, ...], str | None]:
        if not os.path.lexists(edited):
            return (), (f"There is no settings file now ({edited} was deleted), so coach uses "
                        "the usual value of every setting (the defaults) the next time it "
                        "opens. 'coach edit settings' makes the commented template again.")
        settings, problems = load_settings(edited)
        if any(problem.is_error for problem in problems):
            return problems, None
        changed = _changed_settings(settings)
        if changed:
            return problems, (f"{edited} is valid: {_settings(changed)} changed from the "
                              "usual. coach uses them the next time it opens.")
        try:
            empty = not read_regular(edited, MAX_FILE_BYTES).strip()
        except UnusableFile:
            empty = False
        state = "is empty" if empty else "changes no setting" + (" now" if had_changed else "")
        if had_changed:
            return problems, (f"{edited} {state}, so the {_settings(had_changed)} it changed go "
                              "back to their usual values (the defaults) the next time coach "
                              "opens.")
        return problems, (f"{edited} {state}: coach uses the usual value of every setting "
                          "(the defaults).")

    return edit_and_check(path, before, check, write_private,
                          "coach uses the usual value for each setting with a mistake until it "
                          "is fixed (coach edit settings)")


def _changed_settings(settings: Settings) -> int:
    """How many settings differ from their usual values."""
    from coach.config.settings import Settings

    usual = Settings()
    return sum(getattr(settings, name) != getattr(usual, name)
               for name in Settings.__dataclass_fields__)


def _settings(count: int) -> str:
    return f"{count} setting{'s' if count != 1 else ''}"
