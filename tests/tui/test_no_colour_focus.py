"""Without colour (NO_COLOR), focus, the highlighted routine and a chosen value stay visible."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, TextArea

from coach.routine.catalog import RoutineDir
from coach.tui.widgets.chips import Chips
from coach.tui.widgets.rating import Rating
from tests.tui.harness import make_app, settle


@pytest.fixture(autouse=True)
def no_colour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")


async def test_the_highlighted_routine_is_bold_and_underlined(tmp_path: Path) -> None:
    """Textual takes NO_COLOR out of the environment as it starts; the emphasis must still
    apply, and be one that reaches the terminal (an OptionList drops reverse)."""
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        routines = app.screen.query_one("#routines", OptionList)
        style = routines.get_component_rich_style("option-list--option-highlighted")
        assert style.underline and style.bold


async def start_mood(pilot) -> Rating:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("enter", "ctrl+s", "ctrl+s", "ctrl+s")  # morning: to the mood step
    await settle(pilot)
    return pilot.app.screen.query_one(Rating)


async def test_a_focused_scale_is_marked_and_its_value_shows_as_soon_as_it_is_chosen(
        tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        rating = await start_mood(pilot)
        assert rating.has_focus
        assert str(rating.render()).startswith("▸")  # focus, before any value
        await pilot.press("right", "right")
        await pilot.pause()
        scale = str(rating.render()).splitlines()[0]
        assert "[6]" in scale
        assert not rating.styles.text_style.reverse  # the row is never reversed over it
        await pilot.press("tab")
        await pilot.pause()
        assert not str(rating.render()).startswith("▸")


async def test_the_word_under_the_cursor_is_reversed_on_a_row_that_is_not(
        tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await start_mood(pilot)
        await pilot.press("tab", "right")
        await pilot.pause()
        chips = app.screen.query_one(Chips)
        assert chips.has_focus and not chips.styles.text_style.reverse
        second = [span for span in chips.render().spans if "reverse" in str(span.style)]
        assert len(second) == 1


async def test_the_whole_scale_fits_at_40_columns(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(40, 15)) as pilot:
        rating = await start_mood(pilot)
        await pilot.press("7")
        await pilot.pause()
        lines = [line.text for line in rating.render_lines(rating.region.reset_offset)]
        assert "10" in lines[0] and "[7]" in lines[0]
        assert "best" in lines[1]


@pytest.mark.parametrize(("field", "part"), [(Input, "input--selection"),
                                             (TextArea, "text-area--selection")])
async def test_selected_text_is_reversed(tmp_path: Path, field: type, part: str) -> None:
    """Text selected with shift and the arrows is shown by a background colour alone,
    which NO_COLOR takes away: typing then replaces text the person could not see chosen."""
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "w.yaml").write_text("title: W\nsteps:\n  - type: gratitude\n"
                                      "  - {type: journal, prompts: [Anything]}\n")
    app = make_app(tmp_path, dirs=[RoutineDir(directory, False)], start_with="w")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        if field is TextArea:
            await pilot.press("ctrl+n")
            await settle(pilot)
        widget = app.screen.query_one(field)
        assert widget.has_focus
        assert widget.get_component_rich_style(part).reverse
