"""Text in ASCII for a terminal without UTF-8 (coach.foundation.locale_text.ascii_words):
coach's marks as words, accents dropped, and nothing that reads as something else."""

from __future__ import annotations

import pytest

from coach.foundation.locale_text import ascii_words


@pytest.mark.parametrize(("text", "ascii"), [
    ("07:30 · ✓ done", "07:30 - * done"),
    ("A café, … then →", "A cafe, ... then ->"),
    ("½ mile", "? mile"),  # never "12 mile"
    ("ﬁne", "?ne"),  # a ligature is not two letters run together either
    ("plain", "plain"),
])
def test_ascii_words(text: str, ascii: str) -> None:
    assert ascii_words(text) == ascii
