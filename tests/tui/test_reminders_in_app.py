"""While coach is open it reminds by itself: a calm notice naming the routine and the key
that starts it, sent once, and never for a routine done today, not yet due, or open now.

Passes are asked for with `app.reminders.check()` rather than waited for; the clock is the
pinned one (Sunday 22 November 2026, 20:00 UTC), moved with `pinned_clock.set`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from coach.remind import loop
from coach.remind.backends.base import Message
from coach.remind.presence import app_is_open
from coach.config.settings import Settings
from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.run import RunScreen
from coach.tui.widgets.key_bar import KeyBar
from tests.conftest import PINNED_NOW, PinnedClock
from tests.fakes import FakeClock
from tests.tui.harness import workers_done
from tests.ui_thread import reads_allowed

TODAY = date(2026, 11, 22)
#: Square brackets that, read as markup, would vanish from the notice.
TITLE = "Wind down [slowly]"
ROUTINE = """title: {title}
schedule:
  at: "{at}"
  days: daily
reminders: true
steps:
  - type: instruction
    text: Put the phone somewhere out of reach.
    seconds: 300
"""


def write_routine(routines: Path, name: str = "unwind", at: str = "19:58",
                  title: str = TITLE) -> None:
    routines.mkdir(parents=True, exist_ok=True)
    (routines / f"{name}.yaml").write_text(ROUTINE.format(title=f"'{title}'", at=at),
                                           encoding="utf-8")


def reminding_app(data: Path, start_with: str | None = None, **settings: object) -> CoachApp:
    """The app as `coach` opens it: the routines and settings folders of the test, the
    pinned clock, and reminders on."""
    return CoachApp(store=Store(data), settings=Settings(**settings),  # type: ignore[arg-type]
                    clock=FakeClock(), start_with=start_with, reminders=True)


async def first_pass(pilot: Pilot) -> None:
    """Wait for the pass the app starts by itself once home is painted."""
    app = pilot.app
    assert isinstance(app, CoachApp)
    for _ in range(100):
        if app.reminders.engine is not None:
            break
        await pilot.pause()
    assert app.reminders.engine is not None, "reminders never started"
    await workers_done(app)
    await pilot.pause()


async def another_pass(pilot: Pilot) -> None:
    app = pilot.app
    assert isinstance(app, CoachApp)
    await app.reminders.check().wait()
    await pilot.pause()


def notices(app: CoachApp) -> list[str]:
    return [n.message for n in app._notifications if n.title == "Reminder"]


def key_bar(app: CoachApp) -> str:
    return str(app.screen.query_one(KeyBar).render())


@pytest.mark.parametrize("no_color", [False, True], ids=["colour", "NO_COLOR"])
async def test_a_due_routine_is_shown_and_its_key_starts_it(
        coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, no_color: bool) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    write_routine(coach_dirs["routines"])
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        assert notices(app) == [f"{TITLE} is ready when you are (about 5 min). "
                                "Press r to start it."]
        assert [n.severity for n in app._notifications] == ["information"]
        assert f"r Start {TITLE}" in key_bar(app)
        options = app.screen.query_one("#routines", OptionList)
        assert options.highlighted_option is not None
        assert options.highlighted_option.id == "unwind"  # Enter starts it too
        assert "19:58 · ready when you are" in str(options.highlighted_option.prompt)
        with reads_allowed():
            assert app.store.reminders_sent(TODAY, TODAY) == {("unwind", TODAY, "first")}

        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert app.screen.routine_run.routine.id == "unwind"
        assert app.reminders.reminded is None


async def test_the_offer_goes_once_the_routine_is_done(
        coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"])
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        assert "r Start" in key_bar(app)
        # Finished elsewhere (another terminal), seen when the list is next refreshed.
        app.store.record_session("unwind", "elsewhere", "finished", day=TODAY, steps_total=1)
        home = app.screen
        assert isinstance(home, HomeScreen)
        home.refresh_routines()
        await pilot.pause()
        assert "r Start" not in key_bar(app)
        assert "✓ done today" in str(home.query_one("#routines", OptionList)
                                     .get_option("unwind").prompt)
        await pilot.press("r")
        await pilot.pause()
        assert app.screen is home


async def test_a_reminder_is_sent_once(coach_dirs: dict[str, Path],
                                       pinned_clock: PinnedClock) -> None:
    write_routine(coach_dirs["routines"])
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        assert len(notices(app)) == 1
        pinned_clock.set(PINNED_NOW + timedelta(minutes=5))
        await another_pass(pilot)
        assert len(notices(app)) == 1
    # Nor by a second app or loop on the same data folder.
    again = reminding_app(coach_dirs["data"])
    async with again.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        assert notices(again) == []
    assert again.store.reminders_sent(TODAY, TODAY) == {("unwind", TODAY, "first")}


async def test_a_routine_done_today_gets_no_reminder(coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"])
    store = Store(coach_dirs["data"])
    store.record_session("unwind", "early", "started", day=TODAY)
    store.record_session("unwind", "early", "finished", day=TODAY, steps_total=1)
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        assert notices(app) == []
        assert "r Start" not in key_bar(app)
    assert store.reminders_sent(TODAY, TODAY) == set()


async def test_nothing_comes_before_the_routine_time(coach_dirs: dict[str, Path],
                                                     pinned_clock: PinnedClock) -> None:
    write_routine(coach_dirs["routines"], at="20:10")
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        assert notices(app) == []
        pinned_clock.set(datetime(2026, 11, 22, 20, 9, 59, tzinfo=timezone.utc))
        await another_pass(pilot)
        assert notices(app) == []
        pinned_clock.set(datetime(2026, 11, 22, 20, 10, tzinfo=timezone.utc))
        await another_pass(pilot)
        assert len(notices(app)) == 1


async def test_the_routine_open_now_is_not_reminded_of(coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"], name="unwind")
    write_routine(coach_dirs["routines"], name="stretch", title="Stretch")
    app = reminding_app(coach_dirs["data"], start_with="unwind")
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        assert isinstance(app.screen, RunScreen)  # nothing was pushed over the step
        assert notices(app) == ["Stretch is ready when you are (about 5 min). "
                                "Press r on the home screen to start it."]
        assert "Start" not in key_bar(app)  # the runner's keys only
        with reads_allowed():
            assert app.store.reminders_sent(TODAY, TODAY) == {("stretch", TODAY, "first")}


async def test_passes_follow_one_another_by_themselves(
        coach_dirs: dict[str, Path], pinned_clock: PinnedClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    write_routine(coach_dirs["routines"], at="20:10")
    naps: list[float] = []
    real_nap = loop.nap_length

    def short_nap(result: loop.PassResult | None, now: datetime) -> float:
        naps.append(real_nap(result, now))
        return 0.05  # the test's own: the app's is at most a minute

    monkeypatch.setattr(loop, "nap_length", short_nap)
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        assert naps[0] == loop.MAX_NAP  # ten minutes to go: a minute, then look again
        pinned_clock.set(datetime(2026, 11, 22, 20, 10, tzinfo=timezone.utc))
        for _ in range(100):
            if notices(app):
                break
            await pilot.pause(0.02)
        assert len(notices(app)) == 1


@pytest.mark.parametrize("bell", [True, False])
async def test_the_bell_rings_with_a_reminder_when_asked(coach_dirs: dict[str, Path],
                                                         bell: bool) -> None:
    write_routine(coach_dirs["routines"])
    app = reminding_app(coach_dirs["data"], reminder_bell=bell)
    rings: list[None] = []
    app.bell = lambda: rings.append(None)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        assert len(notices(app)) == 1
    assert len(rings) == (1 if bell else 0)


async def test_the_app_holds_the_presence_lock_while_open(coach_dirs: dict[str, Path]) -> None:
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        assert app_is_open(coach_dirs["data"])
        await pilot.press("q")
    assert not app_is_open(coach_dirs["data"])


async def test_without_reminders_the_app_neither_reminds_nor_holds_the_lock(
        coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"])
    app = CoachApp(store=Store(coach_dirs["data"]), clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await workers_done(app)
        assert not app_is_open(coach_dirs["data"])
        assert notices(app) == []


async def test_a_pass_that_cannot_read_the_data_folder_is_tried_again(
        coach_dirs: dict[str, Path], pinned_clock: PinnedClock,
        monkeypatch: pytest.MonkeyPatch) -> None:
    write_routine(coach_dirs["routines"], at="20:10")
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        engine = app.reminders.engine
        assert engine is not None
        working = engine.run_pass

        def unreadable() -> None:
            raise PermissionError("data folder unreadable")

        pinned_clock.set(datetime(2026, 11, 22, 20, 10, tzinfo=timezone.utc))
        monkeypatch.setattr(engine, "run_pass", unreadable)
        assert await app.reminders.check().wait() is None
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert notices(app) == []
        monkeypatch.setattr(engine, "run_pass", working)
        await another_pass(pilot)
        assert len(notices(app)) == 1


@pytest.mark.parametrize("opened", ["now", "check"])
async def test_no_reminder_is_laid_over_a_self_check_or_need_something_now(
        coach_dirs: dict[str, Path], opened: str) -> None:
    """Those screens may show the person's support lines: a toast there would cover them.
    The reminder waits on home, whose key still starts the routine."""
    write_routine(coach_dirs["routines"], at="21:00")  # not due yet at the pinned 20:00
    app = reminding_app(coach_dirs["data"], reminder_bell=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        with reads_allowed():
            app.reminders.show(_message("unwind"))  # on home: its toast is shown
        await pilot.pause()
        assert len(notices(app)) == 1
        held = await open_holding(pilot, opened)
        with reads_allowed():
            app.reminders.show(_message("unwind"))
        await pilot.pause()
        assert type(app.screen) is held
        assert notices(app) == []
        app.action_support()  # a screen over it: still nothing laid over the support lines
        await pilot.pause()
        with reads_allowed():
            app.reminders.show(_message("unwind"))
        await pilot.pause()
        assert notices(app) == []
        app.pop_screen()
        await pilot.pause()
        assert app.reminders.reminded is not None
        app.pop_screen()
        await pilot.pause()
        assert f"r Start {TITLE}" in key_bar(app)


async def open_holding(pilot: Pilot, opened: str) -> type:
    """Open "need something now" or a self-check over home, and see the reminder toast
    shown there go; the screen's class."""
    app = pilot.app
    assert isinstance(app, CoachApp)
    if opened == "now":
        app.action_now()
    else:
        app.routines.start_check("phq9")
    await pilot.pause()
    assert notices(app) == []  # the toast from home went as the screen opened
    return type(app.screen)


def _message(routine_id: str) -> Message:
    return Message(title="coach", body=f"{TITLE} is ready when you are", routine_id=routine_id)


@pytest.mark.parametrize("width", [80, 60])
async def test_a_long_routine_title_in_the_key_bar_never_hides_the_support_key(
        coach_dirs: dict[str, Path], width: int) -> None:
    """The reminded routine's key names it; a long title is shortened with an ellipsis
    rather than pushing the support plan's key off the edge."""
    title = "Evening wind-down with the long stretch"
    write_routine(coach_dirs["routines"], title=title)
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(width, 24)) as pilot:
        await first_pass(pilot)
        shown = key_bar(app)
        assert shown.rstrip().endswith("^g Support"), shown
        assert len(shown.rstrip()) <= width, shown
        assert "r Start Ev" in shown and "…" in shown, shown
        assert "n Need something now" in shown and "? Help" in shown, shown
