"""Read a routine file into a Routine, or into located problems; never both wrong."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from coach.foundation.files import UnusableFile, read_regular
from coach.routine.kinds import INVALID, Context, describe_node, slugify
from coach.routine.model import RESERVED_IDS, ROUTINE_RECORD, Routine, editable_by_name
from coach.routine.problems import Problem, ProblemList
from coach.routine.yaml_source import MAX_FILE_BYTES, ROUTINE_FILE, compose, decode
from coach.foundation.visible import quoted


@dataclass(frozen=True)
class LoadResult:
    """A routine when the file is valid; its problems (errors and warnings) always."""

    routine: Routine | None
    problems: tuple[Problem, ...] = field(default=())
    #: The bytes read, when the file could be read.
    data: bytes | None = field(default=None, repr=False, compare=False)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.is_error)

    @property
    def warnings(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if not p.is_error)


def load_routine_file(path: Path, *, shipped: bool = False) -> LoadResult:
    """Read and check one routine file; anything but an ordinary file of a sensible size
    (a folder, a FIFO, a device, a symlink loop) is a problem, never read."""
    try:
        data = read_regular(path, MAX_FILE_BYTES, what=ROUTINE_FILE)
    except UnusableFile as err:
        return LoadResult(None, (Problem(path, 0, 0, err.reason),))
    return load_routine_bytes(data, path, shipped=shipped)


def load_routine_bytes(data: bytes, path: Path | None = None, *,
                       shipped: bool = False) -> LoadResult:
    """Check routine text; nothing is loaded unless the whole file is valid."""
    problems = ProblemList(path)
    routine = _read(data, path, problems)
    if problems.has_errors:
        routine = None
    elif routine is not None:
        routine = dataclasses.replace(routine, source=path, shipped=shipped)
    return LoadResult(routine, tuple(problems.items), data)


def _read(data: bytes, path: Path | None, problems: ProblemList) -> Routine | None:
    if path is not None and not editable_by_name(path):
        word = path.stem.lower()
        problems.add(0, 0, f"a routine file cannot be called {path.name}: 'coach edit {word}' "
                     f"opens {RESERVED_IDS[word]}, never this file; rename it, for example to "
                     f"{word}-routine{path.suffix}")
    text = decode(data, problems)
    if text is None:
        return None
    node = compose(text, problems)
    if node is None:
        return None
    ctx = Context(problems)
    if not ctx.visit(node):
        return None
    if not isinstance(node, yaml.MappingNode):
        ctx.error(node, "the top level of a routine file is key: value lines "
                  f"(title:, steps:, ...), found {describe_node(node)}")
        return None
    routine = ROUTINE_RECORD.read(node, ctx)
    if routine is INVALID:
        return None
    if routine.id in RESERVED_IDS:
        ctx.error(_id_node(node) or node, f"a routine cannot have the id {quoted(routine.id)}: "
                  f"'coach edit {routine.id}' opens {RESERVED_IDS[routine.id]}, never this "
                  f"routine; choose another, for example 'id: {routine.id}-routine'")
        return None
    if not routine.id:
        stem = path.stem if path is not None else ""
        routine_id = slugify(stem)
        if routine_id != stem.lower() or not routine_id:
            ctx.error(node, f"the file name {quoted(stem)} does not make an id; add a line such as "
                      f"'id: {routine_id or 'my-routine'}'")
            return None
        routine = dataclasses.replace(routine, id=routine_id)
    return routine


def _id_node(node: yaml.MappingNode) -> yaml.Node | None:
    """The value of the file's `id:` line, to point at."""
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode) and key.value == "id":
            return value  # type: ignore[no-any-return]
    return None
