"""Planning activities: what was planned on earlier days comes back as an idea."""

from __future__ import annotations

from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input

from coach.routine.catalog import RoutineDir
from coach.session.run import StepOutcome
from coach.store import Store
from tests.tui.history_data import days_of_mood
from tests.tui.harness import NOON, make_app, screen_text, settle, type_text

EARLIER = datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)  # two days before the harness's


def plan_routine(tmp_path: Path) -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "plan.yaml").write_text(
        "title: Plan\nsteps:\n  - type: activity_plan\n    suggestions: [Walk in the park]\n")
    return RoutineDir(directory, False)


async def test_an_activity_planned_on_an_earlier_day_is_an_idea_that_completes(
        tmp_path: Path) -> None:
    store = Store(tmp_path / "data", now=lambda: EARLIER, zone=(ZoneInfo("UTC"), "UTC"))
    store.record_step("plan", "earlier", StepOutcome(
        "activity_plan", "activity_plan", "done", EARLIER, EARLIER,
        {"activities": [{"id": "a1", "name": "Swim at the lido", "time": "18:00",
                         "predicted": 6}]}), day=date(2026, 11, 20))
    app = make_app(tmp_path, dirs=[plan_routine(tmp_path)], start_with="plan")
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)  # earlier plans are looked up in a worker
        assert "Ideas: Swim at the lido · Walk in the park" in screen_text(app)
        await type_text(pilot, "swi")
        await pilot.pause()
        await pilot.press("right")  # accept the completion
        assert app.screen.query_one("#name-1", Input).value == "Swim at the lido"
        await pilot.press("tab")
        await type_text(pilot, "18:30")
        await pilot.press("tab", "7", "ctrl+n")
        await settle(pilot)
    [today] = [r for r in store.records(kind="step", routine="plan")
               if r["day"] == NOON.date().isoformat()]
    [activity] = today["data"]["activities"]
    assert (activity["name"], activity["time"], activity["predicted"]) == \
        ("Swim at the lido", "18:30", 7)


async def test_the_routines_own_ideas_show_before_anything_was_planned(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[plan_routine(tmp_path)], start_with="plan")
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        assert "Ideas: Walk in the park (type to complete, → to accept)" in screen_text(app)
        await type_text(pilot, "wa")
        await pilot.pause()
        await pilot.press("right")
        assert app.screen.query_one("#name-1", Input).value == "Walk in the park"


async def test_ideas_not_shown_are_counted_so_people_know_more_complete(
        tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="morning")  # the shipped morning has six ideas
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", "ctrl+s")  # breathing, gratitude: on to the plan
        await settle(pilot)
        text = screen_text(app)
        assert "Ideas: Take a short walk outside" in text
        assert "Listen to a favourite album · +2 more (type to complete" in text
        await type_text(pilot, "tid")  # one of the two not shown still completes
        await pilot.pause()
        await pilot.press("right")
        assert app.screen.query_one("#name-1", Input).value == "Tidy one small area"


@pytest.mark.parametrize(("better", "worse"), [("Swim at the lido", "Read a novel"),
                                              ("Read a novel", "Swim at the lido")])
async def test_activities_that_went_with_better_days_are_offered_first(
        tmp_path: Path, better: str, worse: str) -> None:
    # The last six days `worse` (mood 4), the six before `better` (mood 8): planned more
    # recently, `worse` would come first.
    days_of_mood(tmp_path / "data", [4] * 6 + [8] * 6, set(),
                 {n: worse if n < 6 else better for n in range(12)})
    app = make_app(tmp_path, dirs=[plan_routine(tmp_path)], start_with="plan")
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
    assert f"Ideas: {better} · {worse} · Walk in the park" in text
    assert "better" not in text.replace(better, "")  # quietly: no claim on screen
