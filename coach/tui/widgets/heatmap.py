"""A routine's days as a calendar, Loop Habit Tracker style: a row per weekday, a column per week.

Monday-first weeks, the current week rightmost, as many weeks as the width holds (two cells a
week after the weekday labels: 12 weeks in 28 columns). Above, the short month name over the
first week holding a day of that month, the year where a year begins (see month_line).

Each day is one shape (coach.tui.widgets.glyphs), so the chart reads the same with NO_COLOR;
colours come from component classes an app can restyle. Arrow keys move a week (left/right)
or a day (up/down), home and end go to the first day shown and to today, a click picks a day;
each change posts `Heatmap.DaySelected`. The chosen day is in reverse video while the chart
has the keys and underlined otherwise: the screen's line about that day stays tied to a
visible cell, and whether the arrows reach the chart shows without colour.

Drawn only when the data, the size, the focus or the chosen day change: no timer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coach.insight.marks import NONE
from coach.tui.widgets.glyphs import MARK_NAMES, MARKED_NAMES, component_style, mark_glyph

WEEKDAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
#: The weekday labels, then per week a space and the day's shape.
LABEL_WIDTH = 2
WEEK_WIDTH = 2


def legend(plain: bool = False) -> str:
    """What each shape means, on one line: "● done  ◐ partly  ○ not done  ..."."""
    return "  ".join(f"{mark_glyph(mark, plain)} {name}" for mark, name in MARK_NAMES)


def weeks_that_fit(width: int) -> int:
    return max(1, (width - LABEL_WIDTH) // WEEK_WIDTH)


def _month_label_texts(day: date) -> tuple[str, ...]:
    """Longest first: where a year begins, its number, or else the month's name."""
    if day.month == 1:
        return (str(day.year), MONTHS[0])
    return (MONTHS[day.month - 1],)


def month_line(mondays: list[date], width: int, last: date | None = None) -> str:
    """The line above the weeks: each month with a day drawn (up to `last`) is named over the
    first week holding one of its days. From the right (the recent weeks matter most), a
    label that would run past `width`, or touch the next label kept, moves left, as far as
    it can while still over that week's cell; the leftmost may reach over the weekday names.
    A year's number gives way to "Jan" where it does not fit. Only where two months begin in
    the same week, at the calendar's left edge with a few days of the older one, is the
    older one left unnamed: the week is named for the month it mostly shows."""
    starts: dict[tuple[int, int], tuple[int, date]] = {}
    for column, monday in enumerate(mondays):
        for offset in range(7):
            day = _plus(monday, offset)
            if day is not None and (last is None or day <= last):
                starts.setdefault((day.year, day.month),
                                  (LABEL_WIDTH + WEEK_WIDTH * column + 1, day))
    line = [" "] * width
    limit = width
    for x, day in reversed(list(starts.values())):
        for text in _month_label_texts(day):
            start = min(x, limit - len(text))
            if start >= max(0, x - len(text) + 1):
                line[start:start + len(text)] = text
                limit = start - 1
                break
    return "".join(line)


def _plus(day: date, days: int) -> date | None:
    """`day` moved by `days`, or None past the calendar's ends (year 1 and 9999)."""
    ordinal = day.toordinal() + days
    if not date.min.toordinal() <= ordinal <= date.max.toordinal():
        return None
    return date.fromordinal(ordinal)


