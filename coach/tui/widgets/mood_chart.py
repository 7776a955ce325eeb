"""Daily mood (0-10) as bars from a first day to a last, with gaps where there was no check-in.

A day without a check-in is a gap (a faint dot on the baseline), never a zero; a rating of 0
is the lowest bar there is, so the two never look alike. When the data has both morning and
evening check-ins and two cells a day fit, each day is a pair of bars, morning left and
evening right, in two colours and named in the caption (so NO_COLOR can tell them apart by
place). Otherwise a column is a day, or a run of days (the last column ends on the last day),
showing the average; the caption says which.

Bars rise in eighths of a cell (▁▂▃▄▅▆▇█), or in whole cells of `#` with `plain` (a 0 is `_`,
a gap `.`). The height is the widget's: all but two rows are bars (5 by default), then the
dates, then the caption. Drawn only when the data or the size change: no timer.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from coach.insight.mood import MoodPoint
from coach.tui.widgets.glyphs import (EIGHTHS, GAP, PLAIN_BAR, PLAIN_FLOOR, PLAIN_GAP,
                                      component_style)

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: "10" and the axis line before the first bar.
GUTTER = 3
#: Rows that are not bars: the dates and the caption.
FOOT = 2
DEFAULT_BAR_ROWS = 5


@dataclass(frozen=True)
class Layout:
    """How days become columns: `per_column` days a column (a pair of columns a day when
    `pairs`); the first column may hold fewer days, so the last one ends on the last day."""

    pairs: bool
    per_column: int
    columns: int
    #: Days the first column would hold before the first day.
    lead: int


def lay_out(days: int, width: int, both_kinds: bool) -> Layout:
    """Pairs if there are two kinds and two cells a day fit; else a day a column if it fits;
    else as few days a column as make the range fit."""
    room = max(1, width - GUTTER)
    if both_kinds and 2 * days <= room:
        return Layout(True, 1, 2 * days, 0)
    per_column = max(1, math.ceil(days / room))
    columns = math.ceil(days / per_column)
    return Layout(False, per_column, columns, columns * per_column - days)


def short_date(day: date, with_year: bool = False) -> str:
    text = f"{day.day} {MONTHS[day.month - 1]}"
    return f"{text} {day.year}" if with_year else text


def _clean(value: float | None) -> float | None:
    if value is None or not math.isfinite(value):
        return None
    return min(10.0, max(0.0, value))


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def bar_cells(value: float | None, rows: int, plain: bool) -> list[tuple[str, str]]:
    """One column from the top row down: (character, kind), kind "bar", "gap" or ""."""
    cells = [(" ", "")] * rows
    if value is None:
        cells[-1] = (PLAIN_GAP if plain else GAP, "gap")
        return cells
    if plain:
        if value <= 0:
            cells[-1] = (PLAIN_FLOOR, "bar")
            return cells
        height = min(rows, max(1, round(value / 10 * rows)))
        return [(" ", "")] * (rows - height) + [(PLAIN_BAR, "bar")] * height
    eighths = 1 if value <= 0 else min(rows * 8, max(2, round(value / 10 * rows * 8)))
    for row in range(rows):
        fill = min(8, max(0, eighths - (rows - 1 - row) * 8))
        if fill:
            cells[row] = (EIGHTHS[fill], "bar")
    return cells


class MoodChart(Widget):
    COMPONENT_CLASSES = {
        "mood-chart--morning", "mood-chart--evening", "mood-chart--average",
        "mood-chart--gap", "mood-chart--axis", "mood-chart--caption",
    }
    DEFAULT_CSS = f"""
    MoodChart {{ height: {DEFAULT_BAR_ROWS + FOOT}; width: 1fr; }}
    MoodChart > .mood-chart--morning {{ color: $text-accent; }}
    MoodChart > .mood-chart--evening {{ color: $text-primary; }}
    MoodChart > .mood-chart--average {{ color: $text-primary; }}
    MoodChart > .mood-chart--gap {{ color: $text-disabled; }}
    MoodChart > .mood-chart--axis {{ color: $text-muted; }}
    MoodChart > .mood-chart--caption {{ color: $text-muted; }}
    """

    def __init__(self, points: Sequence[MoodPoint] = (), first: date | None = None,
                 last: date | None = None, *, plain: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.plain = plain
        self._set_data(points, first, last)

    def show(self, points: Sequence[MoodPoint], first: date | None = None,
             last: date | None = None) -> None:
        """Draw other days; `first` and `last` default to the first and last point's days."""
        self._set_data(points, first, last)
        self.refresh()

    def _set_data(self, points: Sequence[MoodPoint], first: date | None,
                  last: date | None) -> None:
        days = [p.day for p in points]
        self.first = first or (min(days) if days else None)
        self.last = last or (max(days) if days else None)
        if self.first and self.last and self.first > self.last:
            self.first, self.last = self.last, self.first
        self.points = {p.day: p for p in points
                       if self.first and self.last and self.first <= p.day <= self.last}

    # What the columns hold

    def _both_kinds(self) -> bool:
        points = self.points.values()
        return (any(_clean(p.morning) is not None for p in points)
                and any(_clean(p.evening) is not None for p in points))

    def _columns(self, layout: Layout) -> list[tuple[float | None, str]]:
        """(value, kind) for each column, kind "morning", "evening" or "average"."""
        assert self.first is not None
        if layout.pairs:
            columns: list[tuple[float | None, str]] = [(None, "")] * layout.columns
            for x in range(0, layout.columns, 2):
                columns[x], columns[x + 1] = (None, "morning"), (None, "evening")
            for day, point in self.points.items():
                x = 2 * (day - self.first).days
                columns[x] = (_clean(point.morning), "morning")
                columns[x + 1] = (_clean(point.evening), "evening")
            return columns
        values: list[list[float | None]] = [[] for _ in range(layout.columns)]
        for day, point in self.points.items():
            x = ((day - self.first).days + layout.lead) // layout.per_column
            day_value = _clean(point.average)
            if day_value is None:
                day_value = _mean([_clean(point.morning), _clean(point.evening)])
            values[x].append(day_value)
        return [(_mean(v), "average") for v in values]

    def _column_of(self, day: date, layout: Layout) -> int:
        assert self.first is not None
        index = (day - self.first).days
        return 2 * index if layout.pairs else (index + layout.lead) // layout.per_column

    # Drawing

    def render(self) -> Content:
        width = self.size.width or 80
        rows = self.size.height - FOOT if self.size.height else DEFAULT_BAR_ROWS
        rows = max(1, rows)
        axis = component_style(self, "mood-chart--axis")
        if self.first is None or self.last is None:
            return Content.styled("No days to show.", axis)
        layout = lay_out((self.last - self.first).days + 1, width, self._both_kinds())
        columns = [(bar_cells(value, rows, self.plain), kind)
                   for value, kind in self._columns(layout)]
        styles = {kind: component_style(self, f"mood-chart--{kind}")
                  for kind in ("morning", "evening", "average", "gap")}
        lines = []
        for row in range(rows):
            pieces = [Content.styled(self._y_label(row, rows), axis)]
            for cells, kind in columns:
                char, what = cells[row]
                pieces.append(Content.styled(char, styles["gap" if what == "gap" else kind]
                                             if what else ""))
            lines.append(Content.assemble(*pieces))
        lines.append(Content.styled(self._date_line(layout, width), axis))
        lines.append(self._caption(layout, styles))
        return Content("\n").join(lines)

    def _y_label(self, row: int, rows: int) -> str:
        line = "|" if self.plain else "│"
        five = rows - 1 - (rows * 4 - 1) // 8
        if row == 0:
            return f"10{line}"
        if row == rows - 1:
            return f" 0{line}"
        if row == five:
            return f" 5{line}"
        return f"  {line}"

    def _date_line(self, layout: Layout, width: int) -> str:
        """The first day under its column, the last ending under its column, the middle one
        where it fits; a label that would touch another is left out (the middle one first)."""
        assert self.first is not None and self.last is not None
        with_year = self.first.year != self.last.year
        start = short_date(self.first, with_year)
        end = short_date(self.last, with_year)
        middle_day = self.first + timedelta(days=(self.last - self.first).days // 2)
        middle = short_date(middle_day, with_year)
        end_x = GUTTER + layout.columns - len(end)
        middle_x = GUTTER + self._column_of(middle_day, layout)
        labels = [(GUTTER, start), (end_x, end)]
        if GUTTER + len(start) + 2 <= middle_x and middle_x + len(middle) + 2 <= end_x:
            labels.insert(1, (middle_x, middle))
        if GUTTER + len(start) + 2 > end_x:
            labels = [(max(0, end_x), end)] if self.first != self.last else [(GUTTER, start)]
        line = [" "] * width
        for x, text in labels:
            if x + len(text) <= width:
                line[x:x + len(text)] = text
        return "".join(line).rstrip()

    def _caption(self, layout: Layout, styles: dict[str, Style]) -> Content:
        gap = Content.assemble((PLAIN_GAP if self.plain else GAP, styles["gap"]), " no check-in")
        if layout.pairs:
            what = Content.assemble("each day: ", ("morning", styles["morning"]), " left, ",
                                    ("evening", styles["evening"]), " right")
        elif layout.per_column == 1:
            what = Content("each column: a day" + (", its average" if self._both_kinds()
                                                   else ""))
        else:
            what = Content(f"each column: {layout.per_column} days, their average")
        caption = component_style(self, "mood-chart--caption")
        return Content.assemble(" " * GUTTER, what, "   ", gap).stylize_before(caption)
