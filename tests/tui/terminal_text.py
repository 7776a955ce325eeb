"""What reaches the terminal: the text the app would paint now, and a check for raw controls."""

from __future__ import annotations

import re

from textual.app import App

#: Characters a terminal acts on instead of showing (spelled out here, independent of
#: coach.foundation.visible): C0 controls, DEL, C1 controls, bidi marks, embeddings, overrides and
#: isolates, line and paragraph separators, lone surrogates. Only newline is left out: painted
#: screen text never holds a tab (Textual expands them), and printed lines escape tabs.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029"
                         "\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

#: Hostile text: set the window title, clear the screen, write the clipboard (OSC 52), reverse
#: what follows (RLO), a C1 CSI asking for the cursor position, a line separator.
HOSTILE = "\x1b]0;PWNED\x07 \x1b[2J \x1b]52;c;SGk=\x07 \u202eRLO \x9b6n \u2028end"
#: How each piece of HOSTILE must look on the screen instead.
HOSTILE_SHOWN = ("\\x1b]0;PWNED\\x07", "\\x1b[2J", "\\x1b]52;c;SGk=\\x07", "U+202ERLO",
                 "\\x9b6n", "U+2028end")
HOSTILE_VISIBLE = " ".join(HOSTILE_SHOWN)


def raw_controls(text: str) -> list[str]:
    """The raw control characters in `text`, as code points (empty when there are none)."""
    return [f"U+{ord(c):04X}" for c in RAW_CONTROL.findall(text)]


def painted_text(app: App[object]) -> str:
    """Every character the app would paint for its screens now, notifications included, one
    line per screen row: the text of the segments Textual writes, without its own escape
    sequences for colour and cursor moves."""
    update = app.screen._compositor.render_update(full=True,
                                                  screen_stack=app._background_screens)
    rows = []
    for line in update.strips:  # type: ignore[union-attr]
        rows.append("".join(segment.text for strip in line for segment in strip
                            if segment.control is None))
    return "\n".join(rows)
