"""Show user text literally: Rich markup in routine titles or entries is never interpreted."""

from __future__ import annotations

from textual.content import Content


def literal(text: str) -> Content:
    """Content that displays `text` exactly, brackets and all."""
    return Content(text)
