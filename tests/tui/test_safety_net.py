"""The gentle net: after a low check-in, the person's own coping strategies and contacts, once a
day, never in the way; nothing after a good one."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.routine.catalog import RoutineDir
from coach.support.memory import Memory
from coach.tui.screens.run import RunScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.widgets.safety_net import SafetyNet
from coach.support.plan import Contact, SupportPlan
from tests.tui.harness import make_app, settle, type_text
from tests.tui.terminal_text import painted_text
from tests.tui.support_helpers import TODAY, plan_loader, record_moods


async def finish_morning_with_mood(pilot, rating: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("ctrl+s", "ctrl+s", "ctrl+s", rating, "ctrl+n")
    await settle(pilot)


async def test_a_zero_after_low_days_shows_the_net_on_the_summary(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="morning", support_loader=plan_loader())
    record_moods(app.store, {1: 2, 2: 3})
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_morning_with_mood(pilot, "0")
        assert isinstance(app.screen, SummaryScreen)
        net = app.screen.query_one(SafetyNet)
        text = await net_text(pilot)
        assert "Thank you for checking in" in text
        assert "Slow breathing · A walk around the block · and 2 more" in text
        assert "Sam, 07700 900123, evenings · My sister" in text and "Samaritans" in text
        assert "^g" in text and "local emergency number" in text
        assert "Staying in bed" not in text and "Miso" not in text  # coping and contacts only
        assert not net.can_focus and app.focused is not net
    assert Memory(tmp_path / "data").offered_on() == TODAY


async def test_three_low_days_in_a_row_show_the_net(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="morning", support_loader=plan_loader())
    record_moods(app.store, {1: 3, 2: 2})
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_morning_with_mood(pilot, "3")  # not very low, but the third low day
        assert app.screen.query(SafetyNet)


async def test_a_good_day_shows_no_net(tmp_path: Path) -> None:
    calls: list[int] = []
    app = make_app(tmp_path, start_with="morning", support_loader=plan_loader(calls=calls))
    record_moods(app.store, {1: 2, 2: 1})
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_morning_with_mood(pilot, "8")
        assert isinstance(app.screen, SummaryScreen)
        assert not app.screen.query(SafetyNet)
    assert calls == []  # the plan was not even read
    assert Memory(tmp_path / "data").offered_on() is None


async def test_the_net_comes_once_a_day(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="morning", support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_morning_with_mood(pilot, "0")
        assert app.screen.query(SafetyNet)
        await pilot.press("enter")
        await settle(pilot)
        app.start_routine("morning")
        await settle(pilot)
        await finish_morning_with_mood(pilot, "0")
        assert isinstance(app.screen, SummaryScreen)
        assert not app.screen.query(SafetyNet)


async def test_the_net_is_off_when_the_setting_is(tmp_path: Path) -> None:
    from coach.config.settings import Settings

    app = make_app(tmp_path, start_with="morning", support_loader=plan_loader(),
                   settings=Settings(safety_net=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_morning_with_mood(pilot, "0")
        assert not app.screen.query(SafetyNet)


def mood_then_journal(tmp_path: Path) -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "m.yaml").write_text(
        "title: M\nsteps:\n  - {type: mood, note: false, feelings: [calm]}\n"
        "  - {type: journal, prompts: [Anything]}\n  - {type: gratitude, count: 1}\n")
    return RoutineDir(directory, False)


async def test_mid_routine_the_net_sits_below_the_next_step_without_taking_the_keyboard(
        tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[mood_then_journal(tmp_path)], start_with="m",
                   support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("0", "ctrl+n")
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen) and run.routine_run.index == 1
        assert run.query(SafetyNet)
        await type_text(pilot, "still typing here")
        assert "still typing here" in run.widget.result()["text"]
        await pilot.press("ctrl+n")  # on to the next step: the net has said its piece
        await settle(pilot)
        assert not run.query(SafetyNet)




@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_persons_own_lines_are_shown_whole_and_wrapped(
        tmp_path: Path, size: tuple[int, int]) -> None:
    long = ("Phone Ana and ask her to come over with the dog, even if it is late, because she "
            "said I always can")
    plan = SupportPlan(coping=(long, "b", "c"), people=(Contact("Ana", long),),
                       professionals=(Contact("[b]Dr[/b]\x1b]0;t\x07"),))
    app = make_app(tmp_path, start_with="morning", support_loader=plan_loader(plan))
    async with app.run_test(size=size) as pilot:
        await finish_morning_with_mood(pilot, "0")
        text = " ".join((await net_text(pilot)).split())
        assert "…" not in text
        assert f"Things you can do {long} · b · and 1 more" in text, text
        assert f"People Ana, {long}" in text, text
        assert "Professionals [b]Dr[/b]\\x1b]0;t\\x07" in text, text
        assert text.endswith("^g your whole plan · in an emergency, call your local "
                             "emergency number first"), text


async def net_text(pilot) -> str:  # type: ignore[no-untyped-def]
    """What the net paints, row by row: all of it, though past half the screen it scrolls."""
    net = pilot.app.screen.query_one(SafetyNet)
    net.styles.max_height = None
    await pilot.pause()
    rows = painted_text(pilot.app).splitlines()
    return "\n".join(row.strip() for row in rows[net.region.y + 1:net.region.bottom])


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (120, 40)])
async def test_the_example_plan_is_said_to_be_not_filled_in_with_the_helplines_whole(
        tmp_path: Path, size: tuple[int, int]) -> None:
    from coach.foundation.paths import support_file
    from coach.support.load import place_example_plan
    from coach.tui.screens.support import SupportScreen

    assert place_example_plan()  # as the first run does; then saved again by an editor
    support_file().write_bytes(support_file().read_bytes().replace(b"\n", b"\r\n"))
    app = make_app(tmp_path, start_with="morning")  # the plan read for real
    async with app.run_test(size=size) as pilot:
        await finish_morning_with_mood(pilot, "0")
        assert isinstance(app.screen, SummaryScreen)
        text = " ".join((await net_text(pilot)).split())
        assert text.startswith("Thank you for checking in. Your support plan is not filled in "
                               "yet; make it yours with: coach edit support"), text
        for line in ("988 Lifeline (US), call or text 988, any time",
                     "Samaritans (UK and Ireland), call 116 123, any time, free",
                     "Helplines in other countries, findahelpline.com",
                     "Local emergency number, in an emergency, call it first"):
            assert line in text, (line, text)
        assert "you wrote" not in text and "put in their name" not in text
        assert "A walk around the block" not in text  # the example's, not the person's
        assert "…" not in text and text.endswith("^g the example plan"), text
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, SupportScreen)
        note = " ".join(str(app.screen.query_one("#support-note").render()).split())
        assert note.startswith("Your support plan is not filled in yet: this is the example "
                               "that comes with coach. Make it yours, with your own people "
                               "and places: coach edit support"), note


async def test_a_plan_without_things_to_do_or_people_says_so_kindly(tmp_path: Path) -> None:
    plan = SupportPlan(warning_signs=("Staying in bed past noon",))
    app = make_app(tmp_path, start_with="morning", support_loader=plan_loader(plan))
    async with app.run_test(size=(80, 24)) as pilot:
        await finish_morning_with_mood(pilot, "0")
        text = " ".join((await net_text(pilot)).split())
        assert text.startswith("Thank you for checking in. Your plan has no things to do or "
                               "people to reach yet; add them on a calmer day with: coach edit "
                               "support"), text
        assert "you wrote" not in text and "Staying in bed" not in text
