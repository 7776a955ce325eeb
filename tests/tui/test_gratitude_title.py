"""The gratitude step's title says as many good things as it asks for, unless the routine
names the step itself; the entries say as many as were written."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.routine.catalog import RoutineDir
from coach.tui.screens.entries import entry_content
from tests.tui.harness import make_app, settle
from tests.tui.terminal_text import painted_text


def routine_with(tmp_path: Path, step: str) -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "g.yaml").write_text(f"title: G\nsteps:\n  - {step}\n")
    return RoutineDir(directory, False)


@pytest.mark.parametrize(("step", "title", "fields"), [
    ("{type: gratitude, count: 1}", "One good thing", 1),
    ("{type: gratitude, count: 2}", "Two good things", 2),
    ("{type: gratitude}", "Three good things", 3),
    ("{type: gratitude, count: 5}", "Five good things", 5),
    ("{type: gratitude, count: 1, title: Three good things}", "Three good things", 1),
    ("{type: gratitude, count: 2, title: 'Small joys'}", "Small joys", 2),
])
async def test_the_title_follows_the_count_unless_the_routine_gives_one(
        tmp_path: Path, step: str, title: str, fields: int) -> None:
    app = make_app(tmp_path, dirs=[routine_with(tmp_path, step)], start_with="g")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        rows = [row.strip() for row in painted_text(app).splitlines()]
        assert rows[2] == title, rows[:4]  # under the header and a blank row
        assert [row for row in rows if row.startswith(f"{fields}.")]
        assert not [row for row in rows if row.startswith(f"{fields + 1}.")]
        assert "good thing" not in " ".join(rows[3:]).lower().replace(title.lower(), "")


@pytest.mark.parametrize(("items", "said"), [
    (["the sea"], "One good thing"), (["tea", "a call"], "Two good things"),
    (["a", "b", "c"], "Three good things")])
def test_entries_name_as_many_good_things_as_were_written(items: list[str], said: str) -> None:
    record = {"type": "gratitude", "routine": "g", "at": "2026-11-22T12:00:00+00:00",
              "data": {"items": items}}
    heading = str(entry_content(record, {})).splitlines()[0]
    assert heading.endswith(f" · {said}"), heading
