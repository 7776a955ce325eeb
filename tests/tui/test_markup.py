"""User text appears exactly as written wherever it is shown: never parsed as markup."""

from __future__ import annotations

from pathlib import Path

from coach.routine.catalog import RoutineDir
from tests.tui.harness import make_app, screen_text, settle, type_text

M = "[b]x[/][/][@click=app.quit]q"  # short enough for every field's limit


def markup_routine(tmp_path: Path) -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir()
    text = f"""\
title: "T {M}"
description: "D {M}"
steps:
  - type: instruction
    title: "I {M}"
    text: "Text {M}"
  - type: pmr
    groups: [{{name: "G {M}", instruction: "Do {M}"}}]
  - type: journal
    prompts: ["P {M}"]
  - type: mood
    feelings: ["F {M}"]
  - type: affirmation
    texts: ["A {M}"]
  - type: activity_plan
    suggestions: ["S {M}"]
  - type: activity_review
  - type: grounding
"""
    (directory / "m.yaml").write_text(text, encoding="utf-8")
    return RoutineDir(directory, False)


async def test_every_place_user_text_is_shown(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[markup_routine(tmp_path)])
    seen: list[str] = []
    async with app.run_test(size=(100, 40)) as pilot:
        seen.append(screen_text(app))  # home: title, description, step titles
        await pilot.press("enter")
        await pilot.pause()
        for _ in range(4):  # instruction, pmr, journal, mood
            seen.append(screen_text(app))
            await pilot.press("ctrl+s")
            await pilot.pause()
        seen.append(screen_text(app))  # affirmation
        await pilot.press("ctrl+n")
        await pilot.pause()
        seen.append(screen_text(app))  # plan: suggestions shown; plan one with markup
        await type_text(pilot, "Plan [b]y[/]")
        await pilot.press("ctrl+n")
        await pilot.pause()
        seen.append(screen_text(app))  # review: the planned name shown again
        await pilot.press("ctrl+n")
        await pilot.pause()
        await type_text(pilot, "seen [/]")  # grounding: typed items shown in the list
        await pilot.press("enter")
        await pilot.pause()
        seen.append(screen_text(app))
        await pilot.press("ctrl+s")
        await settle(pilot)
        seen.append(screen_text(app))  # summary: titles again
    everything = "\n".join(seen)
    for fragment in ("T ", "D ", "I ", "Text ", "G ", "Do ", "P ", "F ", "A ", "S "):
        assert f"{fragment}{M}" in everything, fragment
    assert "Plan [b]y[/]" in seen[7] and "seen [/]" in seen[8]
    assert f"I {M}" in seen[-1]  # the summary lists step titles literally
    assert app.return_code is None  # [@click=app.quit] never acted
