"""Whether the terminal can show UTF-8, and text in ASCII for one that cannot.

The locale decides (LANG=C over ssh from a minimal system, or a codeset that is not
UTF-8). The app draws its screens in ASCII then (coach.tui.widgets.glyphs); the commands
print their lines through `ascii_words` when they write to such a terminal, so a
person in the C locale never sees a raw byte above 127. Output to a file or a pipe is
left as it is: it is data, read by a program that knows its encoding.
"""

from __future__ import annotations

import os
import sys
import unicodedata
from collections.abc import Mapping

#: What coach's own lines use, in the ASCII a terminal without UTF-8 shows.
WORD_FORMS: Mapping[str, str] = {
    "←": "<-", "→": "->", "…": "...", "·": "-", "•": "*", "✓": "*", "✗": "x", "●": "*",
    "○": "o", "–": "-", "—": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "⏎": "enter",
    "▸": ">", "█": "#",
}


def wants_plain(environ: Mapping[str, str] | None = None) -> bool:
    """Whether the locale says the terminal may not show UTF-8 (LANG=C, POSIX, or a
    non-UTF-8 codeset), so the charts should use their ASCII shapes. The first of LC_ALL,
    LC_CTYPE and LANG that is set decides, as it does for the C library."""
    if environ is None and started_in_the_c_locale():
        return True
    env = os.environ if environ is None else environ
    locale = next((env[name] for name in ("LC_ALL", "LC_CTYPE", "LANG") if env.get(name)), "")
    codeset = locale.partition(".")[2].partition("@")[0].lower().replace("-", "")
    return codeset != "utf8"


def started_in_the_c_locale() -> bool:
    """Whether this Python found the C or POSIX locale when it started. Python then turns
    on its UTF-8 mode by itself and sets LC_CTYPE=C.UTF-8 in the environment (PEP 538 and
    540), so the variables no longer say what the terminal was given (LANG=C over ssh
    showed the Unicode shapes). UTF-8 mode asked for (PYTHONUTF8, -X utf8) says nothing."""
    asked = "PYTHONUTF8" in os.environ or "utf8" in getattr(sys, "_xoptions", {})
    return bool(sys.flags.utf8_mode) and not asked


def ascii_words(text: str) -> str:
    """`text` in ASCII: coach's marks and arrows as WORD_FORMS says, a letter without its
    accent ("café" "cafe"), anything else "?"."""
    if text.isascii():
        return text
    return "".join(_ascii_char(char) for char in text)


def _ascii_char(char: str) -> str:
    if char.isascii():
        return char
    form = WORD_FORMS.get(char)
    if form is not None:
        return form
    if unicodedata.combining(char):
        return ""
    # A letter without its accent ("é" "e"); not a fraction's digits run together ("½").
    stripped = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    return stripped if len(stripped) == 1 and stripped.isalpha() else "?"
