"""The shipped morning and evening routines, run key by key, and what was stored."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from coach.tui.screens.home import HomeScreen
from coach.tui.screens.resume import ResumeScreen
from coach.tui.screens.run import RunScreen
from coach.tui.screens.summary import SummaryScreen
from tests.fakes import FakeClock
from tests.tui.harness import finish_timed_step, make_app, screen_text, settle, type_text

TODAY = date(2026, 11, 22)


def stored_steps(app, routine: str) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {r["step"]: r for r in app.store.records(kind="step", routine=routine)}


async def run_morning(pilot, clock: FakeClock) -> None:  # type: ignore[no-untyped-def]
    app = pilot.app
    await pilot.press("enter")  # start the highlighted (first) routine: morning
    await pilot.pause()
    assert isinstance(app.screen, RunScreen)
    assert "Step 1 of 4" in screen_text(app) and "Breathe in" in screen_text(app)
    await finish_timed_step(pilot, clock)
    assert "Well done" in screen_text(app)
    await pilot.press("enter")
    await pilot.pause()
    # Gratitude: three lines, Enter moves on, Enter on the last goes to the next step.
    for thing in ("the call with my sister", "sunlight", "[b]tea[/]"):
        await type_text(pilot, thing)
        await pilot.press("enter")
        await pilot.pause()
    assert "Step 3 of 4" in screen_text(app)
    # Activity plan: a name, a time, a prediction.
    await type_text(pilot, "Walk in the park")
    await pilot.press("tab")
    await type_text(pilot, "7:30 pm")
    await pilot.press("tab")
    await type_text(pilot, "6")
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert "Step 4 of 4" in screen_text(app)
    # Mood: 7, pick the second feeling word, a note.
    await pilot.press("7", "tab", "right", "space", "tab")
    await type_text(pilot, "slept ok")
    await pilot.press("ctrl+n")
    await settle(pilot)


async def test_whole_morning_routine_is_stored(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_morning(pilot, clock)
        assert isinstance(app.screen, SummaryScreen)
        summary = screen_text(app)
        assert "You did 4 of 4 steps" in summary and "Your mood: 7 out of 10." in summary
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "✓ done today" in screen_text(app)

    steps = stored_steps(app, "morning")
    assert set(steps) == {"morning-breathing", "gratitude", "plan-activities", "morning-mood"}
    assert all(r["status"] == "done" and r["day"] == "2026-11-22" for r in steps.values())
    breathing = steps["morning-breathing"]["data"]
    assert breathing["completed"] is True and breathing["breaths"] == 18
    assert breathing["seconds"] == 180.0
    assert steps["gratitude"]["data"] == {"items": ["the call with my sister", "sunlight",
                                                    "[b]tea[/]"]}
    [activity] = steps["plan-activities"]["data"]["activities"]
    assert (activity["name"], activity["time"], activity["predicted"]) == \
        ("Walk in the park", "19:30", 6)
    assert steps["morning-mood"]["data"] == {"rating": 7, "feelings": ["rested"],
                                             "note": "slept ok"}
    events = [r["event"] for r in app.store.records(kind="session", routine="morning")]
    assert events == ["started", "finished"]


async def test_whole_evening_routine_reviews_the_morning_plan(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_morning(pilot, clock)
        await pilot.press("enter")  # summary -> home
        await pilot.pause()
        await pilot.press("down", "enter")  # evening
        await pilot.pause()
        text = screen_text(app)
        assert "Progressive muscle relaxation" in text
        assert "How distressed or tense do you feel right now?" in text
        await pilot.press("8", "enter")  # distress before, then the exercise starts
        await pilot.pause()
        assert "Group 1 of 7" in screen_text(app) and "Tense" in screen_text(app)
        await finish_timed_step(pilot, clock)
        await pilot.press("enter")  # to the after rating
        await pilot.pause()
        assert "And now?" in screen_text(app)
        await pilot.press("3", "enter")
        await pilot.pause()
        # Review: this morning's plan is listed.
        assert "Walk in the park" in screen_text(app)
        await pilot.press("space", "tab")
        await type_text(pilot, "8")
        await pilot.press("tab")
        await type_text(pilot, "5")
        await pilot.press("ctrl+n")
        await pilot.pause()
        # Journal: the prompt of the day, free text over several lines.
        await type_text(pilot, "A calm day.")
        await pilot.press("enter")
        await type_text(pilot, "[/] and that is fine")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("1", "0", "ctrl+n")  # mood ten: 1 then 0
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert "Your mood: 10 out of 10." in screen_text(app)
        assert "Progressive muscle relaxation  distress 8 → 3" in screen_text(app)

    steps = stored_steps(app, "evening")
    pmr = steps["evening-pmr"]["data"]
    assert pmr["completed"] is True and pmr["groups_done"] == 7
    assert (pmr["distress_before"], pmr["distress_after"]) == (8, 3)
    [reviewed] = steps["review-activities"]["data"]["activities"]
    plan = stored_steps(app, "morning")["plan-activities"]["data"]["activities"][0]
    assert reviewed["id"] == plan["id"]
    assert (reviewed["done"], reviewed["pleasure"], reviewed["mastery"], reviewed["predicted"]) \
        == (True, 8, 5, 6)
    journal = steps["journal"]["data"]
    assert journal["text"] == "A calm day.\n[/] and that is fine"
    assert journal["prompt"] in app.catalog.routines["evening"].steps[2].prompts
    assert steps["evening-mood"]["data"]["rating"] == 10


async def test_leaving_keeps_finished_steps_and_offers_to_resume(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # morning
        await pilot.pause()
        await pilot.press("ctrl+s")  # skip the breathing
        await pilot.pause()
        await type_text(pilot, "rain on the window")
        await pilot.press("ctrl+n")  # gratitude with one thing
        await pilot.pause()
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "in progress · 2 of 4" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)
        assert "(2 of 4 steps)" in screen_text(app)
        await pilot.press("r")
        await pilot.pause()
        assert "Step 3 of 4" in screen_text(app)
        await pilot.press("ctrl+p")  # back to the gratitude step
        await pilot.pause()
        assert "Step 2 of 4" in screen_text(app)
        await settle(pilot)
    steps = stored_steps(app, "morning")
    assert steps["morning-breathing"]["status"] == "skipped"
    assert steps["gratitude"]["data"] == {"items": ["rain on the window"]}
    events = [r["event"] for r in app.store.records(kind="session", routine="morning")]
    assert events == ["started", "left", "resumed"]


async def test_start_over_begins_at_step_one(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "ctrl+s", "escape")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert "Step 1 of 4" in screen_text(app)


async def test_coach_run_starts_a_routine_directly(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert "Evening wind-down" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_going_back_shows_what_was_saved_and_keeps_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s")  # skip breathing
        await pilot.pause()
        await type_text(pilot, "Sunlight")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+p")  # back to gratitude: the answer is there
        await pilot.pause()
        assert "Sunlight" in screen_text(app)
        await pilot.press("ctrl+n")  # on again without a change: nothing new is stored
        await pilot.pause()
        assert "Step 3 of 4" in screen_text(app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press("ctrl+s")  # a skip does not erase it either
        await settle(pilot)
    gratitude = [r for r in app.store.records(kind="step") if r["step"] == "gratitude"]
    assert [r["data"] for r in gratitude] == [{"items": ["Sunlight"]}]


async def test_a_second_run_after_finishing_can_be_resumed(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "ctrl+s", "ctrl+s", "ctrl+s", "7", "ctrl+n")  # finish
        await settle(pilot)
        await pilot.press("enter")  # summary -> home
        await pilot.pause()
        assert "✓ done today" in screen_text(app)
        await pilot.press("enter")  # again: a fresh start, no question
        await pilot.pause()
        assert isinstance(app.screen, RunScreen) and "Step 1 of 4" in screen_text(app)
        await pilot.press("ctrl+s", "escape")
        await settle(pilot)
        assert "✓ done today · again: 1 of 4" in screen_text(app)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ResumeScreen)  # the promise in the message is kept
        await pilot.press("r")
        await pilot.pause()
        assert "Step 2 of 4" in screen_text(app)


async def test_the_evening_review_starts_from_what_was_said_earlier(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_morning(pilot, clock)
        await pilot.press("enter", "down", "enter", "ctrl+s")  # evening, to the review
        await pilot.pause()
        await pilot.press("space", "tab")
        await type_text(pilot, "9")
        await pilot.press("ctrl+n", "escape")
        await settle(pilot)
        await pilot.press("enter", "s", "ctrl+s")  # start over, skip PMR: the review again
        await pilot.pause()
        text = screen_text(app)
        assert "● done" in text and "9" in text
        await pilot.press("ctrl+n")
        await settle(pilot)
    reviews = [r["data"]["activities"][0] for r in app.store.records(kind="step")
               if r["type"] == "activity_review"]
    assert [(r["done"], r["pleasure"]) for r in reviews] == [(True, 9), (True, 9)]


async def test_leaving_keeps_what_was_typed_in_the_step(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="evening")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+s", "ctrl+s")  # to the journal
        await pilot.pause()
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        await settle(pilot)
    [journal] = [r for r in app.store.records(kind="step") if r["step"] == "journal"]
    assert journal["data"]["text"] == "half a thought"
