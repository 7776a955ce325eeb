"""A mood check-in reminder while coach is open: a toast that offers home's `m`, taken
back when the check-in opens, held over a self-check or "need something now", and never
a reason to lose the offer of a routine reminded of earlier.

The pinned clock is Sunday 22 November 2026, 20:00 UTC; passes are asked for with
`app.reminders.check()`.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.remind.backends.base import Message
from coach.remind.words import MOOD_BODY
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.quick_mood import QuickMoodScreen
from tests.conftest import PINNED_NOW, PinnedClock
from tests.tui.harness import settle
from tests.tui.test_reminders_in_app import (TITLE, another_pass, first_pass, key_bar, notices,
                                             open_holding, reminding_app, write_routine)
from tests.ui_thread import reads_allowed

TODAY = date(2026, 11, 22)
ON_HOME = "Time for a quick mood check-in. Press m to check in."


def mood_times(config: Path, *times: str) -> None:
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.yaml").write_text(
        f"mood_reminders: [{', '.join(times)}]\n", encoding="utf-8")


async def test_the_toast_offers_m_and_m_opens_the_check_in(coach_dirs: dict[str, Path]) -> None:
    mood_times(coach_dirs["config"], "19:58")
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        assert notices(app) == [ON_HOME]
        assert app.reminders.reminded is None  # no routine to start
        assert "r Start" not in key_bar(app)
        with reads_allowed():
            assert app.store.reminders_sent(TODAY, TODAY) == {("_mood@19:58", TODAY, "first")}
        await another_pass(pilot)
        assert notices(app) == [ON_HOME]  # once

        await pilot.press("m")
        await settle(pilot)
        assert isinstance(app.screen, QuickMoodScreen)
        assert notices(app) == []  # it spoke of this screen: taken back as it opened


async def test_away_from_home_the_toast_says_where_m_is(coach_dirs: dict[str, Path],
                                                        pinned_clock: PinnedClock) -> None:
    mood_times(coach_dirs["config"], "20:30")
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        app.open_history()
        await settle(pilot)
        pinned_clock.set(PINNED_NOW + timedelta(minutes=30))
        await another_pass(pilot)
        assert notices(app) == ["Time for a quick mood check-in. Press m on the home screen "
                                "to check in."]


async def test_none_while_a_check_in_is_open_and_none_after_it_is_saved(
        coach_dirs: dict[str, Path], pinned_clock: PinnedClock) -> None:
    mood_times(coach_dirs["config"], "20:01")
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        await pilot.press("m")
        await settle(pilot)
        pinned_clock.set(PINNED_NOW + timedelta(minutes=1))
        await another_pass(pilot)
        assert notices(app) == []
        await pilot.press("6", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await another_pass(pilot)
        assert notices(app) == []
        with reads_allowed():
            assert app.store.reminders_sent(TODAY, TODAY) == set()


async def test_a_routine_offered_before_stays_offered(coach_dirs: dict[str, Path]) -> None:
    write_routine(coach_dirs["routines"])  # at 19:58
    mood_times(coach_dirs["config"], "19:59")
    app = reminding_app(coach_dirs["data"])
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        with reads_allowed():
            app.reminders.show(Message("coach", MOOD_BODY, "_mood"))
        await pilot.pause()
        assert notices(app)[-1] == ON_HOME
        assert f"r Start {TITLE}" in key_bar(app)
        assert app.reminders.reminded is not None
        assert app.reminders.reminded.routine_id == "unwind"


@pytest.mark.parametrize("opened", ["now", "self-check"])
async def test_no_mood_toast_over_a_self_check_or_need_something_now(
        coach_dirs: dict[str, Path], opened: str) -> None:
    app = reminding_app(coach_dirs["data"], reminder_bell=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await first_pass(pilot)
        with reads_allowed():
            app.reminders.show(Message("coach", MOOD_BODY, "_mood"))
        await pilot.pause()
        assert notices(app) == [ON_HOME]
        held = await open_holding(pilot, opened)
        with reads_allowed():
            app.reminders.show(Message("coach", MOOD_BODY, "_mood"))
        await pilot.pause()
        assert type(app.screen) is held
        assert notices(app) == []
