""""I need something now", read from the screen: rate, choose, do it, rate again, the change."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner

from coach.cli import cli
from coach.foundation.values import StepOutcome
from coach.insight.not_for_me import NOT_FOR_ME_FILE_NAME
from coach.store.records import record_problem
from coach.tui.commands import CoachCommands
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.now import HIGH_OFFER, NO_DROP_OFFER, NowScreen
from coach.tui.screens.support import SupportScreen
from tests.fakes import FakeClock
from tests.tui.harness import NOON, make_app, screen_text, settle
from tests.ui_thread import reads_allowed


async def open_now(pilot) -> NowScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    assert isinstance(pilot.app.screen, NowScreen)
    return pilot.app.screen


async def rate(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*keys, "enter")
    await settle(pilot)


async def test_the_whole_path_from_a_rating_to_the_change_is_recorded(tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=FakeClock(), start_with="_now")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_now(pilot)
        assert "How distressed or tense do you feel right now?" in screen_text(app)
        await rate(pilot)  # Enter with no number asks for one
        assert "Choose a number from 0 to 10" in screen_text(app)
        await rate(pilot, "6")
        text = screen_text(app)
        assert "You rated your distress 6. Here are a few things that may help." in text
        assert text.index("Slow breathing") < text.index("Grounding: 5-4-3-2-1") \
            < text.index("Short muscle relaxation")
        assert "A good first thing to try" in text
        await pilot.press("2")  # grounding
        await settle(pilot)
        assert "Name five things you can see." in screen_text(app)
        await pilot.press(*"lamp", "enter")
        for _ in range(5):  # on from each sense, and out of the last
            await pilot.press("enter")
        await settle(pilot)
        assert "And now? How distressed or tense do you feel?" in screen_text(app)
        await rate(pilot, "3")
        assert "Your distress went from 6 to 3." in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    with reads_allowed():
        [record] = app.store.records(kind="step")
    assert record_problem(record) is None
    assert (record["routine"], record["step"], record["type"]) == ("_now", "coach:grounding",
                                                                    "grounding")
    assert record["data"] == {"see": ["lamp"], "distress_before": 6, "distress_after": 3,
                              "exercise": "coach:grounding"}
    with reads_allowed():
        assert not app.store.records(kind="session")  # nothing of it is "finished"


async def test_the_suggestions_are_what_the_ratings_of_all_history_say(
        tmp_path: Path) -> None:
    """Read from the ratings alone (not all history's moods and plans): a routine's muscle
    relaxation that helped most comes first, and the order is insight.suggest's."""
    from coach.insight.history import history_of_ledger
    from coach.insight.suggest import suggest
    from coach.routine.now_exercises import now_exercises

    app = make_app(tmp_path, clock=FakeClock(), start_with="_now")
    for days_back, before, after in ((400, 7, 3), (30, 6, 2), (2, 5, 2)):
        at = NOON - timedelta(days=days_back)
        app.store.record_step("evening", f"e{days_back}", StepOutcome(
            "evening-pmr", "pmr", "done", at, at + timedelta(minutes=9),
            {"seconds": 540, "distress_before": before, "distress_after": after}))
        app.store.record_step("evening", f"e{days_back}", StepOutcome(
            "mood", "mood", "done", at, at, {"rating": 6}))
    at = NOON - timedelta(days=1)
    app.store.record_step("_now", "n1", StepOutcome(
        "coach:grounding", "grounding", "done", at, at + timedelta(minutes=3),
        {"see": ["lamp"], "distress_before": 8, "distress_after": 7,
         "exercise": "coach:grounding"}))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_now(pilot)
        await rate(pilot, "6")
        offered = [option.id for option in screen.query_one("#now-choices").options]
        assert "Lowered your distress by 3.7 on average, 3 times" in screen_text(app)
    with reads_allowed():
        expected = suggest(now_exercises(app.catalog.ordered()),
                           history_of_ledger(app.store.ledger()).rated, NOON.date())
    assert offered == [s.exercise.key for s in expected] == [
        "evening/evening-pmr", "coach:grounding", "coach:breathing"]


async def test_at_nine_or_ten_the_support_plan_is_offered_first(tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=FakeClock(), start_with="_now")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_now(pilot)
        await rate(pilot, "9")
        assert HIGH_OFFER in screen_text(app) and "Slow breathing" not in screen_text(app)
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert HIGH_OFFER in screen_text(app)
        await pilot.press("enter")  # on to an exercise
        await settle(pilot)
        assert "You rated your distress 9." in screen_text(app)


async def test_after_two_exercises_with_no_drop_the_plan_comes_before_a_third(
        tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock, start_with="_now")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_now(pilot)
        await rate(pilot, "7")
        for after in ("7", "8"):
            await pilot.press("1")  # what is offered first, finished early
            await settle(pilot)
            for _ in range(6):  # Enter ends a breathing early; grounding needs one a sense
                if "And now?" in screen_text(app):
                    break
                await pilot.press("enter")
                await settle(pilot)
            await rate(pilot, after)
            if after == "7":
                assert "About the same as before; that happens, and trying was worth it." \
                    in screen_text(app)
                await pilot.press("a")
                await settle(pilot)
                assert "You rated your distress 7." in screen_text(app)
        assert "trying was worth it" in screen_text(app)
        await pilot.press("a")
        await settle(pilot)
        assert NO_DROP_OFFER in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "You rated your distress 8." in screen_text(app)
    with reads_allowed():
        done = app.store.records(kind="step")
    assert [(r["data"]["distress_before"], r["data"]["distress_after"]) for r in done] == [
        (7, 7), (7, 8)]


async def test_not_for_me_is_left_out_until_brought_back(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[], clock=FakeClock(), start_with="_now")
    kept = app.store.directory / NOT_FOR_ME_FILE_NAME
    async with app.run_test(size=(80, 24)) as pilot:
        await open_now(pilot)
        await pilot.press("ctrl+s")  # no rating: straight to the suggestions
        await settle(pilot)
        await pilot.press("x")  # the highlighted one: slow breathing
        await settle(pilot)
        text = screen_text(app)
        assert "Slow breathing ·" not in text.split("1 exercise set aside")[0]
        assert "1 exercise set aside as not for you: u to see them and bring one back." in text
        assert json.loads(kept.read_text()) == {"keys": ["coach:breathing"]}
        await pilot.press("u")
        await settle(pilot)
        assert "Set aside as not for you." in screen_text(app)
        assert "Slow breathing" in screen_text(app)
        await pilot.press("enter")  # brought back
        await settle(pilot)
        assert json.loads(kept.read_text()) == {"keys": []}
        assert "Slow breathing ·" in screen_text(app)


async def test_n_on_home_and_the_palette_open_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "n Need something now" in str(app.screen.query_one("KeyBar").render())
        await pilot.press("n")
        await open_now(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        names = [name for name, _, _ in CoachCommands(app.screen, None).commands()]
        assert "Need something now" in names


async def test_now_records_are_no_routine_on_home_or_in_history(tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=FakeClock())
    at = NOON - timedelta(days=1)
    app.store.record_step("_now", "n1", StepOutcome(
        "coach:pmr", "pmr", "done", at, at + timedelta(minutes=2),
        {"distress_before": 7, "distress_after": 4, "exercise": "coach:pmr"}))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        assert "_now" not in screen_text(app)
        await pilot.press("h")
        await settle(pilot)
        assert "_now" not in screen_text(app)
        assert "Muscle relaxation: 7.0 before, 4.0 after, over 1 session" in screen_text(app)


def test_coach_stats_lists_no_now_routine(tmp_path: Path, coach_dirs: dict[str, Path]) -> None:
    from coach.store import Store

    store = Store(coach_dirs["data"])
    at = store.now() - timedelta(hours=1)
    store.record_step("_now", "n1", StepOutcome(
        "coach:pmr", "pmr", "done", at, at + timedelta(minutes=2),
        {"distress_before": 7, "distress_after": 4, "exercise": "coach:pmr"}))
    result = CliRunner().invoke(cli, ["stats", "--json"])
    figures = json.loads(result.output)
    assert "_now" not in {r["id"] for r in figures["routines"]}
    assert figures["before_after"][0]["sessions"] == 1
    assert "_now" not in CliRunner().invoke(cli, ["stats"]).output


async def test_ctrl_q_during_an_exercise_keeps_what_was_done_and_typed(tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=FakeClock(), start_with="_now")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_now(pilot)
        await rate(pilot, "7")
        await pilot.press("2")  # grounding
        await settle(pilot)
        await pilot.press(*"lamp", "enter", *"tree")
        await pilot.press("ctrl+q")
        await settle(pilot)
    with reads_allowed():
        [record] = app.store.records(kind="step")
    assert (record["routine"], record["status"]) == ("_now", "done")
    assert record["data"]["see"] == ["lamp"]
    assert "tree" in record["data"]["typed"]["fields"].values(), record["data"]
    assert record_problem(record) is None
    assert record["data"]["distress_before"] == 7 and "distress_after" not in record["data"]
