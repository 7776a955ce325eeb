"""The home screen, driven with Textual's Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import OptionList, Static

from coach.routine.catalog import RoutineDir
from tests.tui.harness import make_app, screen_text

MARKUP = "[b]bold[/] [/] [@click=app.quit]x[/] [red]"


def routines_dir(tmp_path: Path, files: dict[str, str]) -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir(exist_ok=True)
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return RoutineDir(directory, False)


async def test_home_lists_the_shipped_routines_and_previews_steps(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        options = app.screen.query_one("#routines", OptionList)
        assert [options.get_option_at_index(i).id for i in range(2)] == ["morning", "evening"]
        text = screen_text(app)
        assert "07:30 · not started" in text and "21:30 · not started" in text
        assert "1. Slow breathing" in text and "4 steps · about" in text
        await pilot.press("down")
        assert "1. Progressive muscle relaxation" in screen_text(app)
        await pilot.press("q")
    assert app.return_code == 0


async def test_user_text_with_markup_is_shown_literally(tmp_path: Path) -> None:
    directory = routines_dir(tmp_path, {
        "m.yaml": f"title: '{MARKUP[:60]}'\ndescription: '{MARKUP}'\nsteps:\n"
                  f"  - type: mood\n    title: '{MARKUP[:60]}'\n",
        "broken.yaml": "title: t\nsteps:\n  - type: '[/]'\n",
    })
    app = make_app(tmp_path, dirs=[directory])
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert MARKUP in text and f"1. {MARKUP[:60]}" in text
        assert "unknown step type '[/]'" in text
        await pilot.press("q")
    assert app.return_code == 0  # [@click=app.quit] did not act, q did


async def test_no_routines_says_how_to_get_some(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[routines_dir(tmp_path, {})])
    async with app.run_test(size=(80, 24)):
        assert "coach init" in str(app.screen.query_one("#preview", Static).render())


async def test_an_edit_is_picked_up_on_return_and_a_broken_one_keeps_the_last_good(
        tmp_path: Path) -> None:
    directory = routines_dir(tmp_path, {"r.yaml": "title: First\nsteps:\n  - type: mood\n"})
    app = make_app(tmp_path, dirs=[directory])
    async with app.run_test(size=(80, 24)) as pilot:
        assert "First" in screen_text(app)
        (directory.path / "r.yaml").write_text("title: Second\nsteps:\n  - type: mood\n")
        await pilot.press("enter", "escape")  # into the routine and back home
        await pilot.pause()
        assert "Second" in screen_text(app)
        (directory.path / "r.yaml").write_text("title: Third\nsteps:\n  - type: mod\n")
        await pilot.press("enter", "escape")
        await pilot.pause()
        text = screen_text(app)
        assert "Second" in text and "Third" not in text
        assert "r.yaml:3:11: unknown step type 'mod'" in text
        assert "The last good version of r is still in use." in text
