"""The support screen shows the plan literally and kindly, and starts the quick reset."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from coach.routine.problems import Problem
from coach.support.plan import Contact, SupportPlan
from coach.tui.screens.run import RunScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.screens.support import SupportScreen
from tests.fakes import FakeClock
from tests.tui.harness import (
    finish_timed_step,
    make_app,
    screen_text,
    settle,
    type_text,
)
from tests.tui.support_helpers import plan_loader

HOSTILE = "[bold]loud[/] [@click=app.quit]x[/] \x1b]0;PWNED\x07 \u202eevil"
HOSTILE_SHOWN = "[bold]loud[/] [@click=app.quit]x[/] \\x1b]0;PWNED\\x07 U+202Eevil"


async def open_plan(pilot) -> str:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+g")
    await settle(pilot)
    assert isinstance(pilot.app.screen, SupportScreen)
    return screen_text(pilot.app)


async def test_the_plan_is_shown_section_by_section_with_how_to_reach_people(
        tmp_path: Path) -> None:
    app = make_app(tmp_path, support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_plan(pilot)
        assert "call your local emergency number first" in text
        headings = ["My warning signs", "Things I can do on my own", "People and places that help",
                    "People I can ask for help", "Professionals and services",
                    "Making my surroundings safer", "What matters to me"]
        positions = [text.index(heading) for heading in headings]
        assert positions == sorted(positions)
        assert "Sam  ·  07700 900123, evenings" in text
        assert "Dr Okafor  ·  the surgery, 9-5 weekdays" in text
        assert "My sister" in text
        assert "example" not in text and "mistake" not in text  # the person's own plan


async def test_the_plan_is_shown_literally(tmp_path: Path) -> None:
    long = "a long line " * 60
    plan = SupportPlan(coping=(HOSTILE, long), people=(Contact(HOSTILE, HOSTILE),),
                       reasons=("line one\nline two",))
    app = make_app(tmp_path, support_loader=plan_loader(plan))
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_plan(pilot)
        assert text.count(HOSTILE_SHOWN) == 3
        assert "\x1b" not in text and "\u202e" not in text
        assert long.strip() in text.replace("\n", " ")
        assert "line one\nline two" in text
        scroll = app.screen.query_one("#support-scroll")
        assert app.focused is scroll
        await pilot.press("end")  # the keyboard scrolls the plan
        await pilot.pause()
        assert scroll.scroll_y > 0
    assert app.crash is None and app.is_running is False


async def test_a_broken_plan_says_which_version_is_shown_and_how_to_fix_it(
        tmp_path: Path) -> None:
    problem = Problem(Path("/config/support.yaml"), 4, 3, f"unknown key {HOSTILE}")
    app = make_app(tmp_path, support_loader=plan_loader(source="last good", problems=(problem,)))
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_plan(pilot)
        assert "this is the last version that worked" in text
        assert "coach edit support" in text
        assert f"/config/support.yaml:4:3: unknown key {HOSTILE_SHOWN}" in text
        assert "Sam" in text


async def test_the_example_says_it_is_an_example(tmp_path: Path) -> None:
    app = make_app(tmp_path)  # no support.yaml: the shipped example, read for real
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_plan(pilot)
        assert ("Your support plan is not filled in yet: this is the example that comes with "
                "coach. Make it yours, with your own people and places: coach edit support"
                in text)
        assert "call your local emergency number first" in text


async def test_an_empty_plan_says_how_to_write_one(tmp_path: Path) -> None:
    app = make_app(tmp_path, support_loader=plan_loader(SupportPlan()))
    async with app.run_test(size=(80, 24)) as pilot:
        text = await open_plan(pilot)
        assert "Your plan is empty so far" in text and "coach edit support" in text
        assert "call your local emergency number first" in text


# -- quick reset -----------------------------------------------------------------------------

async def test_the_quick_reset_offered_says_how_long_it_takes(
        tmp_path: Path, coach_dirs: dict[str, Path]) -> None:
    app = make_app(tmp_path, support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        text = " ".join((await open_plan(pilot)).split())
    # The shipped one: two minutes of breathing, then grounding (about two more).
    assert "Press r for a quick reset (about 4 min): slow breathing" in text
    coach_dirs["routines"].mkdir(parents=True)
    shipped = (Path(__file__).parents[2] / "routines" / "quick-reset.yaml").read_text()
    (coach_dirs["routines"] / "quick-reset.yaml").write_text(
        shipped.replace("minutes: 2", "minutes: 5"))
    app = make_app(tmp_path, support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        text = " ".join((await open_plan(pilot)).split())
    assert "Press r for a quick reset (about 7 min):" in text  # the person's own, longer

async def test_quick_reset_starts_from_the_plan_at_home(tmp_path: Path) -> None:
    app = make_app(tmp_path, support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        assert app.screen.routine_run.routine.id == "quick-reset"
        assert [s.type_name for s in app.screen.routine_run.steps] == ["breathing", "grounding"]


async def test_quick_reset_inside_a_routine_returns_to_it_as_it_was(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, start_with="morning", clock=clock, support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s")
        await pilot.pause()
        morning = app.screen
        await type_text(pilot, "the sun")
        await open_plan(pilot)
        await pilot.press("r")
        await settle(pilot)
        reset = app.screen
        assert isinstance(reset, RunScreen) and reset is not morning
        await finish_timed_step(pilot, clock)
        await pilot.press("ctrl+n", "ctrl+s")  # the breathing done, grounding skipped
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is morning
        assert morning.routine_run.index == 1
        assert isinstance(app.focused, Input) and app.focused.value == "the sun"
    finished = app.store.well_formed(kind="session", routine="quick-reset")
    assert [r["event"] for r in finished] == ["started", "finished"]


async def test_quick_reset_from_inside_quick_reset_goes_back_to_it(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="quick-reset", support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        reset = app.screen
        await open_plan(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is reset
        assert len(app.screen_stack) == 2


def test_a_broken_plan_whose_last_good_version_is_the_example_says_both() -> None:
    from coach.support.load import PlanResult, load_example_plan
    from coach.tui.screens.support import source_note

    problem = Problem(Path("/config/support.yaml"), 4, 3, "unknown key 'copin'")
    note = source_note(PlanResult(load_example_plan(), (problem,), "last good",
                                  Path("/data/support-last-good.yaml"), is_example=True))
    assert note is not None
    assert str(note).startswith(
        "Your support plan has a mistake, so this is the last version that worked: the example "
        "that comes with coach, not filled in yet. Change it with: coach edit support")
