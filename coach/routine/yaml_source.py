"""Turn the bytes of a routine file into a YAML node tree, safely.

Nodes, not Python values: PyYAML's YAML 1.1 resolver would turn `7:30` into
450 and `no` into False before we could see what the person wrote. Each
node keeps its raw text and position, so the reader can interpret a value by
the type the field expects and point at it when it is wrong. Composing never
constructs objects, so tags such as `!!python/object` cannot run anything.
"""

from __future__ import annotations

import yaml

from coach.foundation.files import too_big
from coach.routine.kinds import MAX_NODES, ROUTINE_WORDS, FileWords, bare
from coach.routine.problems import ProblemList
from coach.foundation.visible import quoted

MAX_FILE_BYTES = 256 * 1024
ROUTINE_FILE = "a routine file"
#: Deeper than any routine needs, shallow enough that nothing recurses far.
MAX_DEPTH = 64


class NestedTooDeep(yaml.composer.ComposerError):
    """The document nests lists and mappings more than MAX_DEPTH levels deep."""


class TooManyValues(yaml.composer.ComposerError):
    """The document holds more than MAX_NODES values, far more than any routine."""


class _DepthLimitedComposer(yaml.composer.Composer):
    """PyYAML's composer, counting how deep it is and stopping past MAX_DEPTH.

    LibYAML's own composer recurses in C once per level with no limit: about
    40,000 levels crash the interpreter. This one stops at the first event
    past the limit, so the parser never reads further into deep input either.
    It also stops past MAX_NODES values: composing 256 KB of tiny values in
    Python took seconds, and no routine has more than a few hundred. PyYAML has
    no setting for either limit. Aliases need none here: composing makes each
    node once, however often it is named; the reader's own budget
    (kinds.Context.visit) stops a walk that aliases would make endless.
    """

    _depth = 0
    _nodes = 0

    def compose_node(self, parent: yaml.Node | None, index: object) -> yaml.Node:
        """PyYAML's Composer.compose_node, counting the nodes.

        An override that calls PyYAML's own, not a copy of it: a copy that peeked once
        and skipped the path resolvers composed 13% faster, which is 0.4 ms for the
        shipped routines and twenty of a person's own, and 7 ms for 256 KB of tiny
        values (2026-12-06, a 2-core AMD EPYC VM, Python 3.11.7, PyYAML 6.0.4 with
        LibYAML; CPU time in-process, median of 15 runs of each in turn)."""
        self._nodes += 1
        if self._nodes > MAX_NODES:
            raise TooManyValues(None, None, f"the file holds more than {MAX_NODES:,} values",
                                self.peek_event().start_mark)
        node: yaml.Node = super().compose_node(parent, index)
        return node

    def _enter(self) -> None:
        if self._depth >= MAX_DEPTH:
            raise NestedTooDeep(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                self.peek_event().start_mark)
        self._depth += 1

    # Only lists and mappings nest; scalars (most nodes) pass without a check.
    # On an error the loader is thrown away, so the count needs no unwinding.
    def compose_sequence_node(self, anchor: str | None) -> yaml.SequenceNode:
        self._enter()
        node = super().compose_sequence_node(anchor)
        self._depth -= 1
        return node

    def compose_mapping_node(self, anchor: str | None) -> yaml.MappingNode:
        self._enter()
        node = super().compose_mapping_node(anchor)
        self._depth -= 1
        return node


class _PythonLoader(_DepthLimitedComposer, yaml.SafeLoader):
    """The depth-limited composer on PyYAML's Python parser, which hands over each event as
    soon as it has it: so depth is counted, and located, from the first level."""


#: LibYAML's parser when PyYAML was built with it, else PyYAML's own, in Python: coach reads
#: every file the same way with either (tests/routine/test_without_libyaml.py). LibYAML's
#: is kept for speed: the shipped routines and twenty of a person's own compose in 3.7 ms
#: with it and 43 ms without, a sixth of the first paint (2026-12-06, a 2-core AMD EPYC
#: VM, Python 3.11.7, PyYAML 6.0.4; CPU time in-process, median of 9 runs of each in turn).
_Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = _PythonLoader
if yaml.__with_libyaml__:
    class _LibYAMLLoader(_DepthLimitedComposer, yaml.CSafeLoader):
        """Events from LibYAML's parser, nodes from the depth-limited composer.

        The composer comes first so its get_single_node (and compose_node) win over
        CParser's, which would compose in C without a limit (check: `_Loader.__mro__`).
        """

        def __init__(self, stream: str) -> None:
            yaml.CSafeLoader.__init__(self, stream)
            yaml.composer.Composer.__init__(self)

    _Loader = _LibYAMLLoader


