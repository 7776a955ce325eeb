"""Your entries: browsing by day, search, correcting and deleting, text shown as written."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import Input, OptionList, TextArea

from coach.session.run import StepOutcome
from coach.store import Store
from coach.tui.screens.entries import EntriesScreen
from tests.tui.harness import make_app, settle, type_text
from tests.tui.history_data import ODD_NAME as ODD_NAME_MONTH
from tests.tui.history_data import TODAY, write_month
from tests.tui.terminal_text import HOSTILE, HOSTILE_VISIBLE, painted_text, raw_controls
from tests.ui_thread import reads_allowed

ODD = "[bold]not bold[/bold] \x1b[2J"
OLD_DAY = TODAY - timedelta(days=200)  # beyond the first 90 days shown


def journal(store_dir: Path, day: date, text: str, hour: int = 21) -> None:
    at = datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)
    store = Store(store_dir, now=lambda: at, zone=(ZoneInfo("UTC"), "UTC"))
    store.record_step("evening", f"j{day}", StepOutcome(
        "journal", "journal", "done", at, at + timedelta(minutes=3),
        {"prompt": "What went well?", "text": text}), day=day)


def data_with_journals(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    write_month(data)
    journal(data, TODAY - timedelta(days=1), f"A calm evening.\nSecond line {ODD}\n{HOSTILE}")
    journal(data, OLD_DAY, "The lighthouse walk in spring")
    return data


async def open_entries(pilot) -> EntriesScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    await pilot.press("j")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, EntriesScreen)
    return screen


def days_listed(app) -> list[str]:  # type: ignore[no-untyped-def]
    days = app.screen.query_one("#entries-days", OptionList)
    return [str(days.get_option_at_index(i).id) for i in range(days.option_count)]


async def test_days_newest_first_and_entries_as_written(tmp_path: Path) -> None:
    data_with_journals(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_entries(pilot)
        days = days_listed(app)
        assert days[0] == "2026-11-21" and days[-1] == "earlier"
        assert OLD_DAY.isoformat() not in days  # only the last 90 days are read at first
        text = painted_text(app)
        assert "What went well?" in text and "A calm evening." in text
        assert "Second line [bold]not bold[/bold] \\x1b[2J" in text  # literal, escaped
        assert not raw_controls(text)
        await pilot.press("end", "enter")  # "Earlier…": 90 more days
        await settle(pilot)
        assert OLD_DAY.isoformat() not in days_listed(app)
        await pilot.press("end", "enter")
        await settle(pilot)
        assert OLD_DAY.isoformat() in days_listed(app)


async def test_search_finds_an_older_entry_and_escape_shows_all_again(tmp_path: Path) -> None:
    data_with_journals(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entries(pilot)
        await pilot.press("slash")
        await type_text(pilot, "LIGHTHOUSE")
        await pilot.pause(0.5)
        await settle(pilot)
        assert days_listed(app) == [OLD_DAY.isoformat()]
        assert "The lighthouse walk in spring" in painted_text(app)
        await type_text(pilot, "zz")
        await pilot.pause(0.5)
        await settle(pilot)
        assert "No entries match “LIGHTHOUSEzz”" in painted_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.query_one("#entries-search", Input).value == ""
        assert days_listed(app)[0] == "2026-11-21"
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, EntriesScreen)


async def choose_journal(pilot) -> None:  # type: ignore[no-untyped-def]
    """Yesterday's day, then its journal entry (the last of the day)."""
    await pilot.press("enter", "end")
    await pilot.pause()


