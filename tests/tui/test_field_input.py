"""What is typed or pasted into a field is what is stored: joined emoji stay whole, pasted
lines all land somewhere, and long text is kept and counted, never cut."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.pilot import Pilot
from textual.widgets import Static
from textual.widgets.input import Selection

from coach.routine.catalog import RoutineDir
from coach.tui.screens.run import RunScreen
from coach.tui.widgets.fields import Entry
from tests.tui.harness import make_app, screen_text, settle, type_as_terminal, type_text

FAMILY = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # 👨‍👩‍👧
MEDITATING = "\U0001f9d8\U0001f3fd\u200d\u2640\ufe0f"  # 🧘🏽‍♀️
RAINBOW_FLAG = "\U0001f3f3\ufe0f\u200d\U0001f308"  # 🏳️‍🌈
E_ACUTE = "e\u0301"  # é as e and a combining accent
SIZE = (100, 30)


def routines(tmp_path: Path) -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "g.yaml").write_text(
        "title: G\nsteps:\n  - {type: gratitude, id: thanks}\n"
        "  - {type: journal, id: journal, prompts: [Anything]}\n"
        "  - {type: instruction, id: last, text: Last}\n")
    return RoutineDir(directory, False)


def stored(app, step: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [r["data"] for r in app.store.records(kind="step") if r["step"] == step]


async def paste(pilot: Pilot, text: str) -> None:
    focused = pilot.app.screen.focused
    assert focused is not None
    focused.post_message(events.Paste(text))
    await pilot.pause()


async def test_joined_emoji_typed_key_by_key_are_stored_as_typed(tmp_path: Path) -> None:
    things = [FAMILY, MEDITATING, f"caf{E_ACUTE} {RAINBOW_FLAG}"]
    app = make_app(tmp_path, dirs=[routines(tmp_path)], start_with="g")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for thing in things:
            await type_as_terminal(pilot, thing)
            await pilot.press("enter")
        await settle(pilot)
        await type_as_terminal(pilot, f"{FAMILY} {MEDITATING}")  # the journal, a TextArea
        await pilot.press("ctrl+n")
        await settle(pilot)
    assert stored(app, "thanks") == [{"items": things}]
    assert stored(app, "journal")[0]["text"] == f"{FAMILY} {MEDITATING}"


async def test_joiners_typed_still_leave_out_controls(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[routines(tmp_path)], start_with="g")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_as_terminal(pilot, "a\u202eb\u200ec\x85d\u200de")
        assert app.screen.query_one("#thing-1", Entry).value == "abcd\u200de"


async def test_three_pasted_lines_fill_the_three_gratitude_fields(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[routines(tmp_path)], start_with="g")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await paste(pilot, "tea\r\nthe sun\n\nmy sister's call\n")
        await pilot.press("ctrl+n")
        await settle(pilot)
    assert stored(app, "thanks") == [{"items": ["tea", "the sun", "my sister's call"]}]


async def test_lines_beyond_the_fields_join_the_last_and_filled_ones_are_left(
        tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[routines(tmp_path)], start_with="g")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("tab")
        await type_text(pilot, "kept")
        await pilot.press("shift+tab")
        await paste(pilot, "a\nb\nc\nd")
        await pilot.press("ctrl+n")
        await settle(pilot)
    assert stored(app, "thanks") == [{"items": ["a", "kept", "b c d"]}]


async def test_lines_pasted_into_a_lone_field_are_kept_side_by_side(tmp_path: Path) -> None:
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "m.yaml").write_text(
        "title: M\nsteps:\n  - {type: mood, id: mood, feelings: [calm]}\n"
        "  - {type: instruction, id: last, text: Last}\n")
    app = make_app(tmp_path, dirs=[RoutineDir(directory, False)], start_with="m")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("5", "tab", "tab")  # past the rating and the feelings
        await paste(pilot, "tired\nbut ok\nreally")
        await pilot.press("ctrl+n")
        await settle(pilot)
    assert stored(app, "mood")[0]["note"] == "tired but ok really"


async def test_a_long_paste_is_kept_counted_and_the_step_waits(tmp_path: Path) -> None:
    long = "".join(chr(ord("a") + n % 26) for n in range(500))
    app = make_app(tmp_path, dirs=[routines(tmp_path)], start_with="g")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await paste(pilot, long)
        await pilot.pause()
        field = app.screen.query_one("#thing-1", Entry)
        assert field.value == long
        assert "500/300" in screen_text(app)
        counter = [s for s in app.screen.query(Static) if str(s.render()) == "500/300"]
        assert counter and counter[0].has_class("-over")
        await pilot.press("ctrl+n")
        await settle(pilot)
        run = app.screen
        assert isinstance(run, RunScreen) and run.routine_run.index == 0  # still here
        said = screen_text(app)
        assert "Thing 1 is 200 characters over the 300 it can hold" in said, said
        assert field.value == long  # nothing taken away
        field.selection = Selection(300, len(long))  # the 200 over, taken in one backspace
        await pilot.press("backspace")
        assert field.value == long[:300]
        assert "300/300" in screen_text(app)
        await type_text(pilot, "xy")  # typing past the length is not refused either
        assert field.value.endswith("xy") and len(field.value) == 302
        await pilot.press("backspace", "backspace", "ctrl+n")
        await settle(pilot)
        assert run.routine_run.index == 1
    assert stored(app, "thanks") == [{"items": [long[:300]]}]


async def test_the_counter_shows_only_near_the_length(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[routines(tmp_path)], start_with="g")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await paste(pilot, "x" * 249)
        assert "/300" not in screen_text(app)
        await type_text(pilot, "x" * 13)
        assert "262/300" in screen_text(app)


async def test_the_gratitude_numbers_stay_while_writing(tmp_path: Path) -> None:
    app = make_app(tmp_path, dirs=[routines(tmp_path)], start_with="g")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for number in range(3):
            await type_text(pilot, "thing")
            if number < 2:
                await pilot.press("enter")
        labels = [str(s.render()) for s in app.screen.query(".field-number")]
        assert labels == ["1.", "2.", "3."]
        assert all(s.display for s in app.screen.query(".field-number"))


async def test_going_back_to_a_field_adds_to_its_text_rather_than_replacing_it(
        tmp_path: Path) -> None:
    """Textual selects a field's text when the keyboard comes back to it, so the next key
    typed replaced the whole line, and with NO_COLOR the selection could not be seen."""
    app = make_app(tmp_path, dirs=[routines(tmp_path)], start_with="g")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await type_text(pilot, "a warm cup of tea")
        await pilot.press("tab")
        await type_text(pilot, "a friend called")
        await pilot.press("shift+tab")
        await type_text(pilot, " in the morning")
        await pilot.press("ctrl+n")
        await settle(pilot)
    assert stored(app, "thanks") == [{"items": ["a warm cup of tea in the morning",
                                                "a friend called"]}]
