"""The journal step's prompt of the day: a different one each day, in turn."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.widgets import Static

from coach.routine.catalog import RoutineDir
from coach.store import Store
from tests.tui.harness import make_app, settle, type_text

FIRST_DAY = datetime(2026, 11, 22, 11, 0, tzinfo=timezone.utc)
PROMPTS = ["One", "Two", "Three"]


def journal_routine(tmp_path: Path) -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir(parents=True)
    (directory / "given.yaml").write_text(
        "title: Given\nsteps:\n  - type: journal\n    prompts: [One, Two, Three]\n")
    (directory / "builtin.yaml").write_text("title: Built in\nsteps:\n  - type: journal\n")
    return RoutineDir(directory, False)


async def prompt_on(tmp_path: Path, routine: str, day: int, answer: str = "") -> str:
    """The prompt the journal step shows `day` days after FIRST_DAY; with `answer`, write it."""
    app = make_app(tmp_path, dirs=[journal_routine(tmp_path)], start_with=routine)
    instant = FIRST_DAY + timedelta(days=day)
    app.store.now = lambda: instant
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        shown = str(app.screen.query_one("#prompt", Static).render())
        if answer:
            await type_text(pilot, answer)
            await pilot.press("ctrl+n")
            await settle(pilot)
    return shown


async def test_the_prompts_take_turns_one_a_day(tmp_path: Path) -> None:
    shown = [await prompt_on(tmp_path / str(day), "given", day) for day in range(7)]
    first = PROMPTS.index(shown[0])
    assert shown == [PROMPTS[(first + day) % 3] for day in range(7)]


async def test_the_seven_built_in_prompts_give_a_week_without_a_repeat(tmp_path: Path) -> None:
    shown = [await prompt_on(tmp_path / str(day), "builtin", day) for day in range(8)]
    assert len(set(shown[:7])) == 7 and shown[7] == shown[0]


async def test_the_entry_is_kept_with_its_prompt(tmp_path: Path) -> None:
    shown = await prompt_on(tmp_path, "given", 1, answer="slept well")
    [record] = Store(tmp_path / "data").records(kind="step", routine="given")
    assert record["data"] == {"prompt": shown, "text": "slept well"}
    assert record["day"] == (FIRST_DAY + timedelta(days=1)).date().isoformat()
