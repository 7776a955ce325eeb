"""A step left part way is kept as a draft: resumed with what was written, not done."""

from __future__ import annotations

from pathlib import Path

from coach.routine.catalog import RoutineDir
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.resume import ResumeScreen
from coach.tui.screens.run import RunScreen
from tests.tui.harness import make_app, screen_text, settle, type_text
from tests.ui_thread import reads_allowed


def evening_dir(tmp_path: Path) -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "evening.yaml").write_text(
        "title: Evening\nsteps:\n  - type: instruction\n    text: Sit down.\n"
        "  - type: journal\n    prompts: [What went well?]\n  - type: mood\n")
    return RoutineDir(directory, False)


async def test_leaving_the_journal_keeps_a_draft_that_resume_goes_back_to(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[evening_dir(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # start
        await settle(pilot)
        await pilot.press("ctrl+n")  # the instruction, done
        await settle(pilot)
        assert "Step 2 of 3" in screen_text(app)
        await type_text(pilot, "A quiet walk")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert "in progress · 1 of 3" in screen_text(app)

        with reads_allowed():
            steps = {r["step"]: r for r in app.store.records(kind="step")}
        assert steps["journal"]["status"] == "draft"
        assert steps["journal"]["data"]["text"] == "A quiet walk"

        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        assert "(1 of 3 steps)" in screen_text(app)
        await pilot.press("r")
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        text = screen_text(app)
        assert "Step 2 of 3" in text and "A quiet walk" in text, text
        await type_text(pilot, ", then tea")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Step 3 of 3" in screen_text(app)

    journal = [r for r in app.store.records(kind="step") if r["step"] == "journal"]
    assert [r["status"] for r in journal] == ["draft", "done"]
    assert journal[-1]["data"]["text"] == "A quiet walk, then tea"


async def test_a_journal_longer_than_a_record_holds_waits_and_keeps_every_character(
        tmp_path: Path) -> None:
    from coach.tui.steps.journal import MAX_JOURNAL_CHARACTERS, JournalArea

    app = make_app(tmp_path, dirs=[evening_dir(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "ctrl+n")
        await settle(pilot)
        area = app.screen.query_one(JournalArea)
        area.text = "x" * (MAX_JOURNAL_CHARACTERS + 5)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Step 2 of 3" in screen_text(app)  # still here
        assert "Your entry is 5 characters over the 90,000 it can hold" in screen_text(app)
        assert len(area.text) == MAX_JOURNAL_CHARACTERS + 5
        area.text = area.text[:-5]
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert "Step 3 of 3" in screen_text(app)
    journal = [r for r in app.store.records(kind="step") if r["step"] == "journal"][-1]
    assert len(journal["data"]["text"]) == MAX_JOURNAL_CHARACTERS


async def test_a_draft_cleared_and_left_again_is_kept_cleared(tmp_path: Path) -> None:
    """A person who erases what they wrote and leaves expects it gone, not the old draft
    back when they resume."""
    app = make_app(tmp_path, dirs=[evening_dir(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "ctrl+n")
        await settle(pilot)
        await type_text(pilot, "Something private")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter", "r")  # resume, the draft back in the journal
        await settle(pilot)
        assert "Something private" in screen_text(app)
        await pilot.press(*["backspace"] * len("Something private"))
        await pilot.press("escape")
        await settle(pilot)
        assert "in progress · 1 of 3" in screen_text(app)
        await pilot.press("enter", "r")
        await settle(pilot)
        text = screen_text(app)
        assert "Step 2 of 3" in text and "Something private" not in text, text

    journal = [r for r in app.store.records(kind="step") if r["step"] == "journal"]
    assert [(r["status"], r["data"]) for r in journal][-1] == ("draft", {})
