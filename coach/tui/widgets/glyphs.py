"""The shapes coach draws with (Unicode, and plain ASCII for terminals without UTF-8), and
the charts' styles from component classes.

Whether the terminal can show UTF-8 is decided once, as the app starts (`wants_plain` in
coach.foundation.locale_text). In ASCII, the charts draw their own plain shapes, a few hints spell out what a shape stood for
(`plain_words`: "->" for an arrow), and everything else on the screen, the borders,
scrollbars, toasts and palette Textual draws and a person's own words included, passes
through `AsciiOnly`, which puts each character above 127 into ASCII of the same width
(`ascii_form`: a rounded corner becomes "+", "café" "cafe").

Every kind of day has a shape of its own, so the charts read the same with NO_COLOR as with
colour. Nothing is drawn as a cross, and no shape says "failed": a day not done is an empty
circle, a rest day a level dash (neutral, like a skip in Loop Habit Tracker).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import lru_cache

from rich.cells import split_graphemes
from rich.segment import Segment
from textual.color import Color
from textual.filter import LineFilter
from textual.style import Style
from textual.widget import Widget

from coach.insight.marks import (
    DONE,
    MARKED_DONE,
    MARKED_PARTLY,
    NONE,
    NOT_DONE,
    NOT_SCHEDULED,
    PARTLY,
    REST,
    TODAY_OPEN,
)

#: One cell for each mark of coach.insight.marks; an unknown mark is drawn as NONE.
MARK_GLYPHS: Mapping[str, str] = {
    DONE: "●", PARTLY: "◐", NOT_DONE: "○", REST: "–", NOT_SCHEDULED: "·",
    TODAY_OPEN: "◌", NONE: " ", MARKED_DONE: "◉", MARKED_PARTLY: "◑",
}
PLAIN_MARK_GLYPHS: Mapping[str, str] = {
    DONE: "#", PARTLY: "+", NOT_DONE: "o", REST: "-", NOT_SCHEDULED: ".",
    TODAY_OPEN: "_", NONE: " ", MARKED_DONE: "@", MARKED_PARTLY: "%",
}
#: What each mark is called in a legend, in the order a legend names them.
MARK_NAMES: tuple[tuple[str, str], ...] = (
    (DONE, "done"), (PARTLY, "partly"), (NOT_DONE, "not done"), (TODAY_OPEN, "today, open"),
    (REST, "rest day"), (NOT_SCHEDULED, "not scheduled"),
)
#: The days the person marked afterwards (done, partly), named apart from the others.
MARKED_NAMES: tuple[tuple[str, str], ...] = ((MARKED_DONE, "marked done"),
                                             (MARKED_PARTLY, "marked partly"))

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


#: Each character coach's own text and Textual's widgets draw, as one ASCII character. The
#: rest of the box-drawing and block characters follow from their names (`ascii_form`).
CELL_FORMS: Mapping[str, str] = {
    "·": "-", "•": "*", "✓": "*", "✗": "x", "●": "*", "○": "o", "◐": "+", "◌": "_",
    "◉": "@", "◑": "%",
    "▸": ">", "←": "<", "→": ">", "↑": "^", "↓": "v", "⏎": ">", "⌫": "<",
    "–": "-", "—": "-", "…": "~", "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'",
    "«": "<", "»": ">", "‹": "<", "›": ">", "█": "#", "▁": "_", "▔": "-",
    "░": ":", "▒": "%", "▓": "#", "🔎": ">",
}
#: Where coach's own words have room for more than one character, what says it better.
WORD_FORMS: Mapping[str, str] = {"←": "<-", "→": "->", "…": "...", "·": "-"}


def plain_words(text: str, plain: bool) -> str:
    """`text` as coach writes it; in ASCII, its arrows and ellipses spelled out ("->",
    "..."). Only for text that wraps or has room: the width may change."""
    if not plain:
        return text
    return "".join(WORD_FORMS.get(char, char) for char in text)


def ascii_form(text: str) -> str:
    """`text` in ASCII, each character in as many cells as it took: what stands for it
    in CELL_FORMS, a line or block by its direction, a letter without its accent, else
    "?" (a wide character "??"). A character with what joins it (an accent, a skin tone,
    an emoji sequence) counts as one."""
    if text.isascii():
        return text
    spans, _ = split_graphemes(text)
    return "".join(_char_form(text[start], width) for start, _, width in spans)


@lru_cache(maxsize=4096)
def _char_form(char: str, width: int) -> str:
    if char.isascii() and width == 1:
        return char
    if width == 0:
        return ""
    form = CELL_FORMS.get(char)
    if form is None:
        name = unicodedata.name(char, "")
        if name.startswith("BOX DRAWINGS") or name.endswith("BLOCK") or "QUADRANT" in name:
            form = _line_form(name)
        else:
            form = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode()
    if 0 < len(form) <= width and form.isprintable():
        return form.ljust(width)
    return "?" * width


def _line_form(name: str) -> str:
    """A box-drawing line by the ways it goes ("-", "|", "+" where they meet), a block by
    its shape: a vertical sliver (the side of an input's border) "|", a whole one "#"."""
    words = set(name.split())
    if "DIAGONAL" in words:
        return "X" if "CROSS" in words else "/" if "UPPER RIGHT" in name else "\\"
    if "QUADRANT" in words:
        return "+"
    if name.endswith("BLOCK"):
        if words & {"LEFT", "RIGHT"}:
            return "|"
        return "-" if "UPPER" in words else "#"
    across = bool(words & {"LEFT", "RIGHT", "HORIZONTAL"})
    down = bool(words & {"UP", "DOWN", "VERTICAL"})
    return "+" if across and down else "-" if across else "|"


class AsciiOnly(LineFilter):
    """Every line Textual paints, in ASCII (`ascii_form`): for a terminal without UTF-8."""

    def apply(self, segments: list[Segment], background: Color) -> list[Segment]:
        return [segment if segment.text.isascii() or segment.control else
                Segment(ascii_form(segment.text), segment.style, segment.control)
                for segment in segments]


def focus_marker(focused: bool, plain: bool = False) -> str:
    """The marker before a focused widget's line, or as many spaces."""
    if not focused:
        return " " * len(MARKER)
    return PLAIN_MARKER if plain else MARKER


def mark_glyph(mark: str, plain: bool = False) -> str:
    glyphs = PLAIN_MARK_GLYPHS if plain else MARK_GLYPHS
    return glyphs.get(mark, " ")


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
