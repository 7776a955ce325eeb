"""The measure step on screen: a number typed with a point or a comma, the arrows changing
it by the step's size, Enter keeping it; text that is not a number is said kindly, never
crashes, and is kept on the way out like anything typed."""

from __future__ import annotations

from pathlib import Path

from coach.routine.catalog import RoutineDir
from tests.tui.harness import make_app, screen_text, settle, type_text
from tests.ui_thread import reads_allowed

SLEEP = ("title: Sleep\nsteps:\n  - type: measure\n    label: Hours slept\n"
         "    unit: hours\n    at_least: 7\n    step: 0.5\n    max: 24\n"
         "  - type: measure\n    id: coffee\n    label: Cups of coffee\n    at_most: 3\n")


def sleep_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "sleep.yaml").write_text(SLEEP)
    return make_app(tmp_path, dirs=[RoutineDir(directory, False)], start_with="sleep")


def records_of(app, step: str) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    with reads_allowed():
        return [r for r in app.store.records(kind="step") if r["step"] == step]


async def test_the_number_typed_and_changed_by_the_arrows_is_kept_with_enter(
        tmp_path: Path) -> None:
    app = sleep_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Your target: at least 7 hours." in text and "hours" in text, text
        assert "change it by 0.5" in text, text
        await type_text(pilot, "6,5")
        await pilot.press("up", "up", "down", "up")
        await settle(pilot)
        assert "7.5" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "Step 2 of 2" in screen_text(app)
        await pilot.press("up")  # nothing typed: the arrows start from the target
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
    [hours] = records_of(app, "measure")
    assert hours["status"] == "done"
    assert hours["data"] == {"value": 7.5, "unit": "hours", "target": 7,
                             "direction": "at least"}
    [coffee] = records_of(app, "coffee")
    assert coffee["data"]["value"] == 3 and coffee["data"]["direction"] == "at most"


async def test_the_arrows_stop_at_the_lowest_and_highest_number(tmp_path: Path) -> None:
    app = sleep_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "23.8")
        await pilot.press("up", "up")
        await settle(pilot)
        assert app.screen.query_one("#measure-value").value == "24"
        await pilot.press("ctrl+u")
        await type_text(pilot, "0.2")
        await pilot.press("down")
        await settle(pilot)
        assert app.screen.query_one("#measure-value").value == "0"


async def test_text_that_is_not_a_number_is_said_and_the_step_waits(tmp_path: Path) -> None:
    app = sleep_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "seven")
        await pilot.press("up")  # an arrow on text it cannot read does not crash
        await pilot.press("ctrl+u")
        await type_text(pilot, "seven")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "'seven' is not a number coach can read" in text, text
        assert "Step 1 of 2" in text
        await pilot.press("ctrl+u")
        await type_text(pilot, "30")
        await pilot.press("enter")
        await settle(pilot)
        text = screen_text(app)
        assert "The number is at most 24 hours; 30 is above." in text, text
        assert "Step 1 of 2" in text
    assert records_of(app, "measure") == [] or all(
        r["status"] == "draft" for r in records_of(app, "measure"))


async def test_what_was_typed_is_kept_on_the_way_out_even_when_it_is_no_number(
        tmp_path: Path) -> None:
    app = sleep_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "7,x")
        await pilot.press("ctrl+q")
        await settle(pilot)
    [draft] = records_of(app, "measure")
    assert draft["status"] == "draft"
    assert draft["data"]["typed"]["fields"] == {"measure-value": "7,x"}
