"""The self-check (PHQ-9, GAD-7) as a person sees it: one question at a time, the quiet page
after item 9 answered above 0, the total, and what is stored (and what is not)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from coach.practice.questionnaires import DIFFICULTY_QUESTION, GAD7, PHQ9
from coach.practice.why import STEP_WHY
from coach.routine.catalog import RoutineDir
from coach.tui.commands import CoachCommands
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.self_check import SelfCheckScreen
from coach.tui.screens.support import SupportScreen
from tests.tui.harness import make_app, press_at_once, screen_text, settle
from tests.tui.support_helpers import plan_loader
from tests.tui.terminal_text import painted_text

NOT_A_DIAGNOSIS = "This is a self-check to bring to a professional, not a diagnosis."
CALM_PAGE = "you do not have to carry them alone"


def records(data: Path) -> list[dict[str, Any]]:
    found = []
    for path in sorted(data.glob("records-*.json")):
        found.extend(json.loads(path.read_text(encoding="utf-8"))["records"].values())
    return found


def shown(app) -> str:  # type: ignore[no-untyped-def]
    return " ".join(painted_text(app).split())


async def answer(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    for key in keys:
        await pilot.press(key)
    await settle(pilot)


async def test_every_item_answered_shows_the_total_and_its_range(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="_check/gad7")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SelfCheckScreen)
        text = shown(app)
        assert GAD7.stem in text and "1 of 7" in text and GAD7.items[0] in text
        assert "0 Not at all" in text and "3 Nearly every day" in text
        await answer(pilot, "1", "1", "2")
        assert "4 of 7" in shown(app) and GAD7.items[3] in shown(app)
        await answer(pilot, "1", "1", "1", "0")
        text = shown(app)
        assert "Your total: 7 of 21, in the mild range." in text and NOT_A_DIAGNOSIS in text
        assert DIFFICULTY_QUESTION not in text and CALM_PAGE not in text
        await answer(pilot, "enter")
        assert isinstance(app.screen, HomeScreen)
    checks = [r for r in records(tmp_path / "data") if r["routine"] == "_check"]
    assert [(r["kind"], r["step"], r["type"], r["status"], r["data"]) for r in checks] == [
        ("step", "gad7", "check", "done",
         {"form": "gad7", "answers": [1, 1, 2, 1, 1, 1, 0], "difficulty": None, "total": 7})]


async def test_arrows_and_enter_answer_too(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="_check/gad7")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, "down", "down", "down", "enter")  # the first arrow starts at 0
        await answer(pilot, *["3"] * 6)
        assert "Your total: 20 of 21, in the severe range." in shown(app)


async def test_item_9_above_0_shows_the_plan_before_the_score(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="_check/phq9", support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, *["0"] * 8, "1")
        assert DIFFICULTY_QUESTION in shown(app)  # asked first, not counted
        await answer(pilot, "1")
        text = shown(app)
        assert CALM_PAGE in text and "thoughts of being better off dead" in text
        assert "Sam · 07700 900123, evenings" in text and "My sister" in text
        assert "Samaritans · 116 123, any time" in text
        assert "local emergency number" in text
        assert "Your total" not in text and "crisis" not in text.lower()
        await answer(pilot, "p")  # the whole plan, and back
        assert isinstance(app.screen, SupportScreen)
        await answer(pilot, "escape")
        assert CALM_PAGE in shown(app)
        await answer(pilot, "enter")
        text = shown(app)
        assert "Your total: 1 of 27, in the minimal range." in text and CALM_PAGE not in text
        await answer(pilot, "ctrl+p")  # back from the score: the page is there again
        assert CALM_PAGE in shown(app)
        await answer(pilot, "enter", "enter")
        assert isinstance(app.screen, HomeScreen)
    [check] = [r for r in records(tmp_path / "data") if r["routine"] == "_check"]
    assert check["data"] == {"form": "phq9", "answers": [0] * 8 + [1], "difficulty": 1,
                             "total": 1}


async def test_the_plan_is_read_off_the_ui_thread_and_only_when_needed(tmp_path: Path) -> None:
    calls: list[int] = []
    app = make_app(tmp_path, start_with="_check/phq9", support_loader=plan_loader(calls=calls))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, *["3"] * 8, "0", "3")
        text = shown(app)
        assert "Your total: 24 of 27, in the severe range." in text
        assert CALM_PAGE not in text
    assert calls == []


async def test_item_9_at_0_goes_straight_to_the_score(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="_check/phq9", support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, "1", "1", "1", "1", "1", "1", "1", "0", "0", "2")
        text = shown(app)
        assert "Your total: 7 of 27, in the mild range." in text and NOT_A_DIAGNOSIS in text
        assert CALM_PAGE not in text and "Sam" not in text


async def test_going_back_keeps_the_answer(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="_check/gad7")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, "2", "3")
        assert "3 of 7" in shown(app)
        await answer(pilot, "ctrl+p")
        assert "2 of 7" in shown(app) and GAD7.items[1] in shown(app)
        assert app.screen.query_one(OptionList).highlighted == 3
        await answer(pilot, "ctrl+p")
        assert app.screen.query_one(OptionList).highlighted == 2
        await answer(pilot, "enter", "enter")  # the answers kept, on to the third
        assert "3 of 7" in shown(app)
        assert app.screen.query_one(OptionList).highlighted is None
        await answer(pilot, "1")
        await answer(pilot, "ctrl+p", "0")  # changed on the way back
        await answer(pilot, *["0"] * 4)
        assert "Your total: 5 of 21, in the mild range." in shown(app)


async def test_next_without_an_answer_asks_for_one(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="_check/gad7")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ("enter", "ctrl+n"):
            await answer(pilot, key)
            text = shown(app)
            assert "1 of 7" in text and "Choose one of the four answers" in text
        await answer(pilot, "0")
        assert "2 of 7" in shown(app) and "Choose one" not in shown(app)


@pytest.mark.parametrize("keys", [["escape"], ["ctrl+s", "escape"], ["ctrl+q"]],
                         ids=["leave", "skip is not offered", "quit"])
async def test_leaving_before_the_score_keeps_nothing(tmp_path: Path, keys: list[str]) -> None:
    app = make_app(tmp_path, start_with="_check/phq9", support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, *["2"] * 9, "1")  # every item, up to the page before the score
        assert CALM_PAGE in shown(app)
        assert "^s" not in shown(app)
        await answer(pilot, *keys)
    assert [r for r in records(tmp_path / "data") if r.get("kind") in ("step", "session")] == []


async def test_the_answers_stay_in_the_month_files(tmp_path: Path) -> None:
    """The record holds the answers; nothing else coach writes (digests, drafts, settings,
    notifications) does."""
    app = make_app(tmp_path, start_with="_check/phq9", support_loader=plan_loader())
    answers = ["3", "2", "3", "2", "3", "2", "3", "2", "1"]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, *answers, "2", "enter", "enter")
        assert isinstance(app.screen, HomeScreen)
        said = [n.message for n in app._notifications]
    assert not any("answer" in text or "21 of 27" in text for text in said)
    assert "[3, 2, 3, 2, 3, 2, 3, 2, 1]" in json.dumps([r.get("data") for r in
                                                       records(tmp_path / "data")])
    for path in tmp_path.rglob("*"):
        if path.is_file() and not (path.parent == tmp_path / "data"
                                   and path.name.startswith("records-")):
            text = path.read_text(encoding="utf-8", errors="replace")
            assert '"answers"' not in text and "3, 2, 3, 2" not in text, path


async def test_a_check_in_a_routine_is_recorded_under_the_routine(tmp_path: Path) -> None:
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "fortnight.yaml").write_text(
        "title: Fortnight\nsteps:\n  - type: mood\n  - type: check\n    id: mood-check\n"
        "    form: phq9\n  - type: gratitude\n")
    app = make_app(tmp_path, dirs=[RoutineDir(tmp_path / "routines", False)],
                   start_with="fortnight", support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, "ctrl+s")
        assert "Self-check: PHQ-9 (mood)" in shown(app) and "1 of 9" in shown(app)
        await answer(pilot, "ctrl+p")  # at its first question, Back is the step before
        assert "How is your mood" in screen_text(app)
        await answer(pilot, "ctrl+s", *["1"] * 9, "0", "enter")
        assert "Your total: 9 of 27, in the mild range." in shown(app)
        await answer(pilot, "enter")
        assert "grateful" in shown(app).lower()
        await answer(pilot, "ctrl+p")  # back to the done check: its score, as it was
        assert "Your total: 9 of 27" in shown(app)
    steps = [r for r in records(tmp_path / "data") if r["kind"] == "step" and r["type"] == "check"]
    assert [(r["routine"], r["step"], r["data"]["total"]) for r in steps] == [
        ("fortnight", "mood-check", 9)]


async def test_the_palette_offers_both_self_checks(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        provider = CoachCommands(app.screen)
        names = [name for name, _, _ in provider.commands()]
        assert "Self-check: PHQ-9 (mood)" in names and "Self-check: GAD-7 (anxiety)" in names
        dict((name, run) for name, run, _ in provider.commands())["Self-check: PHQ-9 (mood)"]()
        await settle(pilot)
        assert isinstance(app.screen, SelfCheckScreen) and PHQ9.items[0] in shown(app)
        # In a self-check, no second one (nor a routine) is offered.
        assert not any(name.startswith(("Self-check", "Start"))
                       for name, _, _ in CoachCommands(app.screen).commands())


async def test_help_says_why_a_self_check(tmp_path: Path) -> None:
    app = make_app(tmp_path, start_with="_check/gad7")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press_at_once(pilot, "f1")
        assert STEP_WHY["check"][1] in " ".join(screen_text(app).split())


async def test_the_score_says_how_it_compares_with_the_last_of_its_form(tmp_path: Path) -> None:
    from datetime import date

    from tests.tui.self_check_data import write_checks

    write_checks(tmp_path / "data", [(date(2026, 10, 20), "gad7", 12),
                                     (date(2026, 11, 2), "phq9", 3)])
    app = make_app(tmp_path, start_with="_check/gad7")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, "1", "1", "2", "1", "1", "1", "0")
        text = shown(app)
        assert "Your total: 7 of 21, in the mild range." in text
        assert "5 lower than your last GAD-7 (12, on 20 Oct): a real improvement." in text
    first = make_app(tmp_path / "none", start_with="_check/gad7")
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await answer(pilot, *"1111111")
        assert "Your total: 7 of 21" in shown(first) and "your last" not in shown(first)
