"""A routine left part way today can be made a rest day from home, and taken back."""

from __future__ import annotations

from pathlib import Path

from tests.tui.harness import make_app, settle
from tests.tui.history_data import TODAY
from tests.tui.terminal_text import painted_text
from tests.ui_thread import reads_allowed


def footer(app) -> str:  # type: ignore[no-untyped-def]
    return painted_text(app).splitlines()[-1]


async def test_leaving_part_way_offers_a_rest_day_on_home(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("down")  # the second routine in the list
        await settle(pilot)
        routine = app.screen.query_one("#routines").highlighted_option.id
        assert "Rest day" not in footer(app)  # nothing started: nothing to rest from
        await pilot.press("enter", "ctrl+s")  # its first step skipped: one step recorded
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert any("press z on the home screen to make today a rest day" in n.message
                   for n in app._notifications)
        assert "z Rest day" in footer(app)
        await pilot.press("z")
        await settle(pilot)
        with reads_allowed():
            assert app.store.rest_days(routine, TODAY, TODAY) == {TODAY}
        assert "a rest day today" in painted_text(app)
        assert "z Not a rest day" in footer(app)
        await pilot.press("z")
        await settle(pilot)
        with reads_allowed():
            assert app.store.rest_days(routine, TODAY, TODAY) == set()
        assert "in progress" in painted_text(app)


async def test_a_routine_done_today_offers_no_rest_day(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.states["evening"] = screen.states["evening"].__class__(True, 0, True, None)
        assert screen.check_action("rest_day", ()) is False


async def test_a_routine_marked_done_today_shows_done(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    with reads_allowed():
        app.store.mark_day("morning", TODAY, "done")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "✓ done today" in painted_text(app).split("Evening")[0]
