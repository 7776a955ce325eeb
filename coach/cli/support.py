"""`coach support`, and the support plan's part in `coach init`, `edit`, `validate`, `schema`.

support.yaml holds the person's contacts, so it is written 0600 (and any folder
made for it 0700), whatever the umask.
"""

from __future__ import annotations

import os
import shutil
import stat
import textwrap
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from coach.cli import cli
from coach.cli.edit import (edit_and_check, ensure_schema_file, reporting_errors,
                             write_private)
from coach.cli.output import CoachError, echo
from coach.foundation.files import UnusableFile, read_regular
from coach.foundation.paths import (
    SUPPORT_FILE_NAME,
    SUPPORT_SCHEMA_FILE_NAME,
    shipped_support_example,
    support_file,
)
from coach.routine.problems import Problem
from coach.support.plan import (
    EDIT_COMMAND as FIX,
    MAKE_IT_YOURS,
    NOT_FILLED_IN,
    SECTIONS,
    Contact,
    SupportPlan,
)

if TYPE_CHECKING:
    from coach.support.load import PlanResult

EMERGENCY = "In an emergency, call your local emergency number first."
RESTORE = "coach support --restore"
WIDTH = 80


@cli.command("support")
@click.option("--restore", is_flag=True,
              help="Put your last saved plan back in support.yaml, when it was emptied.")
def show_support(restore: bool) -> None:
    """Show your support plan: what you wrote to help yourself through a hard time.

    The plan lives in support.yaml in your config folder; change it with
    'coach edit support'.
    """
    from coach.support.load import load_support_plan

    if restore:
        restore_plan()
    result = load_support_plan()
    width = max(40, min(WIDTH, shutil.get_terminal_size((WIDTH, 24)).columns))
    for line in _notice(result):
        echo(line if line.startswith("  ") else "\n".join(textwrap.wrap(
            line, width - 1, break_long_words=False, break_on_hyphens=False)))  # paths whole
    for line in plan_lines(result.plan, width):
        echo(line)
    echo(EMERGENCY)


def restore_plan() -> None:
    """`coach support --restore`: the last saved plan back in support.yaml, and say so."""
    from coach.support.load import CannotRestore, restore_last_good

    try:
        saved, kept = restore_last_good()
    except CannotRestore as err:
        raise CoachError(f"the support plan was not restored: {err}") from err
    when = f", from {saved_day(saved.saved_on)}," if saved.saved_on else ""
    echo(f"Put your last saved plan{when} back in {support_file()}.")
    if kept is not None:
        echo(f"What the emptied file held is kept in {kept}.")
    echo("")


def saved_day(day: date) -> str:
    return f"{day:%-d %B %Y}"


def _notice(result: PlanResult) -> list[str]:
    errors = result.errors
    source, plan = result.source, result.plan
    lines: list[str] = []
    if result.emptied:
        when = f", from {saved_day(result.saved_on)}" if result.saved_on else ""
        lines.append(f"Your {SUPPORT_FILE_NAME} is empty, so this is the last plan you saved"
                     f"{when}, kept at {result.path}.")
        lines.append(f"Put it back with: {RESTORE}")
    elif errors and source == "last good":
        lines.append(f"Your {SUPPORT_FILE_NAME} has a mistake, so this is the last version of "
                     f"your plan that worked. Fix it with: {FIX}")
    elif errors:
        lines.append(f"Your {SUPPORT_FILE_NAME} has a mistake, so this is the example plan "
                     f"that comes with coach. Fix it with: {FIX}")
    elif result.is_example:
        lines.append(f"{NOT_FILLED_IN}: this is the example that comes with coach. "
                     f"{MAKE_IT_YOURS} {FIX}")
    elif plan.is_empty():
        lines.append(f"Your support plan is empty. Fill it in with: {FIX}")
    lines.extend(f"  {problem}" for problem in result.problems)
    if lines:
        lines.append("")
    return lines


def plan_lines(plan: SupportPlan, width: int = WIDTH) -> list[str]:
    """The plan as plain text: each section that has entries, under its heading, wrapped."""
    lines: list[str] = []
    for name, heading, _ in SECTIONS:
        entries = getattr(plan, name)
        if not entries:
            continue
        lines.append(heading)
        for entry in entries:
            text = _contact_text(entry) if isinstance(entry, Contact) else entry
            for paragraph in text.splitlines() or [""]:
                lines.extend(textwrap.wrap(paragraph, width - 1, initial_indent="  - ",
                                           subsequent_indent="    ", break_long_words=False,
                                           break_on_hyphens=False) or ["  -"])
        lines.append("")
    return lines


