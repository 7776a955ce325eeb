"""A routine's habit strength over the last year, a column a week (coach.insight.
strength_weeks): the score at each week's end, as a bar from 0% to 100%.

Bars rise in eighths of a cell like the mood chart's (▁▂▃▄▅▆▇█), or in whole cells of `#`
with `plain` (ASCII, under LANG=C), so the height reads the same without colour. The axis
on the left says 100%, 50% and 0%; below the bars, each month's name stands under the
first week ending in it (the year's number where a year begins, as on the calendar), a
name that would touch the one before left out. Where the year's 53 weeks do not fit, the
newest that fit are shown and the caption says how many.

Drawn only when the data or the size change: no timer.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from coach.insight.strength_weeks import Weeks
from coach.tui.widgets.glyphs import component_style, plain_words
from coach.tui.widgets.mood_chart import MONTHS, bar_cells

#: "100%" and the axis line before the first bar.
GUTTER = 5
BAR_ROWS = 5
#: The title above the bars, the months and the caption below.
TITLE = "Habit strength · the last year"


def month_line(weeks: Weeks, width: int) -> str:
    """Each month's name under the first column whose week ends in it (January as the
    year), left out where it would touch the name before it or run past `width`. The first
    column, part way through its month, is named only if that month has room for it."""
    starts = [column for column, (day, _) in enumerate(weeks)
              if column == 0 or (day.year, day.month) != (weeks[column - 1][0].year,
                                                          weeks[column - 1][0].month)]
    line = [" "] * width
    free_from = GUTTER
    for index, column in enumerate(starts):
        day = weeks[column][0]
        label = str(day.year) if day.month == 1 else MONTHS[day.month - 1]
        following = starts[index + 1] if index + 1 < len(starts) else len(weeks)
        x = GUTTER + column
        if column == 0 and following - column <= len(label):
            continue
        if x >= free_from and x + len(label) <= width:
            line[x:x + len(label)] = label
            free_from = x + len(label) + 1
    return "".join(line).rstrip()


def y_label(row: int, rows: int, plain: bool) -> str:
    """100% at the top, 0% at the bottom, 50% on the middle row."""
    line = "|" if plain else "│"
    label = {0: "100%", rows - 1: "  0%", (rows - 1) // 2: " 50%"}.get(row, "    ")
    return label + line


class StrengthChart(Widget):
    COMPONENT_CLASSES = {"strength-chart--title", "strength-chart--bar",
                         "strength-chart--axis", "strength-chart--caption"}
    DEFAULT_CSS = f"""
    StrengthChart {{ height: {BAR_ROWS + 3}; width: 1fr; }}
    StrengthChart > .strength-chart--title {{ text-style: bold; }}
    StrengthChart > .strength-chart--bar {{ color: $text-primary; }}
    StrengthChart > .strength-chart--axis {{ color: $text-muted; }}
    StrengthChart > .strength-chart--caption {{ color: $text-muted; }}
    """

    def __init__(self, weeks: Weeks = (), *, plain: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.weeks = weeks
        self.plain = plain

    def show(self, weeks: Weeks) -> None:
        if weeks != self.weeks:
            self.weeks = weeks
            self.refresh()

    def render(self) -> Content:
        title = Content.styled(plain_words(TITLE, self.plain),
                               component_style(self, "strength-chart--title"))
        if not self.weeks:
            return title
        width = self.size.width or 80
        rows = max(1, (self.size.height or BAR_ROWS + 3) - 3)
        shown = self.weeks[-max(1, width - GUTTER):]
        axis = component_style(self, "strength-chart--axis")
        bar = component_style(self, "strength-chart--bar")
        columns = [bar_cells(min(1.0, max(0.0, score)) * 10, rows, self.plain)
                   for _, score in shown]
        lines = [title]
        for row in range(rows):
            # One span a row: a blank cell in the bars' colour shows nothing else.
            lines.append(Content.assemble((y_label(row, rows, self.plain), axis),
                                          ("".join(cells[row][0] for cells in columns), bar)))
        lines.append(Content.styled(month_line(shown, width), axis))
        what = "each column: a week, its strength at the week's end" \
            if len(shown) == len(self.weeks) else f"each column: a week, the last {len(shown)}"
        lines.append(Content.styled(" " * GUTTER + what,
                                    component_style(self, "strength-chart--caption")))
        return Content("\n").join(lines)