async def test_correcting_a_journal_entry_saves_it_after_a_question(tmp_path: Path) -> None:
    data = data_with_journals(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entries(pilot)
        await choose_journal(pilot)
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one("#text", TextArea)
        area.text = "A calm evening, corrected."
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.question == "Save this change to your entry of Saturday 21 November?"
        assert "Save this change" in painted_text(app)
        await pilot.press("tab", "enter")  # from Cancel to Save
        await settle(pilot)
    entries = Store(data).entries(since=TODAY - timedelta(days=1), types=("journal",))
    assert [e["data"]["text"] for e in entries] == ["A calm evening, corrected."]
    assert entries[0]["edited"]


async def save_and_confirm(pilot) -> None:  # type: ignore[no-untyped-def]
    """^s in the correction, then Save (after Cancel) in the question."""
    await pilot.press("ctrl+s")
    await pilot.pause()
    await pilot.press("tab", "enter")
    await settle(pilot)


async def test_a_journal_with_control_characters_is_shown_written_out_and_kept_as_it_was(
        tmp_path: Path) -> None:
    data = data_with_journals(tmp_path)
    original = Store(data).entries(since=TODAY - timedelta(days=1), types=("journal",))[0]
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entries(pilot)
        await choose_journal(pilot)
        await pilot.press("e")
        await pilot.pause()
        area = app.screen.query_one("#text", TextArea)
        assert raw_controls(area.text) == []
        assert HOSTILE_VISIBLE in area.text
        assert raw_controls(painted_text(app)) == []
        await save_and_confirm(pilot)  # nothing changed: the entry keeps its own bytes
    after = Store(data).entries(since=TODAY - timedelta(days=1), types=("journal",))[0]
    assert after["data"]["text"] == original["data"]["text"]


async def test_an_activity_name_with_an_escape_keeps_its_bytes_when_a_rating_is_corrected(
        tmp_path: Path) -> None:
    data = data_with_journals(tmp_path)
    friday = TODAY - timedelta(days=2)  # its activity has the odd name
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entries(pilot)
        await pilot.press("down", "enter", "end")  # Friday's last entry: how it went
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        name = app.screen.query_one("#name-0", Input)
        assert name.value == "[bold]Walk[/bold] \\x1b[2J"
        assert raw_controls(painted_text(app)) == []
        app.screen.query_one("#pleasure-0", Input).value = "9"
        await save_and_confirm(pilot)
    review = Store(data).entries(since=friday, types=("activity_review",))
    activity = [r for r in review if r["day"] == friday.isoformat()][0]["data"]["activities"][0]
    assert activity["name"] == ODD_NAME_MONTH and activity["pleasure"] == 9


async def test_a_bad_rating_is_named_and_nothing_typed_is_lost(tmp_path: Path) -> None:
    data_with_journals(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entries(pilot)
        await pilot.press("enter")  # yesterday; the first entry is the morning mood
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        rating = app.screen.query_one("#rating", Input)
        rating.value = "11"
        app.screen.query_one("#note", Input).value = "kept"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "Mood: a whole number from 0 to 10, or empty." in painted_text(app)
        assert app.screen.query_one("#note", Input).value == "kept"


async def test_deleting_asks_first_and_cancel_keeps_it(tmp_path: Path) -> None:
    data = data_with_journals(tmp_path)
    app = make_app(tmp_path)

    def journals() -> int:
        with reads_allowed():
            return len(Store(data).entries(since=TODAY - timedelta(days=1), types=("journal",)))

    async with app.run_test(size=(80, 24)) as pilot:
        await open_entries(pilot)
        await choose_journal(pilot)
        await pilot.press("d")
        await pilot.pause()
        assert app.screen.question == (
            "Delete this entry from Saturday 21 November? coach keeps it as removed until "
            "you empty removed entries (coach doctor --purge-removed); u brings it back.")
        assert "Delete this entry" in painted_text(app)
        await pilot.press("enter")  # Cancel has the focus
        await settle(pilot)
        assert journals() == 1
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert journals() == 0
        assert "What went well?" not in painted_text(app)


def footer_keys(app) -> str:  # type: ignore[no-untyped-def]
    return painted_text(app).splitlines()[-1]


async def test_u_brings_a_deleted_entry_back_and_takes_a_correction_back(
        tmp_path: Path) -> None:
    data = data_with_journals(tmp_path)
    app = make_app(tmp_path)

    def journals() -> list[str]:
        with reads_allowed():
            return [e["data"]["text"] for e in Store(data).entries(
                since=TODAY - timedelta(days=1), types=("journal",))]

    [written] = journals()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entries(pilot)
        await choose_journal(pilot)
        assert "Undo" not in footer_keys(app)  # nothing to undo yet
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#text", TextArea).text = "Corrected words."
        await save_and_confirm(pilot)
        assert journals() == ["Corrected words."]
        await choose_journal(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert journals() == []
        assert "u Undo" in footer_keys(app)
        app.clear_notifications()
        await pilot.press("u")
        await settle(pilot)
        assert [n.message for n in app._notifications] == ["The journal entry of 21 Nov is back"]
        assert journals() == ["Corrected words."]
        assert "Journal · corrected" in painted_text(app)  # shown again
        app.clear_notifications()
        await pilot.press("u")
        await settle(pilot)
        assert [n.message for n in app._notifications] == \
            ["The journal entry of 21 Nov is as it was before the correction"]
        assert journals() == [written]
        assert "Undo" not in footer_keys(app)  # each change here taken back
        await pilot.press("u")
        await settle(pilot)
        assert journals() == [written]


async def test_a_correction_of_an_entry_deleted_elsewhere_says_so(tmp_path: Path) -> None:
    data = data_with_journals(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entries(pilot)
        await choose_journal(pilot)
        record = app.screen.chosen_entry()
        assert record is not None and record["type"] == "journal"
        Store(data).delete_entry(record["uid"], date.fromisoformat(record["day"]))
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert any("removed elsewhere" in n.message for n in app._notifications)


@pytest.mark.parametrize("no_colour", [False, True], ids=["colour", "NO_COLOR"])
def test_snapshot(snap_compare, tmp_path: Path, monkeypatch, no_colour) -> None:  # type: ignore[no-untyped-def]
    data_with_journals(tmp_path)
    if no_colour:
        monkeypatch.setenv("NO_COLOR", "1")

    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_entries(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=(80, 24), run_before=open_it)


async def test_u_shows_a_lone_deleted_entry_again_on_its_day(tmp_path: Path) -> None:
    """The only entry of the only day shown: deleting it leaves only "Earlier…" in the
    list; undoing shows its day again, chosen, with the entry in sight."""
    journal(tmp_path / "data", TODAY - timedelta(days=1), "The only page")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_entries(pilot)
        await choose_journal(pilot)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert "The only page" not in painted_text(app)
        await pilot.press("u")
        await settle(pilot)
        days = app.screen.query_one("#entries-days", OptionList)
        assert days.highlighted_option.id == (TODAY - timedelta(days=1)).isoformat()
        assert "The only page" in painted_text(app)