def _contact_text(contact: Contact) -> str:
    return f"{contact.name}: {contact.how}" if contact.how else contact.name


# -- support.yaml in init, edit, validate and schema -------------------------------------------

def ensure_support_schema(directory: Path) -> None:
    """Keep support.schema.json beside support.yaml, for the editor modeline."""
    from coach.support.schema import support_schema_json

    ensure_schema_file(directory, SUPPORT_SCHEMA_FILE_NAME, support_schema_json)


def _read_plan_file(path: Path) -> bytes | None:
    """support.yaml's bytes, None when nothing is there; UnusableFile for anything odd."""
    from coach.routine.yaml_source import MAX_FILE_BYTES
    from coach.support.load import SUPPORT_FILE

    try:
        return read_regular(path, 16 * MAX_FILE_BYTES, what=SUPPORT_FILE)
    except UnusableFile as err:
        if err.missing:
            return None
        raise


def copy_example_plan(confirm_overwrite: Callable[[Path], bool]) -> None:
    """`coach init`: put the example plan at support.yaml, never over a different one
    without asking."""
    target = support_file()
    try:
        example = read_regular(shipped_support_example(), 1 << 20)
        current = _read_plan_file(target)
    except UnusableFile as err:
        echo(f"Your support plan: {target}: left as it is: {err.reason}")
        return
    echo(f"Your support plan: {target}")
    if current == example:
        echo(f"  {target.name}: already there")
    elif current is None or confirm_overwrite(target):
        write_private(target, example)
        echo(f"  {target.name}: copied the example; make it yours with: {FIX}")
    ensure_support_schema(target.parent)


def edit_support_plan() -> int:
    """`coach edit support`: create it from the example if missing, open it, check it."""
    return reporting_errors(_edit_support_plan)


def _edit_support_plan() -> int:
    from coach.support.load import keep_last_good, last_good_result, read_plan_file

    path = support_file()
    before = _read_plan_file(path)
    if before is None:
        before = read_regular(shipped_support_example(), 1 << 20)
        write_private(path, before)
        echo(f"Copied the example support plan to {path}")
    plan, _, data = read_plan_file(path)
    if plan is not None and data is not None:
        keep_last_good(data, plan)  # so a broken edit still leaves this plan to show
    ensure_support_schema(path.parent)

    def check(edited: Path) -> tuple[tuple[Problem, ...], str | None]:
        _make_private(edited)
        plan, problems, data = read_plan_file(edited)
        if plan is None or data is None:
            return problems, None
        keep_last_good(data, plan)
        count = sum(len(getattr(plan, name)) for name, _, _ in SECTIONS)
        said = (f"{edited} is valid: {count} line{'s' if count != 1 else ''} in your support "
                "plan. See it with: coach support")
        saved = last_good_result() if plan.is_empty() else None
        if saved is not None and not saved.plan.is_empty():
            said += (f"\nYour plan is now empty; the last plan you saved is kept at "
                     f"{saved.path}. Put it back with: {RESTORE}")
        return problems, said

    return edit_and_check(path, before, check, write_private,
                          "coach shows the last version that worked until it is fixed "
                          f"({FIX})")


def _make_private(path: Path) -> None:
    """An editor that saves by writing a new file may leave it readable by others."""
    try:
        info = os.lstat(path)
        if stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) & 0o077:
            os.chmod(path, 0o600, follow_symlinks=False)
    except (OSError, NotImplementedError):
        pass


def validate_support_plan(path: Path, *, quiet_if_missing: bool) -> bool | None:
    """Check one support plan, printing PATH:LINE:COLUMN problems; True if valid, None when
    there is none and `quiet_if_missing`."""
    from coach.support.load import read_plan_file

    if quiet_if_missing and not os.path.lexists(path):
        return None
    plan, problems, _ = read_plan_file(path)
    for problem in problems:
        echo(str(problem))
    if plan is None:
        return False
    echo(f"{path}: the support plan is valid.")
    return True


def is_support_plan(path: Path) -> bool:
    return path.name == SUPPORT_FILE_NAME
