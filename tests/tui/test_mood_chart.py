"""The mood chart on its own: gaps are not zeros, pairs of bars or runs of days by width, the
axis labels, plain ASCII, and snapshots at 80x24 in colour and with NO_COLOR.

Update the snapshots after an intended change with:
pytest tests/tui/test_mood_chart.py --snapshot-update
"""

from __future__ import annotations

import asyncio
import math
import os
from collections.abc import Sequence
from datetime import date, timedelta

import pytest
from textual.app import App, ComposeResult

from coach.insight.mood import MoodPoint
from coach.tui.widgets.mood_chart import MoodChart

LAST = date(2026, 11, 22)
X0 = 3  # the first bar's column, after "10│"


def first_of(days: int) -> date:
    return LAST - timedelta(days=days - 1)


def point(first: date, index: int, morning: float | None = None,
          evening: float | None = None) -> MoodPoint:
    present = [v for v in (morning, evening) if v is not None]
    average = sum(present) / len(present) if present else None
    return MoodPoint(first + timedelta(days=index), morning, evening, average)


class ChartApp(App[None]):
    def __init__(self, points: Sequence[MoodPoint], first: date | None, last: date | None, *,
                 width: int = 80, height: int = 7, plain: bool = False) -> None:
        super().__init__()
        self.chart = MoodChart(points, first, last, plain=plain)
        self.chart.styles.width = width
        self.chart.styles.height = height

    def compose(self) -> ComposeResult:
        yield self.chart


def rows(app: ChartApp) -> list[str]:
    return str(app.chart.render()).split("\n")


def column(app: ChartApp, x: int) -> str:
    """The bar rows at x, top to bottom."""
    bars = rows(app)[:-2]
    return "".join(row[x] if x < len(row) else " " for row in bars)


def colour_at(app: ChartApp, x: int, y: int) -> tuple[int, int, int]:
    segment = next(iter(app.chart.render_line(y).crop(x, x + 1)))
    return segment.style.color.get_truecolor()


async def test_a_day_without_a_check_in_is_a_gap_and_a_zero_is_a_low_bar() -> None:
    first = first_of(10)
    points = [point(first, 0, 0), point(first, 2, 10), point(first, 3, 5), point(first, 4, 1)]
    app = ChartApp(points, first, LAST)
    async with app.run_test(size=(80, 24)):
        assert [column(app, X0 + i) for i in range(5)] == [
            "    ▁", "    ·", "█████", "  ▄██", "    ▄"]
        assert column(app, X0 + 9) == "    ·"  # no check-in on the last day either
        assert colour_at(app, X0, 4) != colour_at(app, X0 + 1, 4)
        assert rows(app)[-1].strip() == "each column: a day   · no check-in"


async def test_morning_and_evening_side_by_side_when_two_cells_a_day_fit() -> None:
    first = first_of(30)
    points = [point(first, 0, 10, None), point(first, 1, None, 4), point(first, 2, 6, 2)]
    app = ChartApp(points, first, LAST)
    async with app.run_test(size=(80, 24)):
        assert [column(app, X0 + i) for i in range(6)] == [
            "█████", "    ·", "    ·", "   ██", "  ███", "    █"]
        assert column(app, X0 + 58) == column(app, X0 + 59) == "    ·"
        assert column(app, X0 + 60) == "     "  # 30 days: 60 cells, then nothing
        assert colour_at(app, X0 + 4, 4) != colour_at(app, X0 + 5, 4)
        assert colour_at(app, X0, 4) == colour_at(app, X0 + 4, 4)
        assert rows(app)[-1].strip() == ("each day: morning left, evening right   "
                                         "· no check-in")


async def test_one_column_a_day_when_pairs_do_not_fit() -> None:
    first = first_of(60)
    app = ChartApp([point(first, 0, 2, 8), point(first, 59, 10, 0)], first, LAST)
    async with app.run_test(size=(80, 24)):
        assert column(app, X0) == "  ▄██" and column(app, X0 + 59) == "  ▄██"
        assert column(app, X0 + 1) == "    ·"
        assert rows(app)[-1].strip() == "each column: a day, its average   · no check-in"


