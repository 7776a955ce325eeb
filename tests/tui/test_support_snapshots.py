"""SVG snapshots at 80x24 of the support plan, the gentle net and the first-run statement.

Update after an intended change with:
pytest tests/tui/test_support_snapshots.py --snapshot-update
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from tests.tui.harness import make_app, settle
from tests.tui.support_helpers import plan_loader, record_moods


@pytest.fixture(autouse=True)
def steady_cursor(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)


def test_support_plan(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path, support_loader=plan_loader())

    async def open_plan(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+g")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=open_plan)


def test_safety_net_on_the_summary(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path, start_with="morning", support_loader=plan_loader())
    record_moods(app.store, {1: 2, 2: 3})

    async def low_check_in(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.press("ctrl+s", "ctrl+s", "ctrl+s", "0", "ctrl+n")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=low_check_in)


def test_first_run_statement(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(tmp_path, statement=True)

    async def wait(pilot) -> None:  # type: ignore[no-untyped-def]
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=wait)
