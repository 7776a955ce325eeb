"""Show text from outside literally: Rich markup is never interpreted, and no character a
terminal would act on (ESC, C1 controls, bidi overrides) reaches the terminal raw."""

from __future__ import annotations

from textual.content import Content

from coach.foundation.visible import visible


def literal(text: object, *, one_line: bool = False) -> Content:
    """Content that displays `text` exactly, brackets and all, with control characters written
    out (`\\x1b`, `U+202E`); tabs and newlines stay unless `one_line`."""
    return Content(visible(str(text), one_line=one_line))
