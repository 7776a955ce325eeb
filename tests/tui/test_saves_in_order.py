"""Saves of a run are written in the order they were made: a correction made after a slow
save is the one kept, never the state before it."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input

from coach.routine.catalog import RoutineDir
from coach.store import StoreError
from tests.tui.harness import make_app, settle, type_text
from tests.ui_thread import reads_allowed


def plan_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "day.yaml").write_text(
        "title: Day\nsteps:\n  - type: activity_plan\n  - type: affirmation\n")
    return make_app(tmp_path, dirs=[RoutineDir(directory, False)], start_with="day")


def planned(app) -> list[dict[str, Any]]:  # type: ignore[no-untyped-def]
    with reads_allowed():
        plans = app.store.step_records("activity_plan")
    return plans[-1]["data"]["activities"] if plans else []


async def test_saves_of_a_step_land_in_the_order_they_were_made(tmp_path: Path) -> None:
    """The first save is slow to write; the correction made after it must still be the
    one kept."""
    app = plan_app(tmp_path)
    add = app.store.add
    calls: list[str] = []
    later_save = threading.Event()

    def slow_first(record: dict[str, Any]) -> Any:
        if record["kind"] != "step":
            return add(record)
        calls.append("save")
        if len(calls) == 1:  # a slow disk, for the first save: written after the next one
            # is made, or a while (when saves wait their turn). Polled: under libfaketime
            # (make test-shifted) a timed wait on a lock never ends.
            for _ in range(150):
                if later_save.is_set():
                    break
                time.sleep(0.01)
        else:
            later_save.set()
        return add(record)

    app.store.add = slow_first  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await type_text(pilot, "walk")
        app.screen.query_one("#predicted-1", Input).focus()
        await pilot.pause()
        await type_text(pilot, "1")
        await pilot.press("ctrl+n")  # saves 1, slowly
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        app.screen.query_one("#predicted-1", Input).focus()
        await pilot.pause()
        await pilot.press("end", "backspace", "1", "0", "ctrl+n")  # saves 10, at once
        await settle(pilot)
        assert [a["predicted"] for a in planned(app)] == [10]


def one_step_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "quick.yaml").write_text("title: Quick\nsteps:\n  - type: affirmation\n")
    return make_app(tmp_path, dirs=[RoutineDir(directory, False)], start_with="quick")


async def test_saves_outlive_the_screen_that_made_them(tmp_path: Path) -> None:
    """Finishing a routine saves the step and the session, then the summary takes the run's
    place. With every thread of the event loop's pool busy (other work under way on a
    loaded machine), those saves must still be written, and the app waits for them before
    it ends."""
    app = one_step_app(tmp_path)
    loop = asyncio.get_running_loop()
    release = threading.Event()

    def busy() -> None:  # polled: under libfaketime a timed wait on a lock never ends
        while not release.is_set():
            time.sleep(0.01)

    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        blockers = [loop.run_in_executor(None, busy) for _ in range(40)]
        try:
            await pilot.press("ctrl+n")
            for _ in range(20):
                await pilot.pause()
            assert app.screen.__class__.__name__ == "SummaryScreen"
            await pilot.press("q")
            await pilot.pause()
        finally:
            release.set()
        await asyncio.gather(*blockers)
    sessions = app.store.records(kind="session", routine="quick")
    assert [r["event"] for r in sessions] == ["started", "finished"]
    assert [r["status"] for r in app.store.step_records("affirmation")] == ["done"]


@pytest.mark.parametrize(("error", "said", "logged"), [
    (StoreError("Your data folder is full; nothing was lost."), "folder is full", False),
    (RuntimeError("a bug"), "unexpected problem came up while saving", True),
], ids=["store refuses", "unexpected"])
async def test_a_save_that_fails_is_said(tmp_path: Path, coach_dirs: dict[str, Path],
                                         error: Exception, said: str, logged: bool) -> None:
    app = one_step_app(tmp_path)

    def refuse(*_: Any, **__: Any) -> Any:
        raise error

    app.store.add = refuse  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")
        await settle(pilot)
        notes = [(n.title, n.message) for n in app._notifications]
    assert any(title == "Could not save" and said in message for title, message in notes), notes
    log = coach_dirs["data"] / "logs" / "errors.log"
    assert log.exists() is logged
    if logged:
        assert "RuntimeError: a bug" in log.read_text()


async def test_the_saving_thread_ends_with_the_app(tmp_path: Path) -> None:
    """Each app's writer thread ends once the app has ended and its saves are written:
    an app that stays open waits for work, one that ended must not (a test run that
    opens hundreds of apps was left with as many idle threads)."""
    app = one_step_app(tmp_path)
    threads: list[threading.Thread] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+n")  # the step and the session are saved
        await settle(pilot)
        app.saves.save(threading.current_thread, done=threads.append)
        await settle(pilot)
        assert threads and threads[0].is_alive()
    threads[0].join(5)
    assert not threads[0].is_alive()
    assert [r["event"] for r in app.store.records(kind="session", routine="quick")] == \
        ["started", "finished"]
