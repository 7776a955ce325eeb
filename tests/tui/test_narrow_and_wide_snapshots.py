"""SVG snapshots of the home screen and the activity steps at the smallest size coach is
made for (60x20) and a large one (120x40): nothing important cut, columns close together.

Update after an intended change with:
pytest tests/tui/test_narrow_and_wide_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tests.tui.harness import make_app, settle
from tests.tui.test_table_layout import plan_this_morning

SIZES = [(60, 20), (120, 40)]
SIZE_IDS = ["60x20", "120x40"]


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor would make each snapshot depend on the moment it is taken."""
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_home(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_activity_plan(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path, start_with="morning")

    async def skip_to_the_plan(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+s", "ctrl+s")  # breathing, gratitude
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=skip_to_the_plan)


@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_activity_review(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    plan_this_morning(tmp_path)
    app = make_app(tmp_path, start_with="evening")

    async def skip_to_the_review(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+s")  # muscle relaxation
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=skip_to_the_review)
