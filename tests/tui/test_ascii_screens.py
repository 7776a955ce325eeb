"""With a locale that is not UTF-8 (LANG=C), every screen coach paints is plain ASCII:
its own glyphs, the borders, scrollbars and keys Textual draws, and a person's own words.

Each screen is read as the terminal would get it (tests.tui.terminal_text.painted_text) at
80x24 and 60x20, and must hold no character above 127.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from coach.routine.catalog import RoutineDir
from coach.tui.screens.entries import EntriesScreen
from coach.tui.screens.help import HelpScreen
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.run import RunScreen
from coach.tui.screens.summary import SummaryScreen
from coach.tui.screens.support import SupportScreen
from coach.tui.steps.timed import TimedExerciseWidget
from tests.fakes import FakeClock
from tests.tui.history_data import write_month
from tests.tui.harness import make_app, settle, type_text
from tests.tui.terminal_text import painted_text

EVERY_STEP = RoutineDir(Path(__file__).parent / "routines", False)
SIZES = [(80, 24), (60, 20)]


@pytest.fixture(autouse=True)
def c_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "C")


def not_ascii(text: str) -> list[str]:
    """Each character above 127 with the line it is on."""
    return [f"U+{ord(c):04X} {c!r} in {line.strip()!r}"
            for line in text.splitlines() for c in line if ord(c) > 127]


async def assert_ascii(pilot: Pilot, where: str) -> str:
    await settle(pilot)
    text = painted_text(pilot.app)
    assert not not_ascii(text), f"{where}:\n" + "\n".join(not_ascii(text)[:12]) + "\n" + text
    return text


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "60x20"])
async def test_every_step_of_a_routine_and_its_summary_are_ascii(
        tmp_path: Path, size: tuple[int, int]) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, dirs=[EVERY_STEP], clock=clock, start_with="weekend")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        steps = 0
        while isinstance(app.screen, RunScreen):
            screen = app.screen
            await assert_ascii(pilot, f"step {steps + 1}")
            widget = screen.widget
            if isinstance(widget, TimedExerciseWidget):
                # The pacer or timer part way through, and with its end in sight.
                clock.advance(2.5)
                widget.tick()
                await assert_ascii(pilot, f"step {steps + 1}, running")
            await pilot.press("ctrl+s")
            steps += 1
            await settle(pilot)
        assert steps >= 11
        assert isinstance(app.screen, SummaryScreen)
        await assert_ascii(pilot, "summary")


async def test_a_finished_routine_says_what_changed_in_ascii(tmp_path: Path) -> None:
    """The summary of a routine with a rating before and after, and a toggle and chips on
    the way: a done mark, an arrow between ratings."""
    app = make_app(tmp_path, start_with="morning")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+s", "ctrl+s", "ctrl+s", "7", "tab", "right", "space", "tab")
        await type_text(pilot, "slept ok, café au lait")
        mood = await assert_ascii(pilot, "mood step")
        assert "cafe au lait" in mood and "<-/-> to move" in mood
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        await assert_ascii(pilot, "summary")


@pytest.mark.parametrize("size", SIZES, ids=["80x24", "60x20"])
async def test_home_history_entries_support_and_help_are_ascii(
        tmp_path: Path, size: tuple[int, int]) -> None:
    write_month(tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=size) as pilot:
        home = await assert_ascii(pilot, "home")
        assert "enter Start" in home and "coach - Sunday 22 November" in home
        for key, screen in [("h", HistoryScreen), ("t", HistoryScreen), ("j", EntriesScreen),
                            ("ctrl+g", SupportScreen), ("escape", EntriesScreen),
                            ("escape", HistoryScreen), ("escape", HomeScreen),
                            ("question_mark", HelpScreen)]:
            await pilot.press(key)
            await settle(pilot)
            assert isinstance(app.screen, screen)
            await assert_ascii(pilot, f"{screen.__name__} after {key}")


async def test_textuals_own_palette_and_toasts_are_ascii(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("Saved — “kept” for you…", title="Noted")
        assert '"kept" for you~' in await assert_ascii(pilot, "a toast")
        await pilot.press("ctrl+k")
        await settle(pilot)
        await type_text(pilot, "hist")
        await pilot.pause(0.3)  # the palette searches in a worker of its own
        palette = await assert_ascii(pilot, "the command palette")
        assert "History" in palette and ">  hist" in palette


def test_every_character_has_an_ascii_form_of_its_width() -> None:
    """Borders, bars, marks, a person's accents, a wide character: each the same cells."""
    from coach.tui.widgets.glyphs import ascii_form

    for text, shown in [("╭─╮│╰╯", "+-+|++"), ("█▇▁", "##_"), ("✓·•○●", "*-*o*"),
                        ("café", "cafe"), ("日", "??"), ("a\u0301", "a"), ("←→", "<>")]:
        assert ascii_form(text) == shown
