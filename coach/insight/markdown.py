"""A person's words in Markdown: shown as written when rendered, and natural to read raw.

Only what would change the rendering is escaped with a backslash, so "Evening wind-down"
stays as it is, while "# not a heading", "1. not a list", "*not emphasis*", "[not](a link)",
"<b>not html</b>" and "&amp;" (not an entity) keep their characters. What counts is
CommonMark's, with GitHub's tables and strikethrough: a block marker at the start of the
text; a backslash before punctuation; backticks that could pair into code; `*`, `_` and `~`
runs that could open and close emphasis (by the flanking rules); a `[` with a `]` after it;
a `<` that could start a tag or a link; an `&` that could start an entity; and, in a table
or in a quote of several lines (where a line could become a table's), every `|`.
"""

from __future__ import annotations

import re
import unicodedata

from coach.foundation.visible import visible

#: At the start of a line: what makes a heading, a quote, a list item, a thematic break,
#: a setext underline or a code fence of it. The group is the character to escape.
_BLOCK_START = (
    re.compile(r"(#)#{0,5}(?: |$)"),
    re.compile(r"(>)"),
    re.compile(r"([-+*])(?: |$)"),
    re.compile(r"([-*_=])[-*_= ]*$"),  # after "- " or another line, even "--" or "=" is one
    re.compile(r"(?=[^-]*-)([-:|])[-:| ]*$"),  # a table's delimiter row
    re.compile(r"\d{1,9}([.)])(?: |$)"),
    re.compile(r"(`)``|(~)~~"),
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ASCII_PUNCTUATION = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_DELIMITERS = "*_~"
#: CommonMark's email autolink, "<sam@example.org>": its local part may begin with a digit
#: or a symbol, where the `<` of a tag or a link's scheme could not.
_EMAIL_AUTOLINK = re.compile(r"<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9]"
                             r"(?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
                             r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*>")


def literal(text: object, *, pipes: bool = False, in_emphasis: bool = False) -> str:
    """`text` on one line, its control characters made visible, escaped so that it renders
    as written. `pipes`: in a table, where `|` splits cells. `in_emphasis`: between `*` and
    `*`, which any `*` of the text could close."""
    return _escaped([str(text).replace("\n", " ")], pipes=pipes, in_emphasis=in_emphasis)[0]


def literal_lines(text: object) -> list[str]:
    """The lines of `text` for a quote (each after "> "), escaped together: one line's `*` or
    backtick could pair with another's, and a line could make the one before a table."""
    return _escaped(str(text).splitlines(), pipes=True)


def _escaped(lines: list[str], *, pipes: bool = False, in_emphasis: bool = False) -> list[str]:
    lines = [visible(line, one_line=True).strip() for line in lines]
    whole = "\n".join(lines)
    escape = [False] * len(whole)
    start = 0
    for line in lines:
        for pattern in _BLOCK_START:
            match = pattern.match(line)
            if match:
                group = next(n for n in range(1, (pattern.groups or 0) + 1) if match.group(n))
                escape[start + match.start(group)] = True
        start += len(line) + 1
    backticks = whole.count("`") >= 2
    for at, char in enumerate(whole):
        after = whole[at + 1:at + 2]
        if char == "\\":
            escape[at] = after in ("", "\n") or after in _ASCII_PUNCTUATION
        elif char == "`":
            escape[at] = escape[at] or backticks
        elif char == "[":
            escape[at] = "]" in whole[at + 1:]
        elif char == "<":
            escape[at] = (after.isascii() and (after.isalpha() or after in "/!?")) or \
                _EMAIL_AUTOLINK.match(whole, at) is not None
        elif char == "&":
            escape[at] = _ENTITY.match(whole, at) is not None
        elif char == "|":
            escape[at] = pipes
    for at in _emphasis_runs(whole, escape, in_emphasis):
        escape[at] = True
    text = "".join("\\" + char if escape[at] else char for at, char in enumerate(whole))
    return text.split("\n")


def _emphasis_runs(line: str, escape: list[bool], in_emphasis: bool) -> list[int]:
    """Where the `*`, `_` and `~` are that could open or close emphasis (or strikethrough)
    with another run of theirs in `line`; in emphasis, every `*`. A run whose first
    character is escaped already (a thematic break, a list marker) is escaped whole."""
    runs = [(match.start(), match.end()) for match in re.finditer(r"\*+|_+|~+", line)]
    found: list[tuple[str, int, int, bool, bool]] = []
    for start, end in runs:
        char = line[start]
        before = line[start - 1] if start else " "
        after = line[end] if end < len(line) else " "
        left = not _space(after) and (not _punctuation(after) or _space(before)
                                      or _punctuation(before))
        right = not _space(before) and (not _punctuation(before) or _space(after)
                                        or _punctuation(after))
        if char == "_":
            opens = left and (not right or _punctuation(before))
            closes = right and (not left or _punctuation(after))
        else:
            opens, closes = left, right
        found.append((char, start, end, opens, closes))
    escaped: list[int] = []
    for char, start, end, opens, closes in found:
        partner = (in_emphasis and char == "*") or escape[start] or any(
            other == char and ((opens and other_closes and other_start > start)
                               or (closes and other_opens and other_start < start))
            for other, other_start, _, other_opens, other_closes in found)
        if partner:
            escaped.extend(range(start, end))
    return escaped


def _space(char: str) -> bool:
    return char.isspace() or unicodedata.category(char) == "Zs"


def _punctuation(char: str) -> bool:
    return char in _ASCII_PUNCTUATION or unicodedata.category(char)[0] in "PS"
