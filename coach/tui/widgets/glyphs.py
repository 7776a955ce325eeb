"""The shapes the history charts draw with (Unicode, and plain ASCII for terminals without
UTF-8), and their styles from component classes.

Every kind of day has a shape of its own, so the charts read the same with NO_COLOR as with
colour. Nothing is drawn as a cross, and no shape says "failed": a day not done is an empty
circle, a rest day a level dash (neutral, like a skip in Loop Habit Tracker).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from textual.style import Style
from textual.widget import Widget

from coach.insight.marks import (DONE, NONE, NOT_DONE, NOT_SCHEDULED, PARTLY, REST,
                                 TODAY_OPEN)

#: One cell for each mark of coach.insight.marks; an unknown mark is drawn as NONE.
MARK_GLYPHS: Mapping[str, str] = {
    DONE: "●", PARTLY: "◐", NOT_DONE: "○", REST: "–", NOT_SCHEDULED: "·",
    TODAY_OPEN: "◌", NONE: " ",
}
PLAIN_MARK_GLYPHS: Mapping[str, str] = {
    DONE: "#", PARTLY: "+", NOT_DONE: "o", REST: "-", NOT_SCHEDULED: ".",
    TODAY_OPEN: "_", NONE: " ",
}
#: What each mark is called in a legend, in the order a legend names them.
MARK_NAMES: tuple[tuple[str, str], ...] = (
    (DONE, "done"), (PARTLY, "partly"), (NOT_DONE, "not done"), (TODAY_OPEN, "today, open"),
    (REST, "rest day"), (NOT_SCHEDULED, "not scheduled"),
)

#: Bars in eighths of a cell, index 0 empty to 8 full.
EIGHTHS = " ▁▂▃▄▅▆▇█"
PLAIN_BAR = "#"
#: The lowest bar there is, for a rating of 0 when only whole cells can be drawn.
PLAIN_FLOOR = "_"
#: On the baseline where a day has no check-in (a gap, never a zero).
GAP = "·"
PLAIN_GAP = "."


#: Before the focused scale or list of words, so focus reads without colour.
MARKER = "▸ "
PLAIN_MARKER = "> "


def focus_marker(focused: bool, plain: bool = False) -> str:
    """The marker before a focused widget's line, or as many spaces."""
    if not focused:
        return " " * len(MARKER)
    return PLAIN_MARKER if plain else MARKER


def mark_glyph(mark: str, plain: bool = False) -> str:
    glyphs = PLAIN_MARK_GLYPHS if plain else MARK_GLYPHS
    return glyphs.get(mark, " ")


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


def component_style(widget: Widget, name: str) -> Style:
    """What the component class `name` sets, and nothing it leaves unset: a selection's
    reverse video keeps the colour of the day under it. (`Widget.get_visual_style` would
    drop reverse, and a rule without a colour would paint white.)"""
    styles = widget.get_component_styles(name)
    whole = Style.from_styles(styles)
    coloured = styles.has_rule("color")
    return Style(background=whole.background if styles.has_rule("background") else None,
                 foreground=whole.foreground if coloured else None,
                 bold=whole.bold or None, dim=whole.dim or None, italic=whole.italic or None,
                 underline=whole.underline or None, reverse=whole.reverse or None,
                 strike=whole.strike or None, auto_color=coloured and whole.auto_color)
