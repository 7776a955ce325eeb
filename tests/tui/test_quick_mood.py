"""Home's `m`: a quick mood check-in in a few keys, saved at once under `_mood`."""

from __future__ import annotations

from pathlib import Path

from coach.config.settings import Settings
from coach.store.records import record_problem
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.quick_mood import ASK_FOR_NUMBER, HINT, QuickMoodScreen
from tests.fakes import FakeClock
from tests.tui.harness import make_app, screen_text, settle
from tests.ui_thread import reads_allowed


async def open_mood(pilot) -> QuickMoodScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("m")
    await settle(pilot)
    assert isinstance(pilot.app.screen, QuickMoodScreen)
    return pilot.app.screen


async def test_m_a_digit_words_and_enter_save_one_mood_record(tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_mood(pilot)
        text = screen_text(app)
        assert "How are you feeling right now?" in text and HINT in text
        await pilot.press("6", *"tired but ok", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert any("Saved: 6" in str(n.message) for n in app._notifications)
    with reads_allowed():
        [record] = app.store.records(kind="step")
        assert not app.store.records(kind="session")  # nothing of it is "finished"
    assert record_problem(record) is None
    assert (record["routine"], record["type"], record["status"], record["day"]) == \
        ("_mood", "mood", "done", "2026-11-22")
    assert record["data"] == {"rating": 6, "feelings": [], "note": "tired but ok", "tags": []}


async def test_one_then_zero_is_ten_and_the_tags_come_from_settings(tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=FakeClock(), settings=Settings(mood_tags=("work", "family")))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_mood(pilot)
        assert "work" in screen_text(app) and "family" in screen_text(app)
        await pilot.press("1", "0", "tab", "right", "space", "enter")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    with reads_allowed():
        [record] = app.store.records(kind="step")
    assert record["data"] == {"rating": 10, "feelings": [], "note": "", "tags": ["family"]}


async def test_enter_without_a_number_asks_for_one_and_esc_keeps_nothing(
        tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_mood(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert ASK_FOR_NUMBER in screen_text(app)
        await pilot.press("3", *"low", "escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    with reads_allowed():
        assert not app.store.records()


async def test_two_quick_check_ins_a_day_both_count_in_the_mood_figures(
        tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        for digit in ("3", "9"):
            await open_mood(pilot)
            await pilot.press(digit, "enter")
            await settle(pilot)
    with reads_allowed():
        [digest] = [d for d in app.store.digests() if "2026-11-22" in d.moods]
    assert digest.moods["2026-11-22"] == [3, 9]
    assert [m.routine for m in digest.mood_parts["2026-11-22"]] == ["_mood", "_mood"]


async def test_a_very_low_quick_check_in_offers_the_support_plan_as_a_routine_s_does(
        tmp_path: Path) -> None:
    from coach.tui.screens.quick_mood import OFFER
    from coach.tui.screens.support import SupportScreen

    app = make_app(tmp_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_mood(pilot)
        await pilot.press("1", "enter")
        for _ in range(3):
            await settle(pilot)
        assert isinstance(app.screen, QuickMoodScreen)
        text = " ".join(screen_text(app).split())
        assert " ".join(OFFER.split()) in text and "Saved: 1." in text
        from coach.tui.widgets.key_bar import KeyBar

        keys = str(app.screen.query_one(KeyBar).render())
        assert "⏎ Home" in keys and "p Support plan" in keys and "Save" not in keys
        await pilot.press("p")
        await settle(pilot)
        assert isinstance(app.screen, SupportScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await open_mood(pilot)  # offered once a day: the next low one goes home
        await pilot.press("0", "enter")
        for _ in range(3):
            await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    with reads_allowed():
        assert [r["data"]["rating"] for r in app.store.records(kind="step")] == [1, 0]
    off = make_app(tmp_path / "off", clock=FakeClock(), settings=Settings(safety_net=False))
    async with off.run_test(size=(80, 24)) as pilot:
        await open_mood(pilot)
        await pilot.press("0", "enter")
        for _ in range(3):
            await settle(pilot)
        assert isinstance(off.screen, HomeScreen)


async def test_ctrl_q_keeps_a_check_in_that_has_its_number_with_its_words(
        tmp_path: Path) -> None:
    app = make_app(tmp_path, clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await open_mood(pilot)
        await pilot.press("4", *"long day")
        await pilot.press("ctrl+q")
        await settle(pilot)
    with reads_allowed():
        [record] = app.store.records(kind="step")
    assert (record["routine"], record["data"]["rating"], record["data"]["note"]) == \
        ("_mood", 4, "long day")
    empty = make_app(tmp_path / "no-number", clock=FakeClock())
    async with empty.run_test(size=(80, 24)) as pilot:
        await open_mood(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
    with reads_allowed():
        assert empty.store.records(kind="step") == []
