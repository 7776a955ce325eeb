"""A worker thread that fails is never lost without a word: it is logged privately and one
calm notification says so (coach.tui.worker_errors)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual.worker import WorkerState

from tests.tui.harness import make_app

TUI = Path(__file__).resolve().parents[2] / "coach" / "tui"


def boom() -> None:
    raise RuntimeError("a bug in the background")


@pytest.mark.parametrize("where", ["app", "screen"])
async def test_a_failed_worker_is_logged_and_said(tmp_path: Path, coach_dirs: dict[str, Path],
                                                  where: str) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        node = app if where == "app" else app.screen
        worker = node.run_worker(boom, thread=True, exit_on_error=False)
        for _ in range(100):
            if worker.is_finished and app._notifications:
                break
            await pilot.pause(0.02)
        assert worker.state is WorkerState.ERROR
        notes = [(n.title, n.message) for n in app._notifications]
        assert app.is_running  # what the person was doing goes on
    assert [title for title, _ in notes] == ["A problem in the background"], notes
    assert "What you did is kept." in notes[0][1]
    log = coach_dirs["data"] / "logs" / "errors.log"
    assert str(log) in notes[0][1]
    assert "RuntimeError: a bug in the background" in log.read_text()


def test_every_class_that_starts_workers_reports_their_errors() -> None:
    """A screen or widget with a `@work` method has the layer that reports failed workers
    (Textual tells only the node that started the worker)."""
    missing = []
    for path in TUI.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.ClassDef):
                continue
            works = any(isinstance(d, ast.Call) and getattr(d.func, "id", "") == "work"
                        for item in node.body if isinstance(item, ast.FunctionDef)
                        for d in item.decorator_list)
            bases = {getattr(base, "id", "") for base in node.bases}
            if works and "ReportsWorkerErrors" not in bases:
                missing.append(f"{path.relative_to(TUI)}:{node.name}")
    assert missing == []
