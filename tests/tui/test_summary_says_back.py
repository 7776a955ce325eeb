"""The summary at the end of a routine shows back what the person wrote and chose."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.routine.catalog import RoutineDir
from coach.tui.screens.summary import SummaryScreen
from tests.fakes import FakeClock
from tests.tui.harness import make_app, screen_text, settle, type_text
from tests.tui.terminal_text import painted_text
from tests.tui.test_routines_end_to_end import run_morning


async def test_the_morning_summary_shows_the_good_things_the_plan_and_the_mood(
        tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, clock=clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await run_morning(pilot, clock)
        assert isinstance(app.screen, SummaryScreen)
        lines = [line.strip() for line in screen_text(app).splitlines()]
        for said in ("the call with my sister", "sunlight", "[b]tea[/]",  # literally
                     "19:30 · Walk in the park", "rested", "“slept ok”"):
            assert said in lines, (said, lines)
        assert "Your mood: 7 out of 10." in lines


LONG = "a long walk by the river with the dog in the morning sun, then tea at the café"


@pytest.mark.parametrize("size", [(40, 20), (60, 20), (80, 24), (120, 40)])
async def test_long_text_wraps_whole_under_its_step(tmp_path: Path,
                                                    size: tuple[int, int]) -> None:
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "one.yaml").write_text(
        "title: One\nsteps:\n  - type: gratitude\n    count: 1\n")
    app = make_app(tmp_path, dirs=[RoutineDir(directory, False)], start_with="one")
    long = " ".join([LONG] * 2)  # longer than a row even at 120 columns
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await type_text(pilot, long)
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        rows = painted_text(app).splitlines()
        first = next(n for n, row in enumerate(rows) if row.strip().startswith("a long walk"))
        said = []
        for row in rows[first:]:
            if not row.strip():
                break
            assert row.startswith(" " * 7) and len(row) == size[0], row  # under the step
            said.append(row.strip())
        assert " ".join(said) == long
        assert len(said) > 1
        assert "…" not in painted_text(app)
