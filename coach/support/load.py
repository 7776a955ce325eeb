"""Read support.yaml into a SupportPlan, with located problems; a broken plan never hides it.

The plan is what the person turns to on a hard day, so a typo must not take it
away: whenever support.yaml reads without errors and has something in it, a
private copy is kept in the data directory, and while the file is broken that
copy is shown with the problems. A plan emptied (a blank file, only comments,
`{}`) never replaces the copy: the copy is shown, said to be the saved one,
and `restore_last_good` puts it back. With no copy yet (or no support.yaml at all) the shipped example is
shown. The file is read like a routine: only an ordinary file of a sensible
size, composed with the same depth-bounded composer (tags refused, duplicate
keys refused, values read as written).
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Literal

import yaml

from coach.foundation.files import UnusableFile, atomic_write, read_kept_copy, read_regular
from coach.foundation.paths import shipped_support_example, support_file, support_last_good_file
from coach.routine.kinds import INVALID, Context, FileWords, describe_node, is_null
from coach.routine.problems import Problem, ProblemList
from coach.support.plan import PLAN_RECORD, SupportPlan

SUPPORT_FILE = "a support plan"
Source = Literal["yours", "last good", "example"]

#: How problems speak of the plan.
SUPPORT_WORDS = FileWords(
    SUPPORT_FILE, "a support plan needs only a few", "a support plan needs far fewer",
    "a support plan is one YAML document; remove the extra '---'", may_be_empty=True)


@dataclass(frozen=True)
class PlanResult:
    """The plan to show, where it comes from, and what is wrong with support.yaml (if anything).

    `source` is "yours" (support.yaml), "last good" (the private copy of the
    last valid support.yaml, because support.yaml has errors, cannot be read or
    is `emptied`) or "example" (the shipped example: there is no support.yaml,
    or it is broken and no valid version was ever read). `path` is the file the
    plan shown was read from; problems name support.yaml. `saved_on` is the day
    the last good copy shown was saved.
    """

    plan: SupportPlan
    problems: tuple[Problem, ...] = field(default=())
    source: Source = "yours"
    path: Path = field(default_factory=support_file)
    emptied: bool = False
    saved_on: date | None = None
    #: What is shown is the shipped example's plan, not filled in yet: always so for the
    #: "example" source, and for support.yaml (or its last good copy) that holds the
    #: example's entries unchanged, whatever its notes, spacing or line endings.
    is_example: bool = False

    def __post_init__(self) -> None:
        if self.source == "example":
            object.__setattr__(self, "is_example", True)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)


def read_plan_bytes(data: bytes, path: Path | None) -> tuple[SupportPlan | None,
                                                              tuple[Problem, ...]]:
    """Check support-plan text: the plan when it has no errors (None otherwise), and every
    problem, located in `path`. An empty file (or only comments, or an empty document such
    as `---`, `null` or `{}`) is an empty plan."""
    from coach.routine.yaml_source import compose, decode

    problems = ProblemList(path)
    plan = None
    text = decode(data, problems, SUPPORT_FILE)
    node = compose(text, problems, words=SUPPORT_WORDS) if text is not None else None
    if node is not None and is_null(node):
        node = None
    if node is None:
        plan = SupportPlan() if text is not None and not problems.items else None
    else:
        ctx = Context(problems, SUPPORT_WORDS)
        if ctx.visit(node):
            if not isinstance(node, yaml.MappingNode):
                ctx.error(node, "the top level of a support plan is key: value lines "
                          f"(warning_signs:, coping:, ...), found {describe_node(node)}")
            else:
                value = PLAN_RECORD.read(node, ctx)
                plan = None if value is INVALID else value
    found = tuple(problems.items)
    if any(p.is_error for p in found):
        plan = None
    return plan, found


def read_plan_file(path: Path) -> tuple[SupportPlan | None, tuple[Problem, ...], bytes | None]:
    """read_plan_bytes on a file; anything but an ordinary file is one problem, never read."""
    from coach.routine.yaml_source import MAX_FILE_BYTES

    try:
        data = read_regular(path, MAX_FILE_BYTES, what=SUPPORT_FILE)
    except UnusableFile as err:
        return None, (Problem(path, 0, 0, err.reason),), None
    plan, problems = read_plan_bytes(data, path)
    return plan, problems, data


def load_support_plan() -> PlanResult:
    """The plan to show: the person's, else the last good copy, else the shipped example."""
    path = support_file()
    if not os.path.lexists(path):
        return _fallback((), path)
    plan, problems, data = read_plan_file(path)
    if plan is not None and data is not None and plan.is_empty():
        saved = last_good_result(problems)
        # The example, never filled in, is not "the last plan you saved".
        if saved is not None and not saved.plan.is_empty() and not saved.is_example:
            return dataclasses.replace(saved, emptied=True)
        return PlanResult(plan, problems, "yours", path)
    if plan is not None and data is not None:
        keep_last_good(data, plan)
        # Placed by the first run or `coach init` and not filled in yet: still the example,
        # and the person is gently asked to make it theirs.
        untouched = is_example_plan(plan)
        return PlanResult(plan, problems, "example" if untouched else "yours", path)
    return _fallback(problems, path)


