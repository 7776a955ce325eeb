"""A routine that plans and then reviews: the review shows the plan just made."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from coach.routine.catalog import RoutineDir
from tests.tui.harness import make_app, screen_text, settle, type_text


async def test_the_review_right_after_the_plan_shows_it_on_a_slow_disk(tmp_path: Path) -> None:
    """Saves run in a worker, so the plan may still be on its way to the disk when the
    review step opens and reads today's plans."""
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "day.yaml").write_text(
        "title: Day\nsteps:\n  - type: activity_plan\n  - type: activity_review\n")
    app = make_app(tmp_path, dirs=[RoutineDir(directory, False)], start_with="day")
    add = app.store.add

    def slow_add(record: dict[str, Any]) -> Any:
        if record["kind"] == "step":
            time.sleep(0.5)  # a slow disk, in the save worker's thread
        return add(record)

    app.store.add = slow_add  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Bake bread")
        await pilot.press("ctrl+n")
        await settle(pilot)
        text = screen_text(app)
        assert "Step 2 of 2" in text and "Bake bread" in text, text
