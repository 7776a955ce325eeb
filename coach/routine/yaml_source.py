"""Turn the bytes of a routine file into a YAML node tree, safely.

Nodes, not Python values: PyYAML's YAML 1.1 resolver would turn `7:30` into
450 and `no` into False before we could see what the person wrote. Each
node keeps its raw text and position, so the reader can interpret a value by
the type the field expects and point at it when it is wrong. Composing never
constructs objects, so tags such as `!!python/object` cannot run anything.
"""

from __future__ import annotations

import yaml

from coach.routine.problems import ProblemList

MAX_FILE_BYTES = 256 * 1024


# LibYAML's parser when PyYAML was built with it: the same nodes, 19 times faster.
_Loader = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None
if _Loader is None:  # pragma: no cover - depends on how PyYAML was built
    _Loader = yaml.SafeLoader


def decode(data: bytes, problems: ProblemList) -> str | None:
    """Decode UTF-8 (a BOM is allowed); report where a bad byte sits."""
    if len(data) > MAX_FILE_BYTES:
        problems.add(1, 1, f"file is {len(data) // 1024} KiB; a routine file may be at most "
                     f"{MAX_FILE_BYTES // 1024} KiB")
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


MAX_SAFE_NESTING = 64


def _may_nest_deeply(text: str) -> bool:
    """A cheap over-estimate of nesting depth: brackets opened, dashes and indentation.

    LibYAML composes recursively in C with no depth limit (deep input crashes the
    process), so anything that might be deep goes to the Python parser, which
    stops with a RecursionError that is reported as a problem.
    """
    depth = deepest = 0
    for char in text:
        if char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    if deepest > MAX_SAFE_NESTING:
        return True
    for line in text.splitlines():
        stripped = line.lstrip(" -")
        if len(line) - len(stripped) > 2 * MAX_SAFE_NESTING:
            return True
    return False


def compose(text: str, problems: ProblemList) -> yaml.Node | None:
    """Compose one YAML document, or report why it cannot be read."""
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        problems.add(1, 1, "the file is empty; a routine needs at least a title and steps")
        return None
    loader = yaml.SafeLoader if _may_nest_deeply(text) else _Loader
    try:
        node = yaml.compose(text, Loader=loader)
        if node is None:
            problems.add(1, 1, "the file holds no YAML document; a routine needs at least a "
                         "title and steps")
        return node
    except yaml.MarkedYAMLError as err:
        _report_yaml_error(err, text, problems)
    except yaml.reader.ReaderError as err:
        before = text[: err.position]
        line = before.count("\n") + 1
        column = err.position - (before.rfind("\n") + 1) + 1
        problems.add(line, column, f"the file holds a character YAML does not allow "
                     f"(U+{ord(err.character) if isinstance(err.character, str) else err.character:04X}); "
                     "remove it")
    except yaml.YAMLError as err:  # errors without a position
        problems.add(1, 1, f"YAML could not be read: {err}")
    except RecursionError:
        problems.add(1, 1, "the YAML is nested too deeply to be a routine")
    return None


def _report_yaml_error(err: yaml.MarkedYAMLError, text: str, problems: ProblemList) -> None:
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
        problems.add(line, column, "a routine file holds one YAML document; remove the extra "
                     "'---' or move the second routine into a file of its own")
        return
    if "found undefined alias" in problem:
        problems.add(line, column, f"{problem}: define the anchor (&name) before using it (*name)")
        return
    context = f" ({err.context.strip()})" if err.context else ""
    problems.add(line, column, f"YAML syntax error: {problem}{context}")