def is_example_plan(plan: SupportPlan) -> bool:
    """Whether a plan holds just what the shipped example holds: copied, perhaps saved again by
    an editor, but not filled in. Compared entry by entry, so notes and spacing do not count."""
    try:
        return plan == load_example_plan()
    except RuntimeError:  # pragma: no cover - only a broken installation gets here
        return False


def load_example_plan() -> SupportPlan:
    """The shipped example, which is always valid (a test keeps it so)."""
    plan, problems, _ = read_plan_file(shipped_support_example())
    if plan is None:  # pragma: no cover - only a broken installation gets here
        raise RuntimeError(f"the shipped example plan is broken: {problems[0]}")
    return plan


def _fallback(problems: tuple[Problem, ...], path: Path) -> PlanResult:
    return last_good_result(problems) or PlanResult(
        load_example_plan(), problems, "example", shipped_support_example())


def last_good_result(problems: tuple[Problem, ...] = ()) -> PlanResult | None:
    """The last good copy as the plan to show, or None when there is none that reads."""
    last_good = support_last_good_file()
    data = _read_last_good(last_good)
    if data is None:
        return None
    plan, _ = read_plan_bytes(data, last_good)
    if plan is None:
        return None
    try:
        saved_on = datetime.fromtimestamp(os.lstat(last_good).st_mtime).date()
    except (OSError, ValueError, OverflowError):
        saved_on = None
    return PlanResult(plan, problems, "last good", last_good, saved_on=saved_on,
                      is_example=is_example_plan(plan))


def _read_last_good(path: Path) -> bytes | None:
    """The kept copy's bytes; nothing when it is missing, odd, or a link (never followed)."""
    from coach.routine.yaml_source import MAX_FILE_BYTES

    return read_kept_copy(path, MAX_FILE_BYTES, what=SUPPORT_FILE)


def keep_last_good(data: bytes, plan: SupportPlan) -> None:
    """Keep a private copy of a valid plan that has something in it (0600, atomic, replacing
    any link put in its place); if the data folder cannot be written, the plan still shows,
    only without a copy. An empty plan is never kept: the copy holds the person's contacts."""
    if plan.is_empty():
        return
    path = support_last_good_file()
    if _read_last_good(path) == data:
        return
    try:
        atomic_write(path, data, mode=0o600)
    except OSError:
        pass


def place_example_plan() -> bool:
    """On the first run: put the example plan at support.yaml (private, 0600) for the person
    to make their own, unless something is there already (a link included). False when
    nothing was placed."""
    target = support_file()
    if os.path.lexists(target):
        return False
    try:
        atomic_write(target, read_regular(shipped_support_example(), 1 << 20), mode=0o600)
    except (OSError, UnusableFile):
        return False  # the example is still what the support screen shows
    return True


class CannotRestore(Exception):
    """The last good plan was not put back; the message says why, in plain words."""


#: Where an emptied support.yaml that still held something (comments, `{}`) is kept when the
#: last good plan is put back in its place: beside it, so nothing typed there is lost.
EMPTIED_NAME = "support-emptied.yaml"


def restore_last_good() -> tuple[PlanResult, Path | None]:
    """Put the last good plan back at support.yaml, when support.yaml is missing or holds an
    empty plan: never over a plan or over a file with a mistake. What the emptied file held,
    if anything but white space, is kept beside it first. Returns the plan put back and
    where the emptied file was kept (None when it held nothing); raises CannotRestore."""
    saved = last_good_result()
    if saved is None or saved.plan.is_empty():
        raise CannotRestore("there is no saved plan to put back")
    path = support_file()
    data = b""
    if os.path.lexists(path):
        plan, problems, read = read_plan_file(path)
        if read is None or plan is None:
            raise CannotRestore(f"your {path.name} has a mistake, and coach does not write over "
                                "it; fix it with: coach edit support")
        if not plan.is_empty():
            raise CannotRestore(f"your {path.name} has a plan in it, and coach does not write "
                                "over it")
        data = read
    kept = None
    try:
        if data.strip():
            kept = path.with_name(EMPTIED_NAME)
            atomic_write(kept, data, mode=0o600)
        saved_data = _read_last_good(saved.path)
        if saved_data is None:
            raise CannotRestore("the saved plan could not be read")
        atomic_write(path, saved_data, mode=0o600)
    except OSError as err:
        raise CannotRestore(f"cannot write {err.filename or path}: "
                            f"{(err.strerror or str(err)).lower()}") from err
    return saved, kept
