"""A 0-10 scale starts with no number chosen: a digit chooses, the first arrow starts in
the middle, and going on without a number asks for one, under the scale."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from coach.routine.catalog import RoutineDir
from coach.tui.widgets.rating import Rating
from tests.fakes import FakeClock
from tests.tui.harness import make_app, screen_text, settle
from tests.tui.terminal_text import painted_text
from tests.tui.test_field_problems import note
from tests.tui.test_pacer import breathing_routine
from tests.ui_thread import reads_allowed

ASK = "Choose a number from 0 to 10"


def mood_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "m.yaml").write_text("title: M\nsteps:\n  - type: mood\n  - type: mood\n")
    return make_app(tmp_path, dirs=[RoutineDir(directory, False)], start_with="m")


def steps_saved(app) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    with reads_allowed():
        return app.store.records(kind="step", routine="m")


async def test_enter_straight_away_saves_nothing_and_asks_for_a_number(tmp_path: Path) -> None:
    app = mood_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(pilot)
        assert app.screen.query_one(Rating).has_focus
        await pilot.press("enter")
        await settle(pilot)
        screen = painted_text(app)
        assert "Step 1 of 2" in screen, screen
        assert screen.count(ASK) == 1, screen
        said = note(app, "mood-rating")
        assert said is not None and ASK in said, said
        assert app.screen.query_one(Rating).has_focus
        assert not list(app._notifications)
        assert steps_saved(app) == []


@pytest.mark.parametrize(("keys", "status", "data"), [
    (("2", "enter"), "done", {"rating": 2, "feelings": []}),
    (("1", "0", "enter"), "done", {"rating": 10, "feelings": []}),
    (("ctrl+s",), "skipped", {}),  # a person who would rather not rate can still skip
])
async def test_a_digit_chooses_and_enter_saves_it(  # type: ignore[type-arg]
        tmp_path: Path, keys: tuple[str, ...], status: str, data: dict) -> None:
    app = mood_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        assert "Step 2 of 2" in screen_text(app)
    [saved] = steps_saved(app)
    assert saved["status"] == status and saved.get("data") == data


async def test_the_ask_goes_once_a_number_is_chosen(tmp_path: Path) -> None:
    app = mood_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert note(app, "mood-rating") is not None
        await pilot.press("tab", "shift+tab")  # past the scale and back: still asked
        await settle(pilot)
        assert note(app, "mood-rating") is not None
        await pilot.press("7")
        await settle(pilot)
        assert note(app, "mood-rating") is None
        assert ASK not in painted_text(app)


async def test_no_number_is_marked_until_one_is_chosen(tmp_path: Path) -> None:
    app = mood_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rating = app.screen.query_one(Rating)
        shown = str(rating.render())
        assert "[" not in shown.splitlines()[0]
        assert "choose 0-10" in shown, shown
        await pilot.press("right")
        await pilot.pause()
        shown = str(rating.render())
        assert "[5]" in shown.splitlines()[0] and "choose 0-10" not in shown, shown


async def test_distress_before_an_exercise_may_be_left_out(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, dirs=[breathing_routine(tmp_path, "    rate_distress: true\n")],
                   clock=clock, start_with="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rating = app.screen.query_one("#before", Rating)
        assert "choose 0-10" not in str(rating.render())  # it may be left out
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.widget.stage == "exercise"
        assert not [s for s in app.screen.query(Static) if s.has_class("field-problem")]


async def test_skip_without_a_number_keeps_the_words_typed(tmp_path: Path) -> None:
    """The ask points at Skip: taking it leaves the number out, never the note or the
    words chosen."""
    app = mood_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("tab", "right", "space", "tab")  # the second word
        for char in "rough day":
            await pilot.press({" ": "space"}.get(char, char))
        await pilot.press("ctrl+n")
        await settle(pilot)
        said = note(app, "mood-rating")
        assert said is not None and "keeps your words" in said, said
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert "Step 2 of 2" in painted_text(app)
        saved = steps_saved(app)
    [record] = saved
    assert record["status"] == "done"
    assert record["data"]["rating"] is None and record["data"]["note"] == "rough day"
    assert len(record["data"]["feelings"]) == 1
