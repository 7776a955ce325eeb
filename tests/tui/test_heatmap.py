"""The heatmap on its own: where weeks and month labels fall, a shape for each kind of day, the
chosen day under the keys, and snapshots at 80x24 in colour and with NO_COLOR.

Update the snapshots after an intended change with:
pytest tests/tui/test_heatmap.py --snapshot-update
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from datetime import date, timedelta

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Offset
from textual.pilot import Pilot
from textual.widgets import Static

from coach.foundation.locale_text import wants_plain
from coach.insight.marks import (DONE, NONE, NOT_DONE, NOT_SCHEDULED, PARTLY, REST,
                                 TODAY_OPEN)
from coach.tui.widgets.heatmap import Heatmap, legend, month_line

TODAY = date(2026, 11, 22)  # a Sunday: the last cell of the last column
SUNDAY = 6


def days_before(today: date, count: int, mark: str) -> dict[date, str]:
    return {today - timedelta(days=i): mark for i in range(count)}


class HeatmapApp(App[None]):
    """The heatmap alone at a given width, a Static to move the focus to, and every
    DaySelected the heatmap posts."""

    def __init__(self, marks: Mapping[date, str], today: date = TODAY, *, width: int = 28,
                 plain: bool = False, css: str = "") -> None:
        self.CSS = css
        super().__init__()
        self.heatmap = Heatmap(marks, today, plain=plain)
        self.heatmap.styles.width = width
        self.picked: list[date] = []

    def compose(self) -> ComposeResult:
        yield self.heatmap
        yield Static("elsewhere", id="elsewhere")

    def on_heatmap_day_selected(self, message: Heatmap.DaySelected) -> None:
        assert message.heatmap is self.heatmap and message.control is self.heatmap
        self.picked.append(message.day)


def lines(app: HeatmapApp) -> list[str]:
    return str(app.heatmap.render()).split("\n")


def cell_at(app: HeatmapApp, x: int, y: int):  # type: ignore[no-untyped-def]
    """The character painted at (x, y) of the heatmap, and its Rich style."""
    strip = app.heatmap.render_line(y).crop(x, x + 1)
    segment = next(iter(strip))
    return segment.text, segment.style


def x_of_week(column: int) -> int:
    return 2 + 2 * column + 1


async def test_as_many_weeks_as_fit_with_this_week_rightmost() -> None:
    app = HeatmapApp(days_before(TODAY, 200, NOT_SCHEDULED) | {TODAY: TODAY_OPEN}, width=28)
    async with app.run_test(size=(80, 24)):
        rows = lines(app)
        assert len(rows) == 8
        mondays = app.heatmap.mondays()
        assert len(mondays) == 13  # (28 - 2) // 2
        assert mondays[-1] == date(2026, 11, 16) and mondays[0] == date(2026, 8, 24)
        assert [row[:2] for row in rows[1:]] == ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
        assert rows[1 + SUNDAY] == "Su" + " ·" * 12 + " ◌"
        assert all(len(row) == 28 for row in rows[1:])


async def test_wider_shows_more_weeks_and_days_after_today_are_blank() -> None:
    wednesday = date(2026, 11, 18)
    app = HeatmapApp(days_before(wednesday, 400, DONE), wednesday, width=80)
    async with app.run_test(size=(80, 24)):
        rows = lines(app)
        assert len(app.heatmap.mondays()) == 39
        assert [row[-1] for row in rows[1:]] == ["●", "●", "●", " ", " ", " ", " "]


async def test_the_month_name_is_over_the_first_week_with_its_days() -> None:
    marks = days_before(TODAY, 91, NOT_SCHEDULED)
    for first in (date(2026, 9, 1), date(2026, 10, 1), date(2026, 11, 1)):
        marks[first] = DONE
    app = HeatmapApp(marks, width=28)
    async with app.run_test(size=(80, 24)):
        rows = lines(app)
        # August's last days are in the first week: named too, over the weekday names.
        assert rows[0] == " Aug Sep     Oct     Nov    "
        for name, first in (("Sep", date(2026, 9, 1)), ("Oct", date(2026, 10, 1)),
                            ("Nov", date(2026, 11, 1))):
            assert rows[1 + first.weekday()][rows[0].index(name)] == "●"


@pytest.mark.parametrize(("width", "moved"), [(28, 1), (29, 0)])
async def test_the_year_where_a_year_begins_ending_at_the_edge(width: int, moved: int) -> None:
    today = date(2027, 1, 6)  # Jan 1 (a Friday) is in the week before this one
    app = HeatmapApp(days_before(today, 60, DONE), today, width=width)
    async with app.run_test(size=(80, 24)):
        top = lines(app)[0]
        assert top.rstrip().endswith(f"Dec{' ' * (5 - moved)}2027")
        assert top.index("2027") == x_of_week(11) - moved


NOV_2 = [date(2026, 11, 2) + timedelta(weeks=i) for i in range(5)]  # Dec 1: last week
NOV_30 = [date(2026, 11, 30) + timedelta(weeks=i) for i in range(5)]  # Dec 1 .. Jan 1


@pytest.mark.parametrize(("mondays", "width", "last", "line"), [
    # The month just begun, in the last week, ends at the edge, still over its week's cell.
    (NOV_2, 13, None, "   Nov    Dec"),
    (NOV_2, 14, None, "   Nov     Dec"),
    # Days after `last` (today) are not drawn: December, not begun, is not named.
    (NOV_2, 13, date(2026, 11, 30), "   Nov       "),
    # 30 November shares the first week with December's start: the week is December's.
    (NOV_30, 13, None, "   Dec   2027"),
    (NOV_30, 15, None, "   Dec     2027"),
    # Weeks one column apart (never the case in a calendar, but the rule is the same): the
    # older label moves left, over the weekday names, to leave a space before the next.
    ([date(2026, 11, 30), date(2026, 12, 28)], 9, None, " Dec 2027"),
])
def test_every_month_drawn_is_named_over_its_first_week(
        mondays: list[date], width: int, last: date | None, line: str) -> None:
    assert month_line(mondays, width, last) == line


@pytest.mark.parametrize(("plain", "shapes"), [
    (False, {DONE: "●", PARTLY: "◐", NOT_DONE: "○", REST: "–", NOT_SCHEDULED: "·",
             TODAY_OPEN: "◌", NONE: " "}),
    (True, {DONE: "#", PARTLY: "+", NOT_DONE: "o", REST: "-", NOT_SCHEDULED: ".",
            TODAY_OPEN: "_", NONE: " "}),
], ids=["unicode", "plain"])
async def test_each_kind_of_day_has_its_own_shape(plain: bool, shapes: dict[str, str]) -> None:
    order = [NONE, DONE, PARTLY, NOT_DONE, REST, NOT_SCHEDULED]
    monday = date(2026, 11, 16)
    marks = {monday + timedelta(days=i): mark for i, mark in enumerate(order)}
    marks[TODAY] = TODAY_OPEN
    marks[TODAY - timedelta(weeks=1)] = "unknown"  # a mark this chart does not know: blank
    app = HeatmapApp(marks, width=28, plain=plain)
    async with app.run_test(size=(80, 24)):
        rows = lines(app)
        column = [rows[1 + day][-1] for day in range(7)]
        assert column == [shapes[mark] for mark in order + [TODAY_OPEN]]
        assert rows[1 + SUNDAY][-3] == " "
        assert len(set(shapes.values())) == len(shapes)
        painted = "".join(rows)
        assert not set(painted) & set("✗✘×xX"), "no crosses"


MONDAY = date(2026, 11, 16)
COLOURED = [DONE, PARTLY, NOT_DONE, REST, NOT_SCHEDULED, TODAY_OPEN]


def this_week_colours(app: HeatmapApp) -> list[tuple[int, int, int]]:
    return [cell_at(app, x_of_week(12), 1 + day)[1].color.get_truecolor() for day in range(7)]


async def test_colours_come_from_the_theme_and_none_is_red() -> None:
    marks = {MONDAY + timedelta(days=i): mark for i, mark in enumerate(COLOURED)}
    app = HeatmapApp(marks, TODAY - timedelta(days=1), width=28)
    async with app.run_test(size=(80, 24)):
        colours = this_week_colours(app)[:6]
        assert len(set(colours)) == 6
        assert colours[0] == (0x8A, 0xD4, 0xA1)  # $text-success of textual-dark
        for red, green, blue in colours:
            assert not (red > 150 and green < 110 and blue < 110), (red, green, blue)


async def test_an_app_can_restyle_each_kind_of_day() -> None:
    marks = {MONDAY + timedelta(days=i): mark for i, mark in enumerate(COLOURED)}
    css = "\n".join(f"Heatmap > .heatmap--{mark.replace('_', '-')} {{ color: #0000{i:02x}; }}"
                    for i, mark in enumerate(COLOURED))
    app = HeatmapApp(marks, TODAY - timedelta(days=1), width=28, css=css)
    async with app.run_test(size=(80, 24)):
        assert this_week_colours(app)[:6] == [(0, 0, i) for i in range(6)]


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await pilot.pause()


async def test_keys_move_the_chosen_day_and_post_it() -> None:
    app = HeatmapApp(days_before(TODAY, 200, DONE), width=28)
    async with app.run_test(size=(80, 24)) as pilot:
        heatmap = app.heatmap
        assert heatmap.selected == TODAY
        heatmap.focus()
        await press(pilot, "left")
        assert heatmap.selected == TODAY - timedelta(weeks=1)
        await press(pilot, "up", "up")
        assert heatmap.selected == TODAY - timedelta(days=9)
        await press(pilot, "down")
        await press(pilot, "right")
        assert heatmap.selected == TODAY - timedelta(days=1)
        await press(pilot, "right")  # tomorrow: no further than today
        assert heatmap.selected == TODAY
        await press(pilot, "home")
        assert heatmap.selected == date(2026, 8, 24)
        await press(pilot, "left", "up")  # before the first day shown: it stays
        assert heatmap.selected == date(2026, 8, 24)
        await press(pilot, "end")
        assert app.picked == [TODAY - timedelta(weeks=1), TODAY - timedelta(days=8),
                              TODAY - timedelta(days=9), TODAY - timedelta(days=8),
                              TODAY - timedelta(days=1), TODAY, date(2026, 8, 24), TODAY]


async def test_the_chosen_day_is_reverse_while_focused_and_underlined_otherwise() -> None:
    app = HeatmapApp(days_before(TODAY, 30, DONE), width=28)
    async with app.run_test(size=(80, 24)) as pilot:
        app.heatmap.focus()
        await press(pilot, "up")
        x = x_of_week(12)
        text, style = cell_at(app, x, 1 + 5)  # Saturday
        assert text == "●" and style.reverse and not style.underline
        assert not cell_at(app, x, 1 + SUNDAY)[1].reverse
        app.query_one("#elsewhere").can_focus = True
        app.query_one("#elsewhere").focus()
        await pilot.pause()
        text, style = cell_at(app, x, 1 + 5)
        assert text == "●" and style.underline and not style.reverse
        assert style.color == cell_at(app, x, 1 + 4)[1].color  # the day keeps its colour


async def test_a_click_picks_a_day_up_to_today() -> None:
    app = HeatmapApp(days_before(TODAY, 100, DONE), width=28)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.click(Heatmap, offset=Offset(x_of_week(10), 1 + 2))
        await pilot.pause()
        assert app.heatmap.selected == date(2026, 11, 4)
        assert app.heatmap.has_focus
        await pilot.click(Heatmap, offset=Offset(0, 3))  # on a weekday label: nothing
        await pilot.click(Heatmap, offset=Offset(x_of_week(3), 0))  # on the month line
        await pilot.pause()
        assert app.picked == [date(2026, 11, 4)]


async def test_show_replaces_the_data_and_keeps_the_day() -> None:
    app = HeatmapApp(days_before(TODAY, 30, DONE), width=28)
    async with app.run_test(size=(80, 24)) as pilot:
        app.heatmap.selected = TODAY - timedelta(days=3)
        await pilot.pause()
        app.heatmap.show(days_before(TODAY, 30, REST), TODAY)
        await pilot.pause()
        assert app.heatmap.selected == TODAY - timedelta(days=3)
        assert lines(app)[1 + SUNDAY].endswith("– –")
        app.heatmap.show({}, TODAY - timedelta(days=5))  # "today" earlier: the day follows
        await pilot.pause()
        assert app.heatmap.selected == TODAY - timedelta(days=5)
        assert app.picked == [TODAY - timedelta(days=3), TODAY - timedelta(days=5)]
        assert lines(app)[1 + SUNDAY].strip() == "Su"


async def test_narrower_keeps_the_day_within_the_weeks_shown() -> None:
    app = HeatmapApp(days_before(TODAY, 200, DONE), width=28)
    async with app.run_test(size=(80, 24)) as pilot:
        app.heatmap.selected = date(2026, 8, 24)
        app.heatmap.styles.width = 12  # five weeks
        await pilot.pause()
        assert app.heatmap.selected == date(2026, 10, 19)


async def test_nothing_is_drawn_again_while_nothing_changes() -> None:
    app = HeatmapApp(days_before(TODAY, 30, DONE), width=28)
    async with app.run_test(size=(80, 24)) as pilot:
        app.heatmap.focus()
        await pilot.pause()
        drawn: list[int] = []
        original = app.heatmap.render
        app.heatmap.render = lambda: drawn.append(1) or original()  # type: ignore[method-assign]
        await asyncio.sleep(0.5)
        await pilot.pause()
        assert drawn == []
        await press(pilot, "up")
        assert drawn


def test_the_legend_names_every_shape() -> None:
    assert legend() == ("● done  ◐ partly  ○ not done  ◌ today, open  – rest day  "
                        "· not scheduled")
    assert legend(plain=True) == ("# done  + partly  o not done  _ today, open  - rest day  "
                                  ". not scheduled")


@pytest.mark.parametrize(("environ", "plain"), [
    ({"LANG": "C"}, True), ({}, True), ({"LANG": "en_GB.UTF-8"}, False),
    ({"LANG": "en_GB.UTF-8", "LC_ALL": "POSIX"}, True), ({"LC_CTYPE": "de_DE.utf8"}, False),
    ({"LANG": "en_US.ISO-8859-1"}, True), ({"LANG": "sr_RS.UTF-8@latin"}, False),
])
def test_the_locale_says_when_to_draw_in_ascii(environ: dict[str, str], plain: bool) -> None:
    assert wants_plain(environ) is plain


@pytest.mark.parametrize(("environ", "plain"), [
    ({"LANG": "C"}, True), ({}, True), ({"LANG": "C.UTF-8"}, False),
    ({"LANG": "C", "LC_CTYPE": "C.UTF-8"}, False), ({"LANG": "C", "PYTHONUTF8": "1"}, False),
])
def test_a_process_started_in_the_c_locale_draws_in_ascii(environ: dict[str, str],
                                                          plain: bool) -> None:
    """Python started in the C locale sets LC_CTYPE=C.UTF-8 itself (PEP 538): coach still
    takes the locale it was given."""
    import subprocess
    import sys

    from tests.conftest import REPO

    asked = subprocess.run(
        [sys.executable, "-c", "from coach.foundation.locale_text import wants_plain; "
                               "print(wants_plain())"],
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), **environ},
        capture_output=True, text=True, check=True)
    assert asked.stdout.strip() == str(plain)


def sample_marks() -> dict[date, str]:
    """Half a year: mostly done, some partly, a rest day on some Sundays, not scheduled on
    Saturdays, a few missed days, and today still open."""
    marks: dict[date, str] = {}
    for i in range(1, 190):
        day = TODAY - timedelta(days=i)
        if day.weekday() == 5:
            marks[day] = NOT_SCHEDULED
        elif day.weekday() == 6 and i % 3 == 0:
            marks[day] = REST
        elif i % 11 == 0:
            marks[day] = NOT_DONE
        elif i % 5 == 0:
            marks[day] = PARTLY
        else:
            marks[day] = DONE
    marks[TODAY] = TODAY_OPEN
    return marks


class SnapshotApp(App[None]):
    CSS = "Heatmap { margin: 1 2; } #legend { margin: 0 2; }"

    def __init__(self) -> None:
        # As coach does: with NO_COLOR, ANSI colours, which Textual then leaves out.
        import os
        super().__init__(ansi_color=True if os.environ.get("NO_COLOR") else None)

    def compose(self) -> ComposeResult:
        yield Heatmap(sample_marks(), TODAY)
        yield Static(legend(), id="legend")


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
def test_snapshot(snap_compare, monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
                  no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")

    async def choose(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("up", "left")
        await pilot.pause()

    assert snap_compare(SnapshotApp(), terminal_size=(80, 24), run_before=choose)
