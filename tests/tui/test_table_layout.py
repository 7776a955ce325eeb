"""The activity tables and the home screen from 60x20 to 200x60: columns as wide as what
they hold, a gap between every two, a long name wrapped whole in its column, times never
cut."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widget import Widget
from textual.widgets import Static

from coach.session.run import StepOutcome
from coach.store import Store
from tests.tui.harness import NOON, make_app, settle
from tests.tui.terminal_text import painted_text

LONG = "Call my sister about the trip to the coast next summer"
#: As long as a planned activity's name may be (activity_plan's limit).
LONGEST = "Sort the photos from the summer, print six of them and frame the one of Mum"
#: Three activities planned this morning, one with a name too long for a narrow row.
PLANNED = [
    {"id": "a1", "name": "Walk", "time": "18:00", "predicted": 6},
    {"id": "a2", "name": LONG, "time": "19:30", "predicted": 7},
    {"id": "a3", "name": "Read", "time": None, "predicted": 5},
]


def plan_this_morning(tmp_path: Path, planned: list[dict[str, object]] = PLANNED) -> None:
    store = Store(tmp_path / "data", now=lambda: NOON, zone=(ZoneInfo("UTC"), "UTC"))
    store.record_step("morning", "this-morning", StepOutcome(
        "plan-activities", "activity_plan", "done", NOON, NOON, {"activities": planned}))


def row_of(text: str, words: str) -> str:
    [row] = [line for line in text.splitlines() if words in line]
    return row


def shown_in(text: str, cell: Widget) -> str:
    """The words painted in a cell, its lines joined."""
    lines = text.splitlines()[cell.region.y:cell.region.bottom]
    return " ".join(line[cell.region.x:cell.region.right].strip() for line in lines).strip()


async def open_review(tmp_path: Path, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+s")  # the evening's muscle relaxation
    await settle(pilot)


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40), (200, 60)])
async def test_the_review_wraps_a_long_name_whole_and_keeps_its_time(
        tmp_path: Path, size: tuple[int, int]) -> None:
    plan_this_morning(tmp_path, [*PLANNED, {"id": "a4", "name": LONGEST, "time": None}])
    app = make_app(tmp_path, start_with="evening")
    async with app.run_test(size=(size[0], 60)) as pilot:  # tall enough to see every row
        await open_review(tmp_path, pilot)
        text = painted_text(app)
        assert "…" not in text
        row = row_of(text, "Call my sister")
        assert "19:30" in row and "not yet" in row, text
        names = app.screen.query(".activity-row > .col-name")
        assert [shown_in(text, name) for name in names] == ["Walk", LONG, "Read", LONGEST]
        assert names[3].region.height > 1  # wider than its column at any size
        walk = row_of(text, "Walk")
        assert "18:00" in walk, walk
        # A gap before the Done column: no cell runs into the next one.
        cells = [w for w in app.screen.query(".activity-row > *")]
        for left, right in zip(cells, cells[1:]):
            if left.parent is right.parent:
                assert left.region.right < right.region.x, (left, right)


async def test_the_review_shows_a_long_name_whole_where_there_is_room(tmp_path: Path) -> None:
    plan_this_morning(tmp_path)
    app = make_app(tmp_path, start_with="evening")
    async with app.run_test(size=(200, 60)) as pilot:
        await open_review(tmp_path, pilot)
        assert LONG in row_of(painted_text(app), "Call my sister")
        name = app.screen.query_one(".activity-head > .col-name", Static)
        # As wide as the longest name: the other columns sit next to it, not far across.
        assert name.region.width == len(LONG), name.region


async def test_the_plan_columns_sit_close_together_on_a_wide_screen(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="morning")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+s", "ctrl+s")
        await settle(pilot)
        name = app.screen.query_one("#name-1")
        when = app.screen.query_one("#time-1")
        score = app.screen.query_one("#predicted-1")
        assert 20 <= name.region.width <= 40, name.region
        assert when.region.x - name.region.right <= 1, (name.region, when.region)
        assert score.region.right - name.region.x <= 65, (name.region, score.region)

@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
async def test_the_home_preview_keeps_room_on_a_narrow_screen(
        tmp_path: Path, size: tuple[int, int]) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        preview = app.screen.query_one("#preview", Static)
        assert preview.content_region.width >= 26, preview.content_region
        routines = app.screen.query_one("#routines")
        assert routines.region.width >= 24, routines.region