async def test_runs_of_days_a_column_when_days_do_not_fit_and_gaps_stay() -> None:
    first = first_of(90)
    points = [point(first, 0, 2), point(first, 1, None, 8), point(first, 4, 3, 3),
              point(first, 89, 9, 9)]
    app = ChartApp(points, first, LAST)
    async with app.run_test(size=(80, 24)):
        assert column(app, X0) == "  ▄██"  # days 0 and 1: (2 + 8) / 2
        assert column(app, X0 + 1) == "    ·"  # days 2 and 3: no check-in
        assert column(app, X0 + 2) == "   ▄█"  # day 4 alone counts: 3
        assert column(app, X0 + 44) == "▄████" and column(app, X0 + 45) == "     "  # 9
        assert rows(app)[-1].strip() == "each column: 2 days, their average   · no check-in"


async def test_the_last_column_ends_on_the_last_day() -> None:
    first = first_of(31)
    points = [point(first, 0, 10), point(first, 1, 0), point(first, 30, 10)]
    app = ChartApp(points, first, LAST, width=20)
    async with app.run_test(size=(80, 24)):  # 17 cells: 16 columns of 2 days, the first of 1
        assert [column(app, X0 + i) for i in (0, 1, 15)] == ["█████", "    ▁", "█████"]
        assert column(app, X0 + 16) == "     "
        assert rows(app)[-2] == "   23 Oct    22 Nov"


async def test_dates_under_the_first_middle_and_last_day() -> None:
    first = first_of(30)
    app = ChartApp([point(first, 3, 5, 5)], first, LAST)
    async with app.run_test(size=(80, 24)):
        assert rows(app)[-2] == "   24 Oct" + " " * 22 + "7 Nov" + " " * 21 + "22 Nov"
        assert rows(app)[-2].index("7 Nov") == X0 + 2 * 14
        assert rows(app)[-2].index("22 Nov") + len("22 Nov") == X0 + 60


@pytest.mark.parametrize(("width", "line"), [
    (20, "   24 Oct   22 Nov"),  # 15 columns of 2 days: no room for the middle date
    (12, "     22 Nov"),  # 8 columns: the last date only, never a part of one
])
async def test_dates_that_do_not_fit_are_left_out_whole(width: int, line: str) -> None:
    first = first_of(30)
    app = ChartApp([point(first, 3, 5)], first, LAST, width=width)
    async with app.run_test(size=(80, 24)):
        assert rows(app)[-2] == line


async def test_the_year_is_named_when_the_days_span_two() -> None:
    first = date(2026, 12, 20)
    app = ChartApp([point(first, 0, 5, 6)], first, date(2027, 1, 18))
    async with app.run_test(size=(80, 24)):
        assert rows(app)[-2].split() == ["20", "Dec", "2026", "3", "Jan", "2027",
                                         "18", "Jan", "2027"]


@pytest.mark.parametrize(("height", "labelled"), [(7, {0: "10", 2: " 5", 4: " 0"}),
                                                  (9, {0: "10", 3: " 5", 6: " 0"})])
async def test_ten_five_and_zero_on_the_left_at_any_height(height: int,
                                                          labelled: dict[int, str]) -> None:
    first = first_of(10)
    app = ChartApp([point(first, 0, 5), point(first, 1, 10)], first, LAST, height=height)
    async with app.run_test(size=(80, 24)):
        bars = rows(app)[:-2]
        assert len(bars) == height - 2
        assert {y: row[:2] for y, row in enumerate(bars) if row[:2].strip()} == labelled
        assert all(row[2] == "│" for row in bars)
        five = next(y for y, label in labelled.items() if label == " 5")
        assert bars[five][X0] == "▄"  # a 5 reaches halfway into the row labelled 5
        assert bars[five - 1][X0] == " " and bars[five + 1][X0] == "█"


