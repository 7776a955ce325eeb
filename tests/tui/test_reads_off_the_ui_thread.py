"""No store read on the UI thread: the guard every Pilot test runs under (tests/ui_thread.py),
and home and starting a routine, which read in workers and show what they read after."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from coach.store import Store
from coach.store.store import READS
from coach.tui.screens.run import RunScreen
from tests.tui.harness import make_app, screen_text, workers_done
from tests.tui.test_progress_lines import finished
from tests.ui_thread import ReadsLand

#: The Store methods that never open the data folder to read: they write, or only compute.
NOT_READS = {"add", "claim_reminder", "record_step", "step_record", "record_session",
             "session_record", "set_rest_day", "mark_day", "import_records", "keep_typing",
             "forget_typing", "correct_entry", "delete_entry", "revise_entry", "undo",
             "purge_removed", "today", "day_of", "month_files",
             "keep_series"}


def test_every_store_method_either_reads_or_is_known_not_to() -> None:
    """A new method that reads is guarded only if it is marked: this asks for a choice."""
    methods = {name for name, value in vars(Store).items()
               if callable(value) and not name.startswith("_")}
    assert methods - NOT_READS == READS


async def test_a_read_on_the_ui_thread_is_noted_and_one_in_a_worker_is_not(
        tmp_path: Path, no_store_reads_on_the_ui_thread: list[str]) -> None:
    refused = no_store_reads_on_the_ui_thread
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert refused == []  # home and its workers read nothing on the UI thread
        await app.run_worker(lambda: app.store.records(), thread=True).wait()
        assert refused == []
        app.call_later(app.store.records)  # from the app's own message loop
        await pilot.pause()
        assert len(refused) == 1 and refused[0].startswith("Store.records from")
        refused.clear()  # seen: the test itself passes
    app.store.records()  # no app running
    assert refused == []


class HeldReads:
    """Holds every call of a Store method until `let_go` (or five seconds: a read left on
    the UI thread would otherwise hold the test for ever)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
        self.gate = threading.Event()
        read: Callable[..., Any] = getattr(Store, name)

        def held(*args: Any, **kwargs: Any) -> Any:
            self.gate.wait(5)
            return read(*args, **kwargs)

        monkeypatch.setattr(Store, name, held)

    def let_go(self) -> None:
        self.gate.set()


def lines_of(app: Any) -> dict[str, list[str]]:
    options = app.screen.query_one("#routines", OptionList)
    return {str(option.id): str(option.prompt).splitlines()
            for option in (options.get_option_at_index(i) for i in range(options.option_count))}


async def test_home_shows_the_routines_at_once_and_their_state_when_it_is_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads_land: ReadsLand) -> None:
    finished(tmp_path, "morning", [1])  # history: a line for its progress
    reads = HeldReads(monkeypatch, "finished_days")
    reads_land.waits = False
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = lines_of(app)
        assert before["morning"][:2] == ["Morning routine", "07:30 · "]
        assert before["evening"][:2] == ["Evening wind-down", "21:30 · "]
        assert "1. Slow breathing" in screen_text(app)  # the preview too
        reads.let_go()
        reads_land.waits = True
        await pilot.pause()
        await workers_done(app)
        await pilot.pause()
        after = lines_of(app)
        assert after["morning"][:2] == ["Morning routine", "07:30 · not started"]
        assert len(after["morning"]) == len(before["morning"]) == 3  # the list stays still
        assert after["evening"] == ["Evening wind-down", "21:30 · not started"]


async def test_enter_pressed_twice_while_the_start_reads_opens_the_routine_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads_land: ReadsLand) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        reads = HeldReads(monkeypatch, "open_session")
        reads_land.waits = False
        await pilot.press("enter", "enter")
        assert not isinstance(app.screen, RunScreen)  # reading what today holds
        reads.let_go()
        reads_land.waits = True
        await pilot.pause()
        assert isinstance(app.screen, RunScreen)
        assert sum(isinstance(screen, RunScreen) for screen in app.screen_stack) == 1


async def test_with_no_records_yet_home_keeps_no_room_for_progress_lines(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reads_land: ReadsLand) -> None:
    reads = HeldReads(monkeypatch, "digests")  # the state and habit strength wait
    reads_land.waits = False
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert lines_of(app)["morning"] == ["Morning routine", "07:30 · "]
        reads.let_go()
        reads_land.waits = True
        await pilot.pause()
        assert lines_of(app)["morning"] == ["Morning routine", "07:30 · not started"]
