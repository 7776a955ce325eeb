"""The strength chart on its own: a column a week, bars by height in eighths or in `#`,
the 0/50/100% axis, month names under their first week, and the newest weeks where the
year does not fit."""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App, ComposeResult

from coach.insight.strength_weeks import Weeks, week_ends
from coach.tui.widgets.strength_chart import GUTTER, StrengthChart, month_line

TODAY = date(2026, 11, 23)


def year(score_of=lambda n: n / 52) -> Weeks:  # type: ignore[no-untyped-def]
    return tuple((day, score_of(n)) for n, day in enumerate(week_ends(date(2000, 1, 1), TODAY)))


class ChartApp(App[None]):
    def __init__(self, weeks: Weeks, width: int, plain: bool = False) -> None:
        super().__init__()
        self.chart = StrengthChart(weeks, plain=plain)
        self.chart.styles.width = width

    def compose(self) -> ComposeResult:
        yield self.chart


async def drawn(weeks: Weeks, width: int = 78, plain: bool = False) -> list[str]:
    app = ChartApp(weeks, width, plain)
    async with app.run_test(size=(80, 24)):
        return str(app.chart.render()).split("\n")


async def test_a_year_of_weeks_rises_with_the_score_in_eighths() -> None:
    lines = await drawn(year())
    title, *bars, months, caption = lines
    assert title == "Habit strength · the last year"
    assert [line[:GUTTER] for line in bars] == ["100%│", "    │", " 50%│", "    │", "  0%│"]
    columns = ["".join(line[GUTTER + x] if GUTTER + x < len(line) else " " for line in bars)
               for x in range(53)]
    assert columns[0] == "    ▁"  # a score of 0 is the lowest bar there is, not nothing
    assert columns[26] == "  ▄██"  # half
    assert columns[-1] == "█████"
    assert "Dec" in months and "2026" in months and months.rstrip().endswith("Nov")
    assert "each column: a week" in caption


async def test_in_ascii_whole_cells_of_hash_and_a_plain_axis() -> None:
    lines = await drawn(year(), plain=True)
    assert lines[0] == "Habit strength - the last year"
    assert lines[1].startswith("100%|") and lines[5].startswith("  0%|")
    assert all(line.isascii() for line in lines)
    assert lines[5][GUTTER] == "_" and lines[1][-1] == "#"


async def test_narrower_than_a_year_shows_the_newest_weeks_and_says_so() -> None:
    weeks = year()
    lines = await drawn(weeks, width=40)
    assert all(len(line) <= 40 for line in lines)
    assert len(lines[5]) == 40  # 35 weeks after the axis
    assert lines[5].endswith("█████")  # the newest, strongest weeks
    assert lines[-1] == " " * GUTTER + "each column: a week, the last 35"


def test_month_names_stand_under_their_first_week_and_never_touch() -> None:
    weeks = year()
    line = month_line(weeks, 80)
    first_dec = next(n for n, (day, _) in enumerate(weeks) if day.month == 12)
    assert line[GUTTER + first_dec:GUTTER + first_dec + 3] == "Dec"
    assert line.index("2026") == GUTTER + next(n for n, (d, _) in enumerate(weeks)
                                                if d.year == 2026)
    words = line.split()
    assert "  " not in line.strip() or all(len(word) >= 3 for word in words)
    # The first week alone in its month (30 November) is not named over December's.
    assert not line.strip().startswith("Nov")
    assert month_line(((TODAY - timedelta(days=1), 0.5), (TODAY, 0.5)), 80) == ""
