"""The home screen, driven with Textual's Pilot."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from coach.routine.catalog import RoutineDir
from tests.tui.clicking import click_on_text
from tests.tui.harness import make_app, screen_text

MARKUP = "[b]bold[/] [/] [@click=app.quit]x[/] [red]"
#: Markup that parses: shown as markup, the x would be a live link that quits.
LINK = "[b]bold[/] [@click=app.quit]x[/]"


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


@pytest.mark.parametrize("markup", [MARKUP, LINK], ids=["unbalanced", "link"])
async def test_user_text_with_markup_is_shown_literally(tmp_path: Path, markup: str) -> None:
    directory = routines_dir(tmp_path, {
        "m.yaml": f"title: '{markup[:60]}'\ndescription: '{markup}'\nsteps:\n"
                  f"  - type: mood\n    title: '{markup[:60]}'\n",
        "broken.yaml": "title: t\nsteps:\n  - type: '[/]'\n",
    })
    app = make_app(tmp_path, dirs=[directory])
    async with app.run_test(size=(120, 24)) as pilot:  # wide: the preview lines do not wrap
        await pilot.pause()
        text = screen_text(app)
        assert markup in text and f"1. {markup[:60]}" in text
        assert "unknown step type '[/]'" in text
        # The title, the description and the step title in the preview: three x's.
        assert await click_on_text(pilot, "x") >= 3
        await pilot.pause()
        assert app.return_code is None and app.is_running  # [@click=app.quit] did not act
        await pilot.press("q")
    assert app.return_code == 0


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
        assert ("r.yaml has a mistake on line 3, so coach uses its last good version until "
                "it is fixed (coach edit r):") in text


async def wait_for_text(pilot: Pilot, text: str, seconds: float = 8) -> str:
    """The screen's text once it shows `text`; fails after `seconds` of real time."""
    deadline = time.monotonic() + seconds
    while text not in (shown := screen_text(pilot.app)):
        assert time.monotonic() < deadline, f"{text!r} never appeared in:\n{shown}"
        await pilot.pause(0.1)
    return shown


async def test_an_edit_is_picked_up_while_home_is_open(coach_dirs: dict[str, Path],
                                                      tmp_path: Path) -> None:
    """No key pressed: the home screen notices a changed routine file by itself."""
    routines = coach_dirs["routines"]
    routines.mkdir(parents=True)
    (routines / "r.yaml").write_text("title: First\nsteps:\n  - type: mood\n")
    app = make_app(tmp_path)  # the usual folders: the shipped routines and the user's
    async with app.run_test(size=(80, 24)) as pilot:
        assert "First" in await wait_for_text(pilot, "Morning routine")
        (routines / "r.yaml").write_text("title: Second one\nsteps:\n  - type: mood\n")
        assert "First" not in await wait_for_text(pilot, "Second one")
        (routines / "r.yaml").write_text("title: Third\nsteps:\n  - type: mod\n")
        text = await wait_for_text(pilot, f"{routines / 'r.yaml'}:3:11: unknown step type 'mod'")
        assert "Second one" in text and "Third" not in text
        assert ("r.yaml has a mistake on line 3, so coach uses its last good version until "
                "it is fixed (coach edit r):") in text
        assert "Morning routine" in text  # the other routines stay
