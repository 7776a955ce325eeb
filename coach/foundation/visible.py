"""Text from outside shown harmlessly: control characters become visible escapes.

A journal entry, a routine title, an imported record or a file name can hold
characters a terminal acts on instead of showing: ESC sequences (clear the
screen, set the title, write the clipboard through OSC 52), BEL, backspace,
carriage return, C1 controls, and bidirectional overrides that reorder what
the person reads. Everything coach prints goes through `visible()`, which
writes each such character as `\\x1b` or `U+202E`. Lone surrogates (a file
name that is not UTF-8) are shown as the byte they stand for.
"""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls; the Arabic letter mark, LRM and RLM;
# line and paragraph separators; bidi embeddings, overrides and isolates; lone surrogates.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                     "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_ON_ONE_LINE = re.compile(f"[\t\n{_UNSAFE.pattern[1:-1]}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # surrogateescape: the byte that was not UTF-8
        return f"\\x{code - 0xDC00:02x}"
    if code <= 0xFF:
        return {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}.get(code, f"\\x{code:02x}")
    return f"U+{code:04X}"


def visible(text: str, *, one_line: bool = False) -> str:
    """`text` with every character a terminal would act on written out; tabs and newlines
    stay unless `one_line`."""
    pattern = _UNSAFE_ON_ONE_LINE if one_line else _UNSAFE
    return pattern.sub(_escape, text) if pattern.search(text) else text


_LINE_BREAK = re.compile("\r\n?|[\u2028\u2029]")


def without_controls(text: str, *, one_line: bool = False) -> str:
    """Typed or pasted `text` as the person meant it: every character `visible()` would escape
    is dropped (a pasted ESC sequence never gets stored), line breaks become newlines, and
    with `one_line` newlines and tabs become spaces."""
    text = _LINE_BREAK.sub("\n", text)
    if one_line:
        text = text.replace("\n", " ").replace("\t", " ")
    return _UNSAFE.sub("", text) if _UNSAFE.search(text) else text


# What joins or varies the characters around it: zero-width joiner and non-joiner (the family
# in 👨‍👩‍👧, the woman in 🧘🏽‍♀️), variation selectors (text or emoji style), and the tag
# characters of subdivision flags. Some are not `str.isprintable()`, so a terminal toolkit may
# take them for controls; they are part of the text as typed and are kept.
_JOINING = re.compile("[\u200c\u200d\ufe00-\ufe0f\U000e0020-\U000e007f\U000e0100-\U000e01ef]")


def joins(character: str) -> bool:
    """`character` is a joiner, a variation selector or a tag character: kept when typed."""
    return len(character) == 1 and _JOINING.match(character) is not None


def shorten(text: str, limit: int = 80) -> str:
    """At most `limit` characters of `text`, saying how much was left out."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text) - limit} more characters)"


def quoted(text: str, limit: int = 80) -> str:
    """Text from a file or a record, quoted for a message: visible, on one line, not too long."""
    return f"'{shorten(visible(str(text), one_line=True), limit)}'"
