"""The gentle net: after a low check-in, the person's own coping strategies and contacts, once a
day, never in the way; nothing after a good one."""

from __future__ import annotations

from pathlib import Path

from coach.routine.catalog import RoutineDir
from coach.support.memory import Memory
from coach.tui.screens.run import RunScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.widgets.safety_net import SafetyNet
from tests.tui.harness import make_app, settle, type_text
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
        text = str(net.render())
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




def test_the_net_stays_small_whatever_the_plan_holds() -> None:
    from coach.support.plan import Contact, SupportPlan
    from coach.tui.widgets.safety_net import net_message

    long = "x" * 100
    plan = SupportPlan(coping=(long, "b", "c"), people=(Contact(long, long),),
                       professionals=(Contact("[b]Dr[/b]\x1b]0;t\x07"),))
    lines = str(net_message(plan)).splitlines()
    assert len(lines) == 5  # thanks, three parts, the key
    assert lines[1] == f"Things you can do  {'x' * 39}… · b · and 1 more"
    assert lines[2] == f"People  {'x' * 39}…, {'x' * 39}…"
    assert lines[3] == "Professionals  [b]Dr[/b]\\x1b]0;t\\x07"