def decode(data: bytes, problems: ProblemList, what: str = ROUTINE_FILE) -> str | None:
    """Decode UTF-8 (a BOM is allowed); report where a bad byte sits."""
    if len(data) > MAX_FILE_BYTES:
        problems.add(1, 1, too_big(len(data), MAX_FILE_BYTES, what))
        return None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        before = data[: err.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        problems.add(line, column, f"the file is not UTF-8 text (byte 0x{data[err.start]:02x} "
                     "here); save it as UTF-8 in your editor")
        return None


def compose(text: str, problems: ProblemList, *,
            words: FileWords = ROUTINE_WORDS) -> yaml.Node | None:
    """Compose one YAML document, or report why it cannot be read, in `words`.

    A routine file must hold something; a settings file may be empty (or all
    comments), which leaves every setting at its default.
    """
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        if not words.may_be_empty:
            problems.add(1, 1, "the file is empty; a routine needs at least a title and steps")
        return None
    try:
        try:
            node = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as err:
            if "exceeded maximum nesting depth" not in (err.problem or ""):
                raise
            # LibYAML from 0.2.6 (in PyYAML 6.0.3 and later) scans a thousand levels ahead
            # and stops there; the Python parser shows the composer each level as it comes,
            # so the person is pointed at the 65th level, as with any other LibYAML.
            node = yaml.compose(text, Loader=_PythonLoader)
        if node is None and not words.may_be_empty:
            problems.add(1, 1, "the file holds no YAML document; a routine needs at least a "
                         "title and steps")
        return node
    except NestedTooDeep as err:
        mark = err.problem_mark
        problems.add(mark.line + 1, mark.column + 1, f"{err.problem}; {words.needs_few}")
    except TooManyValues as err:
        mark = err.problem_mark
        problems.add(mark.line + 1, mark.column + 1, f"{err.problem}; {words.needs_fewer}")
    except yaml.MarkedYAMLError as err:
        _report_yaml_error(err, text, problems, words)
    except yaml.reader.ReaderError as err:
        before = text[: err.position]
        line = before.count("\n") + 1
        column = err.position - (before.rfind("\n") + 1) + 1
        problems.add(line, column, f"the file holds a character YAML does not allow "
                     f"(U+{ord(err.character) if isinstance(err.character, str) else err.character:04X}); "
                     "remove it")
    except yaml.YAMLError as err:  # errors without a position
        problems.add(1, 1, f"YAML could not be read: {bare(str(err))}")
    return None


def _report_yaml_error(err: yaml.MarkedYAMLError, text: str, problems: ProblemList,
                       words: FileWords) -> None:
    mark = err.problem_mark or err.context_mark
    line = mark.line + 1 if mark else 1
    column = mark.column + 1 if mark else 1
    problem = (err.problem or "").strip()
    lines = text.splitlines()
    bad_line = lines[mark.line] if mark and mark.line < len(lines) else ""

    if "\t" in problem or "tab" in problem or "\t" in bad_line[: max(column - 1, 0) + 1]:
        tab_at = bad_line.find("\t")
        if tab_at >= 0:
            column = tab_at + 1
        problems.add(line, column, "a tab is used for indentation; YAML needs spaces "
                     "(set your editor to insert spaces)")
        return
    if "expected a single document" in problem or "but found another document" in problem:
        problems.add(line, column, words.one_document)
        return
    if problem.startswith("found undefined alias"):
        name = _anchor_name(bad_line, mark.column + 1 if mark else 0)
        problems.add(line, column, f"the alias {quoted('*' + name)} has no anchor: define the "
                     "anchor (&name) before using it (*name)")
        return
    if err.context and err.context.startswith("found duplicate anchor") and err.context_mark:
        name = _anchor_name(bad_line, mark.column + 1 if mark else 0)
        problems.add(line, column, f"the anchor {quoted('&' + name)} is defined twice (first "
                     f"on line {err.context_mark.line + 1}); give one of them another name")
        return
    context = f" ({err.context.strip()})" if err.context else ""
    problems.add(line, column, f"YAML syntax error: {bare(problem + context, 200)}")


def _anchor_name(line: str, start: int) -> str:
    """The name of the anchor or alias whose '&' or '*' is just before `start` on `line`."""
    end = start
    while end < len(line) and not line[end].isspace() and line[end] not in ",[]{}":
        end += 1
    return line[start:end]
