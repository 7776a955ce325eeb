"""A year at a glance: a row per month, a cell per day, each day its mood (Daylio's "year in
pixels"; the figures are coach.insight.year_pixels).

Each cell is a character as well as a shade, so the grid reads the same with NO_COLOR and in
ASCII: the mood's digit 0-9, "+" for 10 (never a cross, which would read as "failed"), a
faint dot for a day without a check-in ("." in ASCII), nothing for a day the month does not
have or that has not come yet. Today's cell is underlined. The shades go from faint to full
in one calm colour, the theme's primary, behind the digit: a low day is quieter, never red.

A cell is two columns (a space and the character) where the month's 31 days fit, as at 80
columns; narrower, one column, with a space after each five days so that the digits do not
run together into numbers (41 columns a month, as at 60), and below that without the
spaces (35). A line of day numbers above the rows tells which column is which day.

Drawn only when the data or the size change: no timer.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.style import Style
from textual.widget import Widget

from coach.insight.year_pixels import COLUMNS, MONTHS, MonthRow, YearGrid
from coach.tui.widgets.glyphs import GAP, PLAIN_GAP, component_style, plain_words

#: The month's name, then the days.
LABEL_WIDTH = 3
#: The days numbered on the line above the rows; with the days in fives, each five's first.
RULER_DAYS = (1, 5, 10, 15, 20, 25, 30)
RULER_FIVES = (1, 6, 11, 16, 21, 26, 31)
#: One-column cells are in fives where there is room for the spaces between them.
FIVE = 5
TEN = "+"
#: Moods 0-10 in five shades, lowest first.
SHADES = ((0, 2), (3, 4), (5, 6), (7, 8), (9, 10))
EMPTY = "Check in with your mood and each day will fill in here, one at a time."


@dataclass(frozen=True)
class Layout:
    #: Columns a day.
    cell: int
    #: Whether one-column days are in fives, a space between.
    fives: bool

    def x(self, day: int) -> int:
        """The column of day `day`'s character."""
        gaps = (day - 1) // FIVE if self.fives else 0
        return LABEL_WIDTH + 1 + self.cell * (day - 1) + gaps

    @property
    def width(self) -> int:
        return self.x(COLUMNS) + 1


WIDE, FIVES, NARROW = Layout(2, False), Layout(1, True), Layout(1, False)


def layout_for(width: int) -> Layout:
    """Two columns a day where a month's name and 31 such cells fit, else one, in fives
    where they fit."""
    return next((layout for layout in (WIDE, FIVES) if layout.width <= width), NARROW)


def mood_char(mood: int | None, plain: bool = False) -> str:
    if mood is None:
        return PLAIN_GAP if plain else GAP
    return TEN if mood >= 10 else str(mood)


def legend(plain: bool = False) -> str:
    return plain_words(f"digits: mood 0-9, {TEN} 10, {mood_char(None, plain)} no check-in",
                       plain)


def ruler(layout: Layout) -> str:
    """The day numbers, each ending over its day's character."""
    line = [" "] * layout.width
    for day in RULER_FIVES if layout.fives else RULER_DAYS:
        end = layout.x(day) + 1
        line[end - len(str(day)):end] = str(day)
    return "".join(line).rstrip()


def shade(mood: int) -> int:
    """Which of SHADES a mood is in (0 the lowest)."""
    return next(index for index, (low, high) in enumerate(SHADES) if low <= mood <= high)


def span(grid: YearGrid) -> str:
    first, last = grid.rows[0], grid.rows[-1]
    return f"{first.label} {first.year} to {last.label} {last.year}"


class YearPixels(Widget):
    COMPONENT_CLASSES = {
        "year-pixels--title", "year-pixels--label", "year-pixels--gap", "year-pixels--today",
        *(f"year-pixels--shade-{index}" for index in range(len(SHADES))),
    }
    DEFAULT_CSS = """
    YearPixels { height: auto; width: 1fr; }
    YearPixels > .year-pixels--title { text-style: bold; }
    YearPixels > .year-pixels--label { color: $text-muted; }
    YearPixels > .year-pixels--gap { color: $text-disabled; }
    YearPixels > .year-pixels--today { text-style: underline; }
    YearPixels > .year-pixels--shade-0 { background: $primary 25%; color: auto 90%; }
    YearPixels > .year-pixels--shade-1 { background: $primary 40%; color: auto 90%; }
    YearPixels > .year-pixels--shade-2 { background: $primary 55%; color: auto 90%; }
    YearPixels > .year-pixels--shade-3 { background: $primary 80%; color: auto 90%; }
    YearPixels > .year-pixels--shade-4 { background: $primary; color: auto 90%; }
    """

    def __init__(self, grid: YearGrid | None = None, *, plain: bool = False,
                 id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.grid = grid
        self.plain = plain

    def show(self, grid: YearGrid) -> None:
        if grid != self.grid:
            self.grid = grid
            self.refresh(layout=True)

    def render(self) -> Content:
        title = Content.styled("A year at a glance", component_style(self, "year-pixels--title"))
        grid = self.grid
        if grid is None:
            return title
        title = Content.assemble(title, plain_words(f" · {span(grid)}", self.plain))
        if not grid.checked_in:
            return Content("\n").join([title, Content(EMPTY)])
        layout = layout_for(self.size.width or WIDE.width)
        label = component_style(self, "year-pixels--label")
        lines = [title, Content.styled(ruler(layout), label)]
        lines.extend(self._row(row, layout, label) for row in grid.rows)
        lines.append(Content.styled(legend(self.plain), label))
        return Content("\n").join(lines)

    def _row(self, row: MonthRow, layout: Layout, label: Style) -> Content:
        assert self.grid is not None
        today = self.grid.today
        gap = component_style(self, "year-pixels--gap")
        shades = [component_style(self, f"year-pixels--shade-{index}")
                  for index in range(len(SHADES))]
        parts = [Content.styled(MONTHS[row.month - 1], label)]
        for day, mood in enumerate(row.days, start=1):
            if layout.cell == 2 or day == 1 or (layout.fives and day % FIVE == 1):
                parts.append(Content(" "))
            style = gap if mood is None else shades[shade(mood)]
            if (row.year, row.month, day) == (today.year, today.month, today.day):
                style = style + component_style(self, "year-pixels--today")
            parts.append(Content.styled(mood_char(mood, self.plain), style))
        return Content.assemble(*parts)
