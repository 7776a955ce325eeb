"""One JSON document read a value at a time, in the memory of a piece of it.

`JsonStream` slides a window of decoded text over a binary file. The caller
walks the document's outer structure (braces, brackets, names and commas) and
asks for whole values in between; each value is built by the standard
library's C scanner (`JSONDecoder.raw_decode`), which is about as fast as
orjson a line at a time and does not care how the text is laid out: values
several to a line or spread over many, CRLF line ends, a UTF-8 byte-order
mark. What it accepts is what `json.loads` accepts, except NaN and Infinity,
which JSON does not allow, and numbers too large for a float (1e999, which
`json.loads` turns into infinity).

A value nested deeper than the interpreter's recursion limit is passed over
bracket by bracket instead of built (memory stays flat however deep), and a
value holding half of a UTF-16 surrogate pair (which cannot be written as
UTF-8) is not handed out; both come out as an `Unbuilt` saying why.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from dataclasses import dataclass
from collections.abc import Iterator
from typing import Any, BinaryIO

PIECE = 1 << 18  # bytes read at a time; a sixteenth of it is kept ahead of a value decoded
#: A value or an error this close to the window's end may only look so because the window
#: cuts it (a number, a constant, a \\uXXXX\\uXXXX escape): read more and decode it again.
_TAIL = 16
CUT_SHORT = "the file ends in the middle (it may have been cut short)"
UNEXPECTED = ("it is not valid JSON there (an unexpected character; note that NaN and "
              "Infinity are not numbers JSON allows)")

_SPACE = re.compile(r"[ \t\n\r]*")
_AFTER_ITEM = re.compile(r"[ \t\n\r]*([,\]])[ \t\n\r]*")
#: When passing over a deep value: a whole string, the start of one the window cuts, a bracket.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|"|[\[\]{}]', re.DOTALL)
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_WORDS = {
    "Expecting ',' delimiter": "a comma is missing",
    "Expecting ':' delimiter": "a colon is missing after a name",
    "Expecting property name enclosed in double quotes":
        "a name is not in double quotes, or there is a comma too many",
    "Invalid control character at": "a control character inside text",
    "Invalid \\escape": "a backslash escape JSON does not know",
    "Invalid \\uXXXX escape": "a backslash escape JSON does not know",
}


class NotJson(Exception):
    """The text is not valid JSON, or ends in the middle; the message says so in plain words."""


@dataclass(frozen=True)
class Unbuilt:
    """A value the stream passed over instead of building; `why` completes "the value ..."."""

    why: str


TOO_DEEP = Unbuilt("is nested too deep to read")
BROKEN_TEXT = Unbuilt("holds half of a character (a lone UTF-16 surrogate escape)")


def _no_constant(name: str) -> Any:
    raise NotJson(f"it is not valid JSON there (it holds {name}; NaN and Infinity are not "
                  "numbers JSON allows)")


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise NotJson("it holds a number too large to keep")
    return number


def _has_lone_surrogate(value: Any) -> bool:
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if _LONE_SURROGATE.search(item):
                return True
        elif isinstance(item, dict):
            pending.extend(item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


class JsonStream:
    """The text of a binary file, a window at a time; `at` is where reading stands in `text`."""

    def __init__(self, handle: BinaryIO, piece: int = PIECE) -> None:
        self.handle, self.piece = handle, piece
        self.text, self.at, self.ended = "", 0, False
        self._decoder = codecs.getincrementaldecoder("utf-8-sig")()  # a BOM is dropped
        decoder = json.JSONDecoder(parse_constant=_no_constant, parse_float=_finite)
        self._decode, self._scan = decoder.raw_decode, decoder.scan_once
        self.lookahead = piece // 16

    def more(self, at_least: int = 0) -> bool:
        """Add the next piece of the file to the window, dropping what was read; False at the
        end of the file."""
        if self.ended:
            return False
        if self.at >= self.piece:
            self.text, self.at = self.text[self.at:], 0
        data = self.handle.read(max(self.piece, at_least))
        try:
            self.text += self._decoder.decode(data, final=not data)
        except UnicodeDecodeError:
            raise NotJson("it is not valid JSON there (the text is not UTF-8)") from None
        self.ended = not data
        return True

    def start(self) -> str:
        """Pass over white space; the next character, or "" at the end of the file."""
        while True:
            self.at = _SPACE.match(self.text, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.text) or not self.more():
                return self.text[self.at:self.at + 1]

    def take(self, allowed: str, missing: str) -> str:
        """The next character, which must be one of `allowed`; `missing` says what is wrong."""
        char = self.start()
        if not char:
            raise NotJson(CUT_SHORT)
        if char not in allowed:
            raise NotJson(f"it is not valid JSON there ({missing})")
        self.at += 1
        return char

    def end(self) -> None:
        """Nothing but white space may follow the document."""
        if self.start():
            raise NotJson("it is not valid JSON there (there is more after its end)")

    def names(self) -> Iterator[str]:
        """The names of an object's members, the stream standing after its `{`; read each
        value (`value`) before asking for the next name. Ends after the closing `}`."""
        if self.start() == "}":
            self.at += 1
            return
        while True:
            if self.start() != '"':
                self.take('"', _WORDS["Expecting property name enclosed in double quotes"])
            name = self.value()
            self.take(":", _WORDS["Expecting ':' delimiter"])
            yield name
            if self.take(",}", _WORDS["Expecting ',' delimiter"]) == "}":
                return

    def items(self) -> Iterator[Any]:
        """The values of an array, the stream standing after its `[`; ends after its `]`.

        A ten-year export holds 70,000 records, so the usual case is one call of the
        scanner and one match of what follows a value (white space, a comma or the
        closing bracket); whatever is unusual (near the window's end, an error, an
        escaped surrogate) is done again by `value` and `take`, which say what is wrong."""
        if self.start() == "]":
            self.at += 1
            return
        scan, after_item, escape = self._scan, _AFTER_ITEM.match, _SURROGATE_ESCAPE.search
        while True:
            text, at = self.text, self.at
            after = None
            if self.ended or len(text) - at > self.lookahead:
                try:
                    value, end = scan(text, at)
                    after = after_item(text, end)
                except Exception:  # noqa: BLE001 - done again below, where it is named
                    after = None
            if after is None or escape(text, at, end) or (
                    not self.ended and after.end() > len(text) - _TAIL):
                yield self._built()
                if self.take(",]", _WORDS["Expecting ',' delimiter"]) == "]":
                    return
                self.start()
                continue
            self.at = after.end()
            yield value
            if after.group(1) == "]":
                return

    def value(self) -> Any:
        """The next whole value, built; an `Unbuilt` when it is too deep or holds a broken
        character."""
        self.start()
        return self._built()

    def _built(self) -> Any:
        while True:
            if not self.ended and len(self.text) - self.at < self.lookahead:
                self.more()
                continue
            try:
                value, end = self._decode(self.text, self.at)
            except json.JSONDecodeError as err:
                cut = err.msg.startswith("Unterminated string") or err.pos >= len(self.text)
                if not self.ended and (cut or err.pos >= len(self.text) - _TAIL):
                    self.more(len(self.text) - self.at)  # the window cut it: read on, again
                    continue
                if cut:
                    raise NotJson(CUT_SHORT) from None
                if err.msg == "Expecting value":
                    raise NotJson(UNEXPECTED) from None
                words = _WORDS.get(err.msg, err.msg.lower())
                raise NotJson(f"it is not valid JSON there ({words})") from None
            except RecursionError:
                self._pass_over()
                return TOO_DEEP
            except ValueError:  # an integer of more than 4,300 digits
                raise NotJson("it holds a number too large to keep") from None
            if not self.ended and end > len(self.text) - _TAIL:
                self.more(len(self.text) - self.at)  # a number may go on past the window
                continue
            if _SURROGATE_ESCAPE.search(self.text, self.at, end) and _has_lone_surrogate(value):
                value = BROKEN_TEXT
            self.at = end
            return value

    def _pass_over(self) -> None:
        """Read past the value at `at` without building it, however deep; its brackets must
        match (what is between them is not checked: the value is refused anyway)."""
        closing: list[str] = []
        while True:
            match = _TOKEN.search(self.text, self.at)
            if match is None or match.group() == '"':
                self.at = len(self.text) if match is None else match.start()
                if not self.more(len(self.text) - self.at):
                    raise NotJson(CUT_SHORT)
                continue
            self.at = match.end()
            token = match.group()
            if token in "[{":
                closing.append("]" if token == "[" else "}")
            elif token in "]}":
                if not closing or closing.pop() != token:
                    raise NotJson("it is not valid JSON there (a bracket closes what it did "
                                  "not open)")
                if not closing:
                    return