async def test_plain_draws_in_ascii() -> None:
    first = first_of(10)
    points = [point(first, 0, 0), point(first, 2, 10), point(first, 3, 5), point(first, 4, 1)]
    app = ChartApp(points, first, LAST, plain=True)
    async with app.run_test(size=(80, 24)):
        assert [column(app, X0 + i) for i in range(5)] == [
            "    _", "    .", "#####", "   ##", "    #"]
        text = "\n".join(rows(app))
        assert text.isascii()
        assert [row[:3] for row in rows(app)[:5]] == ["10|", "  |", " 5|", "  |", " 0|"]
        assert rows(app)[-1].strip().endswith(". no check-in")


async def test_ratings_out_of_range_are_held_to_it_and_not_a_number_is_a_gap() -> None:
    first = first_of(5)
    points = [MoodPoint(first, 12, None, 12), MoodPoint(first + timedelta(days=1), -3, None, -3),
              MoodPoint(first + timedelta(days=2), math.nan, None, math.nan)]
    app = ChartApp(points, first, LAST)
    async with app.run_test(size=(80, 24)):
        assert [column(app, X0 + i) for i in range(3)] == ["█████", "    ▁", "    ·"]


async def test_show_replaces_the_days() -> None:
    first = first_of(10)
    app = ChartApp([point(first, 0, 10)], first, LAST)
    async with app.run_test(size=(80, 24)) as pilot:
        app.chart.show([point(LAST, 0, 0)], LAST - timedelta(days=2), LAST)
        await pilot.pause()
        assert [column(app, X0 + i) for i in range(4)] == ["    ·", "    ·", "    ▁", "     "]
        assert rows(app)[-2] == "22 Nov"  # ends under the last day; no room for the first
        app.chart.show([point(LAST, 0, 10), point(LAST - timedelta(days=1), 0, 0)])
        await pilot.pause()  # without a range: from the first point to the last
        assert [column(app, X0 + i) for i in range(3)] == ["    ▁", "█████", "     "]


async def test_nothing_to_show() -> None:
    app = ChartApp([], None, None)
    async with app.run_test(size=(80, 24)) as pilot:
        assert rows(app) == ["No days to show."]
        app.chart.show([], first_of(3), LAST)
        await pilot.pause()
        assert [column(app, X0 + i) for i in range(3)] == ["    ·"] * 3


async def test_drawn_only_when_the_data_or_the_size_change() -> None:
    first = first_of(30)
    app = ChartApp([point(first, 0, 3, 7)], first, LAST)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        drawn: list[int] = []
        original = app.chart.render
        app.chart.render = lambda: drawn.append(1) or original()  # type: ignore[method-assign]
        await asyncio.sleep(0.5)
        await pilot.pause()
        assert drawn == []
        app.chart.styles.width = 20
        await pilot.pause()
        assert drawn
        assert rows(app)[-1].strip().startswith("each column: 2 days")


def month_of_moods() -> list[MoodPoint]:
    """Ninety days: mornings lower than evenings, a week away with no check-ins, a few
    mornings only, and one very low day (0)."""
    first = first_of(90)
    points = []
    for i in range(90):
        if 50 <= i < 57 or i % 9 == 4:
            continue
        morning = (3 + (i * 7) % 6) if i % 13 != 0 else 0
        evening = None if i % 6 == 1 else min(10, 4 + (i * 5) % 7)
        points.append(point(first, i, morning, evening))
    return points


class SnapshotApp(App[None]):
    CSS = "MoodChart { margin: 1 2 0 2; }"

    def __init__(self) -> None:
        # As coach does: with NO_COLOR, ANSI colours, which Textual then leaves out.
        super().__init__(ansi_color=True if os.environ.get("NO_COLOR") else None)

    def compose(self) -> ComposeResult:
        points = month_of_moods()
        yield MoodChart(points[-27:], first_of(30), LAST)
        yield MoodChart(points, first_of(90), LAST)
        yield MoodChart(points, first_of(90), LAST, plain=True)


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
def test_snapshot(snap_compare, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                  no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(SnapshotApp(), terminal_size=(80, 24))
