"""Every way out of a step keeps what was given there: Back, ^q, starting over, leaving
a rating before an exercise, a time coach cannot read yet; and it is kept on disk as it
is typed."""

from __future__ import annotations

from pathlib import Path

from coach.routine.catalog import RoutineDir
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.resume import ResumeScreen
from coach.tui.screens.run import RunScreen
from coach.tui.widgets.rating import Rating
from tests.fakes import FakeClock
from tests.tui.harness import make_app, screen_text, settle, type_text
from tests.tui.test_pacer import breathing_routine
from tests.ui_thread import reads_allowed

NOTES = ("title: Notes\nsteps:\n  - type: gratitude\n    count: 1\n"
         "  - type: journal\n    prompts: [What is on your mind?]\n  - type: mood\n")


def notes_dir(tmp_path: Path, text: str = NOTES) -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir(exist_ok=True)
    (directory / "notes.yaml").write_text(text)
    return RoutineDir(directory, False)


def steps_of(app, step: str) -> list[dict]:  # type: ignore[no-untyped-def]
    with reads_allowed():
        return [r for r in app.store.records(kind="step") if r["step"] == step]


def events_of(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [r["event"] for r in app.store.records(kind="session")]


async def test_back_keeps_what_was_typed_in_the_step_for_the_way_on(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[notes_dir(tmp_path)], start_with="notes")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "tea")
        await pilot.press("ctrl+n")
        await settle(pilot)
        await type_text(pilot, "A long day")
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert "Step 1 of 3" in screen_text(app)
        await pilot.press("ctrl+n")
        await settle(pilot)
        text = screen_text(app)
        assert "Step 2 of 3" in text and "A long day" in text, text
    [draft] = steps_of(app, "journal")
    assert draft["status"] == "draft" and draft["data"]["text"] == "A long day"


async def test_ctrl_q_in_a_routine_keeps_the_words_and_the_run_as_left(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[notes_dir(tmp_path)], start_with="notes")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "the sun")
        await pilot.press("ctrl+q")
        await settle(pilot)
    [draft] = steps_of(app, "gratitude")
    assert draft["status"] == "draft" and draft["data"]["items"] == ["the sun"]
    assert events_of(app) == ["started", "left"]


async def test_ctrl_c_says_how_to_quit_in_plain_words(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[notes_dir(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+c")
        await settle(pilot)
        messages = [n.message for n in app._notifications]
    assert "Press ctrl+q to quit. What you typed is kept." in messages, messages
    assert not any("[" in message for message in messages)


async def test_start_over_sets_the_run_left_aside(tmp_path: Path) -> None:
    """The run left is no longer offered, nor counted as open, once the new one is done."""
    app = make_app(tmp_path, dirs=[notes_dir(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "rain")
        await pilot.press("ctrl+n", "escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ResumeScreen)
        await pilot.press("s")  # start over
        await settle(pilot)
        await type_text(pilot, "snow")
        await pilot.press("ctrl+n", "ctrl+s", "ctrl+s")
        await settle(pilot)
        await pilot.press("enter")  # the summary, home
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        text = screen_text(app)
        assert "✓ done today" in text and "again" not in text, text
        await pilot.press("enter")  # a second run today: no question about the one set aside
        await settle(pilot)
        assert isinstance(app.screen, RunScreen)
        assert "Step 1 of 3" in screen_text(app)
    assert "set-aside" in events_of(app)


async def test_a_rating_before_an_exercise_is_kept_when_leaving(tmp_path: Path) -> None:
    rated = breathing_routine(tmp_path, "    rate_distress: true\n  - type: mood\n")
    app = make_app(tmp_path, dirs=[rated], clock=FakeClock())
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("7", "escape")  # rated, then away before the exercise
        await settle(pilot)
        assert "in progress" in screen_text(app), screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen.query_one("#before", Rating).value == 7
    assert events_of(app) == ["started", "left", "resumed"]


async def test_a_time_coach_cannot_read_yet_is_kept_as_typed(tmp_path: Path) -> None:
    plan = notes_dir(tmp_path, "title: Plan\nsteps:\n  - type: activity_plan\n  - type: mood\n")
    app = make_app(tmp_path, dirs=[plan], start_with="notes")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "walk")
        await pilot.press("tab")
        await type_text(pilot, "nine-ish")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter", "r")
        await settle(pilot)
        text = screen_text(app)
        assert "walk" in text and "nine-ish" in text, text
        assert app.screen.focused is not None and app.screen.focused.id == "time-1"


async def test_what_is_typed_is_kept_on_disk_until_the_step_is_stored(tmp_path: Path) -> None:
    from coach.store import typing

    app = make_app(tmp_path, dirs=[notes_dir(tmp_path)], start_with="notes")
    kept = tmp_path / "data"
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RunScreen)
        await type_text(pilot, "birdsong")
        screen.keeper.look()  # what the runner does once a second
        await settle(pilot)
        [(path, record, _)] = typing.left_behind(kept)
        assert record is not None and record["data"]["items"] == ["birdsong"]
        assert record["data"]["typed"]["focus"] == "thing-1"
        assert not steps_of(app, "gratitude")  # not in the month file, kept aside
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert typing.left_behind(kept) == []
    [done] = steps_of(app, "gratitude")
    assert done["status"] == "done" and "typed" not in done["data"]


async def test_the_keeper_passes_over_a_step_whose_fields_are_going(tmp_path: Path) -> None:
    """The once-a-second look can come while a step is taken down (its rating gone first,
    its widget still there): it waits for the next second rather than ending coach."""
    app = make_app(tmp_path, dirs=[notes_dir(tmp_path, "title: M\nsteps:\n  - type: mood\n")],
                   start_with="notes")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, RunScreen)
        from coach.tui.widgets.chips import Chips

        screen.query_one(Chips).chosen = frozenset({0})  # a word picked: there is a draft
        await screen.query_one(Rating).remove()
        screen.keeper.look()
        await settle(pilot)
        assert app.is_running and app.crash is None


async def test_ctrl_q_in_grounding_keeps_the_thing_being_typed_for_the_way_back(
        tmp_path: Path) -> None:
    """A grounding draft holds what was being typed; it was once read as malformed and
    skipped, so the words never came back."""
    routines = notes_dir(tmp_path, "title: Notes\nsteps:\n  - type: grounding\n"
                                   "  - type: mood\n")
    app = make_app(tmp_path, dirs=[routines], start_with="notes")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "lamp")
        await pilot.press("enter")
        await type_text(pilot, "tree")
        await pilot.press("ctrl+q")
        await settle(pilot)
    again = make_app(tmp_path, dirs=[routines], start_with="notes")
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        if isinstance(again.screen, ResumeScreen):
            await pilot.press("enter")
            await settle(pilot)
        text = screen_text(again)
        assert "lamp" in text and "tree" in text, text