class Heatmap(Widget, can_focus=True):
    COMPONENT_CLASSES = {
        "heatmap--done", "heatmap--partly", "heatmap--not-done", "heatmap--rest",
        "heatmap--not-scheduled", "heatmap--today-open", "heatmap--label",
        "heatmap--selected", "heatmap--selected-blurred", "heatmap--marked-done",
        "heatmap--marked-partly",
    }
    DEFAULT_CSS = """
    Heatmap { height: 8; width: 1fr; }
    Heatmap > .heatmap--done { color: $text-success; }
    Heatmap > .heatmap--partly { color: $text-accent; }
    Heatmap > .heatmap--marked-done { color: $text-success; }
    Heatmap > .heatmap--marked-partly { color: $text-accent; }
    Heatmap > .heatmap--not-done { color: $text-muted; }
    Heatmap > .heatmap--rest { color: $text-secondary; }
    Heatmap > .heatmap--not-scheduled { color: $text-disabled; }
    Heatmap > .heatmap--today-open { color: $text-primary; }
    Heatmap > .heatmap--label { color: $text-muted; }
    Heatmap > .heatmap--selected { text-style: reverse bold; }
    Heatmap > .heatmap--selected-blurred { text-style: underline; }
    """
    BINDINGS = [
        Binding("left", "move(-7)", "Week before", show=False),
        Binding("right", "move(7)", "Week after", show=False),
        Binding("up", "move(-1)", "Day before", show=False),
        Binding("down", "move(1)", "Day after", show=False),
        Binding("home", "first", "First day", show=False),
        Binding("end", "today", "Today", show=False),
    ]

    selected: reactive[date] = reactive(date.min, init=False)
    """The day the arrow keys are on: never after today, nor before the first day shown."""

    class DaySelected(Message):
        """The chosen day changed (a key, a click, or data or a size that moved it)."""

        def __init__(self, day: date, heatmap: Heatmap | None = None) -> None:
            super().__init__()
            self.day = day
            self.heatmap = heatmap

        @property
        def control(self) -> Heatmap | None:
            return self.heatmap

    def __init__(self, marks: Mapping[date, str] | None = None, today: date | None = None, *,
                 plain: bool = False, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.marks: Mapping[date, str] = marks or {}
        self.today = today or date.today()
        self.plain = plain
        self.set_reactive(Heatmap.selected, self.today)

    # The days shown

    def mondays(self) -> list[date]:
        """The Monday of each week shown, oldest first; the last one's week holds today."""
        this_week = self.today - timedelta(days=self.today.weekday())
        weeks = min(weeks_that_fit(self.size.width),
                    (this_week - date.min).days // 7 + 1)
        return [this_week - timedelta(weeks=weeks - 1 - column) for column in range(weeks)]

    def first_shown(self) -> date | None:
        """The oldest day drawn, or None before the chart has a size."""
        return self.mondays()[0] if self.size.width else None

    def show(self, marks: Mapping[date, str], today: date | None = None) -> None:
        """Draw other data (another routine, or a new day); the chosen day stays if it can."""
        self.marks = marks
        if today is not None:
            self.today = today
        self.selected = self.selected  # the validator clamps it to the new days
        self.refresh()

    def validate_selected(self, day: date) -> date:
        first = self.first_shown()
        if first is not None and day < first:
            day = first
        return min(day, self.today)

    def watch_selected(self, day: date) -> None:
        self.post_message(self.DaySelected(day, self))

    def on_resize(self) -> None:
        self.selected = self.selected

    # Keys and clicks

    def action_move(self, days: int) -> None:
        moved = _plus(self.selected, days)
        if moved is not None:
            self.selected = moved

    def action_first(self) -> None:
        first = self.first_shown()
        if first is not None:
            self.selected = first

    def action_today(self) -> None:
        self.selected = self.today

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or not 1 <= offset.y <= 7 or offset.x < LABEL_WIDTH:
            return
        mondays = self.mondays()
        column = (offset.x - LABEL_WIDTH) // WEEK_WIDTH
        if column < len(mondays):
            day = _plus(mondays[column], offset.y - 1)
            if day is not None and day <= self.today:
                self.selected = day

    # Drawing

    def render(self) -> Content:
        mondays = self.mondays()
        width = self.size.width or LABEL_WIDTH + WEEK_WIDTH * len(mondays)
        label = component_style(self, "heatmap--label")
        chosen = component_style(self, "heatmap--selected" if self.has_focus
                                 else "heatmap--selected-blurred")
        styles = {mark: component_style(self, f"heatmap--{mark.replace('_', '-')}")
                  for mark, _ in (*MARK_NAMES, *MARKED_NAMES)}
        lines = [Content.styled(month_line(mondays, width, self.today), label)]
        for row, name in enumerate(WEEKDAYS):
            cells = [Content.styled(name, label)]
            for monday in mondays:
                day = _plus(monday, row)
                mark = self._mark(day)
                cell = Content.styled(mark_glyph(mark, self.plain), styles.get(mark, ""))
                if day == self.selected:
                    cell = cell.stylize(chosen)
                cells.extend((Content(" "), cell))
            lines.append(Content.assemble(*cells))
        return Content("\n").join(lines)

    def _mark(self, day: date | None) -> str:
        if day is None or day > self.today:
            return NONE
        mark = self.marks.get(day, NONE)
        return mark if mark_glyph(mark) != " " else NONE
