"""The home screen, driven with Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from coach.routine.catalog import RoutineDir, load_catalog
from coach.tui.app import CoachApp

MARKUP = "[b]bold[/] [/] [@click=app.quit]x[/] [red]"


def catalog_with(tmp_path: Path, files: dict[str, str]):
    directory = tmp_path / "routines"
    directory.mkdir()
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return load_catalog([RoutineDir(directory, False)])


async def test_home_lists_the_shipped_routines_and_previews_steps() -> None:
    app = CoachApp(load_catalog())
    async with app.run_test(size=(80, 24)) as pilot:
        options = app.screen.query_one("#routines", OptionList)
        assert options.option_count == 2
        assert [options.get_option_at_index(i).id for i in range(2)] == ["morning", "evening"]
        preview = app.screen.query_one("#preview", Static)
        assert "1. Slow breathing" in str(preview.render())
        await pilot.press("down")
        assert "1. Progressive muscle relaxation" in str(preview.render())
        await pilot.press("q")
    assert app.return_code == 0


async def test_user_text_with_markup_is_shown_literally(tmp_path: Path) -> None:
    title = MARKUP[:60]
    catalog = catalog_with(tmp_path, {
        "m.yaml": f"title: '{title}'\ndescription: '{MARKUP}'\nsteps:\n"
                  f"  - type: mood\n    title: '{MARKUP[:60]}'\n",
        "broken.yaml": "title: t\nsteps:\n  - type: '[/]'\n",
    })
    app = CoachApp(catalog)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        option = app.screen.query_one("#routines", OptionList).get_option_at_index(0)
        assert str(option.prompt).startswith(title)
        preview = str(app.screen.query_one("#preview", Static).render())
        assert MARKUP in preview and f"1. {MARKUP[:60]}" in preview
        failures = str(app.screen.query_one("#failures", Static).render())
        assert "unknown step type '[/]'" in failures
        await pilot.press("q")
    assert app.return_code == 0  # [@click=app.quit] did not act, q did


async def test_no_routines_says_how_to_get_some(tmp_path: Path) -> None:
    app = CoachApp(catalog_with(tmp_path, {}))
    async with app.run_test(size=(80, 24)):
        assert "coach init" in str(app.screen.query_one("#preview", Static).render())
