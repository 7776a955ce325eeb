"""User text appears exactly as written wherever it is shown: never parsed as markup."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.routine.catalog import RoutineDir
from tests.tui.clicking import click_on_text
from tests.tui.harness import make_app, screen_text, settle, type_text

# Short enough for every field's limit. M cannot be parsed as markup; LINK can, and
# parsed, its q would be a live link that quits the app.
M = "[b]x[/][/][@click=app.quit]q"
LINK = "[b]x[/][@click=app.quit]q[/]"


def markup_routine(tmp_path: Path, markup: str) -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir()
    text = f"""\
title: "T {markup}"
description: "D {markup}"
steps:
  - type: instruction
    title: "I {markup}"
    text: "Text {markup}"
  - type: pmr
    groups: [{{name: "G {markup}", instruction: "Do {markup}"}}]
  - type: journal
    prompts: ["P {markup}"]
  - type: mood
    feelings: ["F {markup}"]
  - type: affirmation
    texts: ["A {markup}"]
  - type: activity_plan
    suggestions: ["S {markup}"]
  - type: activity_review
  - type: grounding
"""
    (directory / "m.yaml").write_text(text, encoding="utf-8")
    return RoutineDir(directory, False)


@pytest.mark.parametrize("markup", [M, LINK], ids=["unbalanced", "link"])
async def test_every_place_user_text_is_shown(tmp_path: Path, markup: str) -> None:
    app = make_app(tmp_path, dirs=[markup_routine(tmp_path, markup)])
    seen: list[str] = []
    clicks = 0

    async def look_and_click() -> None:
        """Read the screen, then click every q of the user text where it is shown."""
        nonlocal clicks
        seen.append(screen_text(app))
        clicks += await click_on_text(pilot, "q")
        assert app.return_code is None, f"a click on screen {len(seen)} quit the app"

    async with app.run_test(size=(100, 40)) as pilot:
        await look_and_click()  # home: title, description, step titles
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(4):  # instruction, pmr, journal, mood
            await look_and_click()
            await pilot.press("ctrl+s")
            await pilot.pause()
        await look_and_click()  # affirmation
        await pilot.press("ctrl+n")
        await pilot.pause()
        seen.append(screen_text(app))  # plan: suggestions shown; plan one with markup
        await type_text(pilot, "Plan [b]y[/]")
        clicks += await click_on_text(pilot, "q")  # after typing: a click may move the focus
        await pilot.press("ctrl+n")
        await pilot.pause()
        await look_and_click()  # review: the planned name shown again
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "seen [/]")  # grounding: typed items shown in the list
        await pilot.press("enter")
        await pilot.pause()
        await look_and_click()
        await pilot.press("ctrl+s")
        await settle(pilot)
        await look_and_click()  # summary: titles again
        assert app.return_code is None and app.is_running  # [@click=app.quit] never acted
    everything = "\n".join(seen)
    for fragment in ("T ", "D ", "I ", "Text ", "G ", "Do ", "P ", "F ", "A ", "S "):
        assert f"{fragment}{markup}" in everything, fragment
    assert "Plan [b]y[/]" in seen[7] and "seen [/]" in seen[8]
    assert f"I {markup}" in seen[-1]  # the summary lists step titles literally
    assert clicks >= 10  # the user text was really there to click, screen after screen
