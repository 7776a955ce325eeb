"""A self-check asked again within its two-week window: a routine's check step opens on a
short page (Enter goes on without it today, t takes it anyway); a self-check the person
opened themselves asks at once, with one line saying when the last one was."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coach.practice.questionnaires import GAD7, PHQ9
from coach.routine.catalog import RoutineDir
from coach.tui.screens.home import HomeScreen
from coach.tui.widgets.key_bar import shown_keys
from tests.tui.harness import make_app, settle
from tests.tui.self_check_data import write_checks
from tests.tui.support_helpers import plan_loader
from tests.tui.test_self_check import records, shown

NOT_YET = ("You took the PHQ-9 on 14 Nov, 8 days ago. It asks about the last two weeks, so "
           "it tells you most again from 28 Nov.")
LAST_LINE = ("Your last PHQ-9 was 8 days ago; taking it again now is fine, it asks about the "
             "last two weeks.")


def keys(app: Any) -> dict[str, str]:
    return {binding.key: str(label) for binding, label in shown_keys(app.screen)}


def routine_app(tmp_path: Path) -> Any:
    """Today (22 Nov): a routine of a mood check-in, the PHQ-9 and gratitude."""
    (tmp_path / "routines").mkdir()
    (tmp_path / "routines" / "fortnight.yaml").write_text(
        "title: Fortnight\nsteps:\n  - type: mood\n  - type: check\n    id: mood-check\n"
        "    form: phq9\n  - type: gratitude\n")
    return make_app(tmp_path, dirs=[RoutineDir(tmp_path / "routines", False)],
                    start_with="fortnight", support_loader=plan_loader())


def checks_of_today(tmp_path: Path) -> list[tuple[str, str, dict[str, Any] | None]]:
    return [(r["step"], r["status"], r.get("data"))
            for r in records(tmp_path / "data")
            if r["kind"] == "step" and r["routine"] == "fortnight" and r["type"] == "check"]


@pytest.mark.parametrize("where", ["_check", "evening"], ids=["standalone", "another routine"])
async def test_within_two_weeks_the_step_opens_on_a_page_and_enter_goes_on(
        tmp_path: Path, where: str) -> None:
    write_checks(tmp_path / "data", [(date(2026, 11, 14), "phq9", 9)], routine=where)
    app = routine_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")  # the mood check-in
        await settle(pilot)
        text = shown(app)
        assert NOT_YET in text
        assert "Enter go on without it today · t take it now anyway" in text
        assert "1 of 9" not in text and PHQ9.items[0] not in text
        assert keys(app)["t"] == "Take it now" and keys(app)["ctrl+n"] == "Not today"
        await pilot.press("enter")
        await settle(pilot)
        assert "grateful" in shown(app).lower()  # the routine goes on
    # Recorded as Skip records a step (the mood check-in, skipped above): no answers.
    [mood] = [r for r in records(tmp_path / "data") if r.get("type") == "mood"]
    assert (mood["status"], mood.get("data")) == ("skipped", {})
    assert checks_of_today(tmp_path) == [("mood-check", "skipped", {})]


async def test_t_takes_it_all_the_same(tmp_path: Path) -> None:
    write_checks(tmp_path / "data", [(date(2026, 11, 14), "phq9", 9)])
    app = routine_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s", "t")
        await settle(pilot)
        text = shown(app)
        assert "1 of 9" in text and PHQ9.items[0] in text and NOT_YET not in text
        assert LAST_LINE not in text
        for key in [*["1"] * 8, "0", "0"]:
            await pilot.press(key)
        await settle(pilot)
        assert "Your total: 8 of 27, in the mild range." in shown(app)
        await pilot.press("enter")
        await settle(pilot)
        assert "grateful" in shown(app).lower()
    [(step, status, data)] = checks_of_today(tmp_path)
    assert (step, status, data and data["total"]) == ("mood-check", "done", 8)


@pytest.mark.parametrize("checks", [[(date(2026, 11, 8), "phq9", 9)], [],
                                    [(date(2026, 11, 20), "gad7", 5)]],
                         ids=["14 days ago", "never", "only the other form lately"])
async def test_at_two_weeks_or_never_the_step_asks_at_once(
        tmp_path: Path, checks: list[tuple[date, str, int]]) -> None:
    write_checks(tmp_path / "data", checks)
    app = routine_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
        text = shown(app)
        assert "1 of 9" in text and PHQ9.items[0] in text
        assert "You took" not in text and "Your last" not in text and "t" not in keys(app)


async def test_back_to_the_step_taken_in_this_run_shows_its_score_not_the_page(
        tmp_path: Path) -> None:
    app = routine_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        for key in ["ctrl+s", *["1"] * 8, "0", "0", "enter"]:
            await pilot.press(key)
        await settle(pilot)
        assert "grateful" in shown(app).lower()
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert "Your total: 8 of 27" in shown(app) and "You took" not in shown(app)
        for _ in range(10):  # the difficulty question, then each item back to the first
            await pilot.press("ctrl+p")
        await settle(pilot)
        assert "1 of 9" in shown(app)
        await pilot.press("ctrl+p")  # from the first question, the step before
        await settle(pilot)
        assert "How is your mood" in shown(app) and "You took" not in shown(app)


async def test_the_self_check_opened_on_its_own_says_when_the_last_one_was(
        tmp_path: Path) -> None:
    write_checks(tmp_path / "data", [(date(2026, 11, 14), "phq9", 9)])
    app = make_app(tmp_path, start_with="_check/phq9", support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = shown(app)
        assert LAST_LINE in text and "1 of 9" in text and PHQ9.items[0] in text
        assert text.index(LAST_LINE) < text.index(PHQ9.items[0])
        assert "You took" not in text and "t" not in keys(app)
        await pilot.press("0")
        await settle(pilot)
        assert "2 of 9" in shown(app) and LAST_LINE not in shown(app)  # the first page only


@pytest.mark.parametrize("start_with,checks", [
    ("_check/phq9", [(date(2026, 11, 8), "phq9", 9)]),
    ("_check/phq9", []),
    ("_check/gad7", [(date(2026, 11, 20), "phq9", 9)]),
], ids=["14 days ago", "never", "only the other form lately"])
async def test_the_self_check_opened_on_its_own_says_nothing_more_otherwise(
        tmp_path: Path, start_with: str, checks: list[tuple[date, str, int]]) -> None:
    write_checks(tmp_path / "data", checks)
    app = make_app(tmp_path, start_with=start_with, support_loader=plan_loader())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = shown(app)
        form = PHQ9 if start_with.endswith("phq9") else GAD7
        assert "1 of" in text and form.items[0] in text
        assert "Your last" not in text and "You took" not in text
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
