"""The history screen's "What goes with better days" section, read as a person sees it."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

from coach.insight.better_days import NOTHING_YET, RULE, better_days
from coach.insight.history import load_history
from coach.store import Store
from tests.tui.harness import make_app, settle
from tests.tui.history_data import FIRST, ODD_NAME, TODAY, days_of_mood, write_month
from tests.tui.terminal_text import painted_text, raw_controls


async def open_history(pilot) -> str:  # type: ignore[no-untyped-def]
    """The painted screen once history and its better days are read."""
    await settle(pilot)
    await pilot.press("h")
    for _ in range(3):  # the section reads after the rest is painted
        await settle(pilot)
    return painted_text(pilot.app)


async def test_each_activity_with_its_days_and_the_rule_once_names_shown_literally(
        tmp_path: Path) -> None:
    write_month(tmp_path / "data")
    store = Store(tmp_path / "data", zone=(ZoneInfo("UTC"), "UTC"))
    history = load_history(store)
    expected = better_days(history.moods, history.plans, history.reviews, {}, FIRST, TODAY)
    sam = next(line for line in expected.activities if line.name == "Call Sam")
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 60)) as pilot:
        text = await open_history(pilot)
    assert "What goes with better days" in text
    assert (f"On days with Call Sam your mood averaged {sam.with_.mood:.1f} "
            f"({sam.with_.days} days); on other days {sam.without.mood:.1f} "
            f"({sam.without.days} days).") in text
    assert "On days with [bold]Walk[/bold] \\x1b[2J your mood averaged" in text
    assert not raw_controls(text)
    assert text.count(RULE) == 1
    assert ODD_NAME not in text


async def test_a_routine_finished_or_not_and_the_range_key_changes_what_it_covers(
        tmp_path: Path) -> None:
    # Over the last 30 days: finished on 6 days (mood 8), not on 6 (mood 4). Before
    # that, 60 more days not finished with mood 2, which only the 90 days count.
    days_of_mood(tmp_path / "data", [8] * 6 + [4] * 6 + [2] * 17 + [2] * 60, set(range(6)))
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 60)) as pilot:
        text = await open_history(pilot)
        assert ("Morning routine: finished 8.0 (6 days), not finished 2.5 (23 days)."
                in text)
        await pilot.press("t")
        for _ in range(3):
            await settle(pilot)
        text = painted_text(app)
    assert "Mood · the last 90 days" in text
    assert "Morning routine: finished 8.0 (6 days), not finished 2.1 (83 days)." in text


async def test_with_too_few_days_it_says_kindly_what_is_needed(tmp_path: Path) -> None:
    days_of_mood(tmp_path / "data", [5] * 8, set(range(4)))  # 4 finished, 4 not
    app = make_app(tmp_path)
    async with app.run_test(size=(140, 60)) as pilot:
        text = await open_history(pilot)
    assert "What goes with better days" in text
    assert " ".join(NOTHING_YET.split()[:6]) in text
    assert "Morning routine: finished" not in text
    assert RULE not in text
