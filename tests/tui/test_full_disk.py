"""A full disk loses nothing: saves that fail are kept and tried again, in order, until
they land; screens say saving is behind rather than calling it saved; quitting offers to
try again or to keep what waits in a file `coach import` reads."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from coach.store import StoreError
from coach.store.importing import read_export
from coach.tui.screens.summary import SummaryScreen
from coach.tui.screens.unsaved import UnsavedScreen
from tests.tui.harness import make_app, screen_text, settle, type_text
from tests.tui.test_every_way_out import notes_dir
from tests.ui_thread import reads_allowed


def fill_disk(app) -> dict[str, bool]:  # type: ignore[no-untyped-def]
    """The store's writes fail as on a full disk while `full["now"]` is set."""
    full = {"now": True}
    add = app.store.add

    def add_unless_full(record: dict[str, Any]) -> dict[str, Any]:
        if full["now"]:
            cause = OSError(errno.ENOSPC, "No space left on device")
            raise StoreError("could not save: no space left on device") from cause
        return add(record)

    app.store.add = add_unless_full
    return full


def notes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications]


def behind_notes(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [n.message for n in app._notifications if n.title == "Saving is behind"]


async def finish_notes(pilot) -> None:  # type: ignore[no-untyped-def]
    await type_text(pilot, "tea")
    await pilot.press("ctrl+n")
    await settle(pilot)
    await type_text(pilot, "quiet")
    await pilot.press("ctrl+n")
    await settle(pilot)
    await pilot.press("6", "ctrl+n")
    await settle(pilot)


async def test_saves_wait_for_room_and_land_in_order(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coach.tui.saving.RETRY_SECONDS", 0.05)
    app = make_app(tmp_path, dirs=[notes_dir(tmp_path)], start_with="notes")
    full = fill_disk(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await finish_notes(pilot)
        assert isinstance(app.screen, SummaryScreen)
        assert behind_notes(app) == [
            "No space left on device. coach keeps trying; nothing is lost while it is open."]
        summary = screen_text(app)
        assert "You did 3 of 3 steps" in summary
        assert "Not all of this is saved yet (no space left on device)" in summary, summary
        with reads_allowed():
            assert app.store.records() == []
        assert app.saves.waiting == 5  # started, three steps, finished

        full["now"] = False  # room again: the next try, on its timer, lands them all
        for _ in range(100):
            if app.saves.behind is None:
                break
            await pilot.pause(0.02)
        await settle(pilot)
        assert app.saves.behind is None
        assert "Everything is saved now." in notes(app)
        assert behind_notes(app) == []
        assert "Not all of this is saved yet" not in screen_text(app)
    records = app.store.records()
    assert [(r["kind"], r.get("event") or r["step"]) for r in records] == [
        ("session", "started"), ("step", "gratitude"), ("step", "journal"),
        ("step", "mood"), ("session", "finished")]
    assert records[2]["data"]["text"] == "quiet"


async def test_quitting_while_behind_offers_a_file_that_imports(tmp_path: Path) -> None:
    home = Path(os.environ["HOME"])  # the test's own (tests/conftest.py)
    app = make_app(tmp_path, dirs=[notes_dir(tmp_path)], start_with="notes")
    fill_disk(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "tea")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_text(pilot, "half written")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        text = screen_text(app)
        assert "2 of your records are not saved yet: no space left on device." in text, text
        assert behind_notes(app) == []  # the question says it in full
        await pilot.press("w")
        await settle(pilot)
    [kept] = list(home.glob("coach-unsaved-*.json"))
    assert kept.stat().st_mode & 0o777 == 0o600
    with kept.open("rb") as handle:
        records = list(read_export(handle))
    assert [(r["kind"], r.get("event") or r["step"], r.get("status")) for r in records] == [
        ("session", "started", None), ("step", "gratitude", "done"),
        ("step", "journal", "draft"), ("session", "left", None)]
    assert records[2]["data"]["text"] == "half written"
    goodbye = app.ways_out.goodbye()
    assert goodbye is not None and f"coach import {kept}" in goodbye
    assert "(no space left on device)" in goodbye


async def test_try_again_stays_in_coach(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[notes_dir(tmp_path)], start_with="notes")
    full = fill_disk(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, UnsavedScreen)
        await pilot.press("r")  # still full
        await settle(pilot)
        assert app.is_running and len(behind_notes(app)) == 1  # back in coach: the note again
        await pilot.press("ctrl+q")
        await settle(pilot)
        full["now"] = False
        await pilot.press("r")
        await app.saves.written(5)
        await settle(pilot)
        assert app.is_running and app.saves.behind is None
    assert [r["event"] for r in app.store.records(kind="session")] == ["started"]


async def test_typing_while_behind_does_not_pile_up_saves(tmp_path: Path) -> None:
    """Each second's look at the step would queue another copy of the text behind the
    save that waits for room: while saving is behind, what is typed stays on screen and
    is kept as a draft when the step is left."""
    app = make_app(tmp_path, dirs=[notes_dir(tmp_path)], start_with="notes")
    fill_disk(app)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.saves.behind is not None
        queued = app.saves.writer._unfinished
        for word in ("a", "b", "c"):
            await type_text(pilot, word)
            app.screen.keeper.look()  # type: ignore[attr-defined]
        assert app.saves.writer._unfinished == queued
