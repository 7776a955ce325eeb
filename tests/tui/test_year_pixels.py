"""The history screen's year at a glance, as a person sees it: a known mood as its digit in
its month's row and its day's column, a dot for a day without a check-in, today's month
ending on today; at 80x24 and 60x20, with NO_COLOR and in ASCII (LANG=C)."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot

from coach.insight.year_pixels import MONTHS
from coach.session.run import StepOutcome
from coach.store import Store
from coach.tui.screens.history import HistoryScreen
from coach.tui.widgets.year_pixels import (FIVES, NARROW, WIDE, Layout, YearPixels,
                                            layout_for, ruler)
from tests.tui.harness import make_app, settle
from tests.tui.terminal_text import painted_text

TODAY = date(2026, 11, 22)  # the harness's today
FIRST = date(2025, 12, 1)
#: Days with a known mood (two check-ins on 20 November, 6 and 7: shown as 7).
KNOWN = {date(2025, 12, 25): 10, date(2026, 2, 14): 9, date(2026, 6, 3): 0,
         date(2026, 11, 21): 4, date(2026, 11, 20): 7}
#: Days without a check-in.
WITHOUT = {date(2025, 12, 2), date(2026, 2, 28), date(2026, 7, 31), TODAY}
SIZES = [(80, 24), (60, 20)]


def write_year(data: Path) -> Store:
    """Every fourth day of the twelve months a check-in (mood by the day of the month), the
    KNOWN days theirs; none on the WITHOUT days."""
    clock = [datetime(2025, 1, 1, tzinfo=timezone.utc)]
    store = Store(data, now=lambda: clock[0], zone=(ZoneInfo("UTC"), "UTC"))

    def check_in(day: date, rating: int, hour: int = 20) -> None:
        clock[0] = datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)
        store.record_step("evening", f"s{day}{hour}", StepOutcome(
            "evening-mood", "mood", "done", clock[0], clock[0],
            {"rating": rating, "feelings": [], "note": ""}), day=day)

    day = FIRST
    while day < TODAY:
        if day in KNOWN:
            check_in(day, KNOWN[day])
        elif day.toordinal() % 4 == 0 and day not in WITHOUT:
            check_in(day, day.day % 10)
        day += timedelta(days=1)
    check_in(date(2026, 11, 20), 6, hour=8)
    return store


async def year_shown(pilot: Pilot) -> str:
    """The history screen scrolled to the year; what the terminal shows."""
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    year = screen.query_one(YearPixels)
    screen.query_one("#history-body", VerticalScroll).scroll_to_widget(year, animate=False,
                                                                     top=True)
    await settle(pilot)
    return painted_text(pilot.app)


def grid_of(text: str, layout: Layout) -> dict[str, str]:
    """Each month's row as read off the screen: label -> its day cells, from the 1st."""
    lines = text.splitlines()
    top = next(n for n, line in enumerate(lines) if "A year at a glance" in line)
    rows: dict[str, str] = {}
    for line in lines[top + 2:top + 14]:
        label = next(name for name in MONTHS if f"{name} " in line)
        start = line.index(f"{label} ")
        rows[label] = "".join(line[start + layout.x(day)] for day in range(1, 32))
    return rows


def cell_of(rows: dict[str, str], day: date) -> str:
    return rows[MONTHS[day.month - 1]][day.day - 1]


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "60x20"])
async def test_each_day_shows_its_mood_as_a_digit_in_its_month_and_day(
        tmp_path: Path, size: tuple[int, int]) -> None:
    write_year(tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        text = await year_shown(pilot)
        layout = layout_for(app.screen.query_one(YearPixels).size.width)
    assert layout == (WIDE if size[0] == 80 else FIVES)
    assert "A year at a glance · Dec 2025 to Nov 2026" in text
    assert "digits: mood 0-9, + 10, · no check-in" in text
    rows = grid_of(text, layout)
    assert list(rows) == ["Dec", *MONTHS[:11]]
    for day, mood in KNOWN.items():
        assert cell_of(rows, day) == ("+" if mood == 10 else str(mood)), day
    for day in WITHOUT:
        assert cell_of(rows, day) == "·", day
    # Today's month ends on today; each month has its days.
    assert [len(rows[name].rstrip()) for name in ("Nov", "Feb", "Apr", "Dec")] == [22, 28, 30, 31]
    assert cell_of(rows, date(2026, 11, 30)) == " "


async def test_without_colour_the_characters_alone_tell_the_moods(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    write_year(tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await year_shown(pilot)
    rows = grid_of(text, WIDE)
    assert cell_of(rows, date(2026, 2, 14)) == "9"
    assert cell_of(rows, date(2025, 12, 25)) == "+"
    assert cell_of(rows, date(2026, 7, 31)) == "·"


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "60x20"])
async def test_in_ascii_a_day_without_a_check_in_is_a_dot(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]) -> None:
    monkeypatch.setenv("LANG", "C")
    write_year(tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        text = await year_shown(pilot)
    assert text.isascii()
    assert "A year at a glance - Dec 2025 to Nov 2026" in text
    assert "digits: mood 0-9, + 10, . no check-in" in text
    rows = grid_of(text, WIDE if size[0] == 80 else FIVES)
    assert cell_of(rows, date(2026, 2, 28)) == "."
    assert cell_of(rows, date(2026, 6, 3)) == "0"
    assert cell_of(rows, date(2025, 12, 25)) == "+"


async def test_with_no_check_ins_it_says_how_the_year_fills_in(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        text = await year_shown(pilot)
    assert "A year at a glance · Dec 2025 to Nov 2026" in text
    assert "Check in with your mood and each day will fill in here" in text
    assert "digits: mood" not in text


def test_the_days_close_up_as_the_width_shrinks() -> None:
    """80 columns leave 78 for the section, 60 leave 58: two columns a day, then one in
    fives, then one."""
    assert [layout_for(width) for width in (78, 66, 65, 64, 58, 41, 40, 35)] == [
        WIDE, WIDE, WIDE, FIVES, FIVES, FIVES, NARROW, NARROW]
    assert ruler(WIDE) == "    1       5        10        15        20        25        30"
    assert ruler(FIVES) == "    1     6    11    16    21    26    31"
    assert ruler(NARROW) == "    1   5   10   15   20   25   30"
    assert (WIDE.width, FIVES.width, NARROW.width) == (65, 41, 35)
