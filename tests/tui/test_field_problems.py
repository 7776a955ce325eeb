"""A field is checked as the keyboard leaves it, with the problem said under it; Next names
every problem of the step at once."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from coach.routine.catalog import RoutineDir
from tests.tui.harness import make_app, screen_text, settle, type_as_terminal, type_text


def plan_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "day.yaml").write_text(
        "title: Day\nsteps:\n  - type: activity_plan\n  - type: mood\n")
    return make_app(tmp_path, dirs=[RoutineDir(directory, False)], start_with="day")


async def plan_walk_at(pilot, when: str,  # type: ignore[no-untyped-def]
                       *, leave: bool = True) -> None:
    """Activity 1 typed as "Walk" at `when`; the keyboard then leaves the time if `leave`."""
    await settle(pilot)
    await type_text(pilot, "Walk")
    await pilot.press("tab")
    await type_text(pilot, when)
    if leave:
        await pilot.press("tab")
        await settle(pilot)


def note(app, field_id: str) -> str | None:  # type: ignore[no-untyped-def]
    found = app.screen.query(f"#{field_id}-problem")
    return str(found.first(Static).render()) if found else None


async def test_a_time_that_cannot_be_read_is_said_as_the_field_is_left(tmp_path: Path) -> None:
    app = plan_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Walk")
        await pilot.press("tab")
        await type_as_terminal(pilot, "a 🚶21:00")
        assert note(app, "time-1") is None  # nothing is said while typing
        await pilot.press("tab")
        await settle(pilot)
        said = note(app, "time-1")
        assert said is not None and "write it like 18:30" in said, said
        assert "Step 1 of 2" in screen_text(app)
        await type_text(pilot, "11")
        await pilot.press("shift+tab")  # back to the time: the rating's note, under the row,
        await settle(pilot)  # comes after the time's, as the fields do
        notes = [str(w.render()) for w in app.screen.query(".field-problem")]
        assert len(notes) == 2 and "18:30" in notes[0] and "enjoyment" in notes[1], notes
        await pilot.press("ctrl+u")
        await type_text(pilot, "21:00")
        await pilot.press("tab")
        await settle(pilot)
        assert note(app, "time-1") is None  # put right, and the note goes


async def test_next_names_every_problem_of_the_step_at_once(tmp_path: Path) -> None:
    app = plan_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await type_text(pilot, "Walk")
        await pilot.press("tab")
        await type_text(pilot, "soon")
        for field_id, text in (("name-2", "Read"), ("predicted-2", "11")):
            app.screen.query_one(f"#{field_id}", Input).focus()
            await pilot.pause()
            await type_text(pilot, text)
        await pilot.press("ctrl+n")
        await settle(pilot)
        said = screen_text(app)
        assert "Activity 1: 'soon' is not a time" in said, said
        assert "Activity 2: enjoyment is 0 to 10." in said, said
        assert note(app, "time-1") is not None and note(app, "predicted-2") is not None
        assert "Step 1 of 2" in screen_text(app)


async def test_a_bare_hour_of_the_morning_or_evening_is_asked_about(tmp_path: Path) -> None:
    app = plan_app(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await plan_walk_at(pilot, "7")
        said = note(app, "time-1")
        assert said is not None and "morning or the evening" in said, said
        assert "07:00 or 7pm" in said, said
