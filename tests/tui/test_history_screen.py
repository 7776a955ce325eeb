"""The history screen on a fixed month: what a person sees at 80x24, keys, rest days, and
user text shown literally."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.insight import marks
from coach.insight.history import load_history
from coach.insight.overview import overview
from coach.insight.words import percent
from coach.routine.catalog import load_catalog
from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.screens.history import HistoryScreen
from coach.tui.widgets.heatmap import Heatmap
from tests.conftest import PinnedClock
from tests.fakes import FakeClock
from tests.tui.harness import NOON, make_app, screen_text, settle
from tests.tui.history_data import (PARTLY, REST, TODAY, late_morning,
                                   write_month)
from tests.tui.terminal_text import painted_text, raw_controls
from tests.ui_thread import reads_allowed


async def open_history(pilot) -> HistoryScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("h")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, HistoryScreen)
    return screen


def expected_figures(tmp_path: Path):  # type: ignore[no-untyped-def]
    from coach.store import Store
    from zoneinfo import ZoneInfo

    store = Store(tmp_path / "data", zone=(ZoneInfo("UTC"), "UTC"))
    return overview(load_history(store), load_catalog().routines, TODAY, 30)


async def test_a_month_of_history_at_80x24_shows_calendar_strength_mood_and_activities(
        tmp_path: Path) -> None:
    write_month(tmp_path / "data")
    expected = expected_figures(tmp_path)
    morning = expected.routines["morning"]
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        text = painted_text(app)
    assert "Your progress · Morning routine" in text
    assert f"Habit strength {percent(morning.strength)}" in text
    assert f"Current run: {morning.current_run} days" in text
    assert "Oct" in text and "Nov" in text  # month names over the calendar
    assert "Mood · the last 30 days · average" in text
    assert "Activities · 25 of 25 planned activities done." in text
    assert "you enjoyed them more than you expected" in text
    assert "Sunday 22 November: still open today" in text
    assert not raw_controls(text)


async def test_the_figures_on_screen_are_the_computed_ones(tmp_path: Path) -> None:
    write_month(tmp_path / "data")
    expected = expected_figures(tmp_path)
    app = make_app(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_history(pilot)
        view, walked = screen.views["morning"], expected.routines["morning"]
        # Worked out from the series and for the calendar's days only, the same figures as
        # a walk over all of history.
        assert view.progress == replace(walked, days={}, scores={}, scheduled_days=frozenset())
        assert view.marks == {day: mark for day, mark in walked.days.items()
                              if day >= view.since}
        days = screen.query_one(Heatmap).marks
        assert days[PARTLY] == marks.PARTLY and days[REST] == marks.REST
        assert days[TODAY - timedelta(days=3)] == marks.NOT_DONE
        assert days[TODAY - timedelta(days=1)] == marks.DONE
        text = painted_text(app)
    assert "Muscle relaxation: 6.0 before, 3.0 after, over 8 sessions" in text
    assert "[bold]Walk[/bold] \\x1b[2J" in text  # the activity's name as typed, escaped


async def test_strength_over_the_year_is_drawn_from_the_walks_scores(tmp_path: Path) -> None:
    write_month(tmp_path / "data")
    walked = expected_figures(tmp_path).routines["morning"]
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 60)) as pilot:
        screen = await open_history(pilot)
        weeks = screen.views["morning"].weeks
        # Each Sunday since the first record (Saturday 24 October), then today (a Sunday).
        assert [day for day, _ in weeks] == [date(2026, 10, 25) + timedelta(weeks=n)
                                             for n in range(5)]
        assert [score for _, score in weeks] == [walked.scores[day] for day, _ in weeks]
        assert weeks[-1][1] == walked.strength
        text = painted_text(app)
    assert "Habit strength · the last year" in text
    assert "100%│" in text and " 50%│" in text and "  0%│" in text
    assert "each column: a week, its strength at the week's end" in text


async def test_next_routine_and_range_switch_without_reading_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_month(tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        await settle(pilot)  # the other ranges, worked out once the first is shown
        reads: list[str] = []
        for name in ("series", "digests", "ledger"):
            real = getattr(app.store, name)
            monkeypatch.setattr(app.store, name, lambda *a, _real=real, _name=name, **k: (
                reads.append(_name), _real(*a, **k))[1])
        assert "Your progress · Morning routine (1 of 3)" in painted_text(app)
        await pilot.press("n")  # home's order: morning, evening, quick reset
        await pilot.pause()
        assert "Your progress · Evening wind-down (2 of 3)" in painted_text(app)
        assert screen.query_one(Heatmap).marks == screen.views["evening"].marks
        await pilot.press("n")
        await pilot.pause()
        assert "Used on 0 of the last 30 days" in painted_text(app)  # no schedule
        await pilot.press("n")
        await pilot.pause()
        assert "Your progress · Morning routine (1 of 3)" in painted_text(app)  # round again
        await pilot.press("t")
        await pilot.pause()
        assert "Mood · the last 90 days" in painted_text(app)
        await pilot.press("t", "t")
        await pilot.pause()
        assert "Mood · all your history" in painted_text(app)
        assert reads == []  # from memory, not read again


async def test_a_day_on_the_calendar_can_be_made_a_rest_day_and_back(tmp_path: Path) -> None:
    store = write_month(tmp_path / "data")
    missed = TODAY - timedelta(days=3)  # a Thursday, not done
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        before = screen.views["morning"].progress.strength
        await pilot.press("up", "up", "up")
        await pilot.pause()
        assert screen.query_one(Heatmap).selected == missed
        assert "Thursday 19 November: not done, and that is all right" in painted_text(app)
        await pilot.press("z")
        await settle(pilot)
        with reads_allowed():
            assert store.rest_days("morning", missed, missed) == {missed}
        assert screen.views["morning"].marks[missed] == marks.REST
        assert screen.views["morning"].progress.strength > before  # neutral instead of a 0
        assert "Thursday 19 November: a rest day" in painted_text(app)
        await pilot.press("z")
        await settle(pilot)
        with reads_allowed():
            assert store.rest_days("morning", missed, missed) == set()
        assert screen.views["morning"].progress.strength == pytest.approx(before)


async def test_a_done_day_offers_no_rest_day(tmp_path: Path) -> None:
    write_month(tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        await pilot.press("up")  # yesterday, done
        await pilot.pause()
        assert screen.check_action("rest_day", ()) is False
        assert "Rest day" not in painted_text(app).splitlines()[-1]


async def test_no_history_yet_is_said_kindly(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        text = painted_text(app)
    assert "Habit strength: not yet" in text
    assert "Your first time will show here." in text
    assert "Mood · the last 30 days · no check-ins in this time yet" in text
    assert "Activities · no activities planned in this time." in text


async def test_escape_goes_back_home(tmp_path: Path) -> None:
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


@pytest.fixture
def no_color(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def turn_on() -> None:
        monkeypatch.setenv("NO_COLOR", "1")
    return turn_on


@pytest.mark.parametrize(("size", "plain_colour"), [((80, 24), False), ((120, 40), False),
                                                    ((80, 24), True), ((60, 20), False)],
                         ids=["80x24", "120x40", "80x24-NO_COLOR", "60x20"])
def test_snapshot(snap_compare, tmp_path: Path, no_color, size, plain_colour) -> None:  # type: ignore[no-untyped-def]
    write_month(tmp_path / "data")
    if plain_colour:
        no_color()

    async def open_it(pilot) -> None:  # type: ignore[no-untyped-def]
        await open_history(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(tmp_path), terminal_size=size, run_before=open_it)


async def test_an_unexpected_problem_while_working_out_is_said_and_logged(
        tmp_path: Path, coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker's exception would vanish, leaving "reading your history…" for ever."""
    import coach.insight.history_figures as history_figures

    def broken(*args: object) -> object:
        raise RuntimeError("a figure that cannot be worked out")

    write_month(tmp_path / "data")
    monkeypatch.setattr(history_figures, "day_marks", broken)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        text = painted_text(app)
    assert "Your history could not be read: an unexpected problem. Your records are" in text
    assert "a figure that cannot be worked out" in \
        (coach_dirs["data"] / "logs" / "errors.log").read_text()


async def test_a_second_visit_reuses_the_screen_afresh_and_shows_what_changed(
        tmp_path: Path) -> None:
    from coach.store import Store

    write_month(tmp_path / "data")
    missed = TODAY - timedelta(days=3)
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        first = await open_history(pilot)
        await pilot.press("n", "t", "left")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        Store(tmp_path / "data").set_rest_day("morning", missed)  # another process
        second = await open_history(pilot)
        assert second is first  # kept: nothing to build again
        text = painted_text(app)
        assert "Your progress · Morning routine (1 of 3)" in text
        assert "Mood · the last 30 days" in text
        heatmap = second.query_one(Heatmap)
        assert heatmap.selected == TODAY
        assert heatmap.marks[missed] == marks.REST


async def test_left_open_into_a_new_day_the_screen_moves_on_to_it(tmp_path: Path) -> None:
    """Open late in the evening and still open after the day's start hour (04:00): today
    is the new day, as on home, and the calendar left on the old today follows it."""
    from datetime import date, datetime, timezone

    write_month(tmp_path / "data")
    app = make_app(tmp_path)
    clock = [datetime(2026, 11, 22, 23, 30, tzinfo=timezone.utc)]
    app.store.now = lambda: clock[0]  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        heatmap = screen.query_one(Heatmap)
        assert screen.today == heatmap.selected == TODAY
        clock[0] = datetime(2026, 11, 23, 3, 59, tzinfo=timezone.utc)  # still Sunday's day
        screen.check_new_day()
        await settle(pilot)
        assert screen.today == TODAY
        clock[0] = datetime(2026, 11, 23, 4, 0, tzinfo=timezone.utc)
        screen.check_new_day()
        await settle(pilot)
        monday = date(2026, 11, 23)
        assert screen.today == heatmap.today == heatmap.selected == monday
        assert "Monday 23 November" in painted_text(app)


async def test_the_calendar_reads_only_the_weeks_it_can_show_and_more_when_wider(
        tmp_path: Path) -> None:
    """Its marks are worked out for the weeks that fit (a year at least), not for all of
    history; widened past them, the days it now shows are worked out."""
    from datetime import datetime, timezone

    store = write_month(tmp_path / "data")
    long_ago = TODAY - timedelta(weeks=70)
    at = datetime(long_ago.year, long_ago.month, long_ago.day, 7, tzinfo=timezone.utc)
    store.now = lambda: at  # type: ignore[method-assign]
    store.record_session("morning", "long-ago", "finished", day=long_ago, steps_total=4,
                         weekdays=list(range(7)))
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        view = screen.views["morning"]
        assert long_ago < view.since and long_ago not in view.marks
        assert len(view.marks) == (TODAY - view.since).days + 1
        await pilot.resize_terminal(240, 40)
        await settle(pilot)
        heatmap = screen.query_one(Heatmap)
        first = heatmap.first_shown()
        assert first is not None and first <= long_ago
        assert heatmap.marks[long_ago] == marks.DONE
        assert min(heatmap.marks) == long_ago  # its first record, not a day before


@pytest.mark.parametrize(("today", "names"), [
    # The first week, 27 July to 2 August, holds both months' days: it is named for August.
    (date(2026, 12, 2), ["Aug", "Sep", "Oct", "Nov", "Dec"]),
    (date(2026, 12, 31), ["Aug", "Sep", "Oct", "Nov", "Dec"]),
    (date(2027, 1, 3), ["Aug", "Sep", "Oct", "Nov", "Dec", "2027"]),
], ids=["december-begun", "december-ending", "a-year-begun"])
async def test_at_80x24_the_calendar_shows_19_weeks_and_names_every_month(
        tmp_path: Path, pinned_clock: PinnedClock, today: date, names: list[str]) -> None:
    """As the README says: 19 weeks at 80 columns, with a month of history (whose screen
    scrolls), and the name of each month drawn: the one just begun at the right edge
    (December went unnamed in its first days) and the one cut at the left edge."""
    write_month(tmp_path / "data")
    pinned_clock.set(datetime(today.year, today.month, today.day, 12, tzinfo=timezone.utc))
    app = CoachApp(store=Store(tmp_path / "data"), clock=FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        heatmap = screen.query_one(Heatmap)
        region = heatmap.region
        months = painted_text(app).splitlines()[region.y][region.x:region.right]
        weeks = len(heatmap.mondays())
    assert weeks == 19
    assert months.split() == names, months


def begun_this_morning(data: Path) -> None:
    """The morning routine's first day, today: breathing and a check-in done at 07:10, a
    walk planned for this evening; the day goes on (it is noon)."""
    from zoneinfo import ZoneInfo

    from coach.session.run import StepOutcome
    from coach.store import Store

    at = NOON.replace(hour=7, minute=10)
    store = Store(data, now=lambda: at, zone=(ZoneInfo("UTC"), "UTC"))
    for step_type, data_ in (("breathing", {"seconds": 120}), ("mood", {"rating": 6}),
                             ("activity_plan", {"activities": [
                                 {"id": "w", "name": "Walk", "time": "18:00",
                                  "predicted": 5}]})):
        store.record_step("morning", "s1", StepOutcome(step_type, step_type, "done", at,
                                                       at + timedelta(minutes=1), data_))


async def test_a_routine_begun_today_is_not_a_figure_and_tonight_s_plan_not_undone(
        tmp_path: Path) -> None:
    begun_this_morning(tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 40)) as pilot:  # tall enough to show the activities
        await open_history(pilot)
        text = painted_text(app)
    assert "Habit strength builds as you go" in text and "0%" not in text
    assert "Runs begin when you finish it." in text and "Every day you practise counts." in text
    assert "Activities · 1 activity planned for today counts once you have reviewed it" \
        in text and "the day is over." in text
    assert "0 of 1" not in text


async def test_mood_is_split_by_each_routine_s_time_and_the_screen_says_so(
        tmp_path: Path) -> None:
    late_morning(tmp_path / "data")  # the morning routine's check-in given at 16:00
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        text = painted_text(app)
        assert "Mood · the last 30 days · average 5.3 (morning 4.0, evening 8.0)" in text
        assert "Morning and evening go by each routine's time: before 15:00 is morning." \
            in text
        for _ in range(3):  # 90 days, a year, all of history: split the same way
            await pilot.press("t")
            await settle(pilot)
            assert "(morning 4.0, evening 8.0)" in painted_text(app)


async def test_self_checks_of_the_range_show_with_their_band_and_change(
        tmp_path: Path) -> None:
    """Each result in the range, compared with the one before it even when that one is
    older; the note that it is not a diagnosis once; none of the section without results."""
    from tests.tui.self_check_data import write_checks

    write_month(tmp_path / "data")
    write_checks(tmp_path / "data", [(date(2026, 9, 1), "gad7", 12),
                                     (date(2026, 10, 29), "phq9", 8),
                                     (date(2026, 11, 12), "phq9", 7),
                                     (date(2026, 11, 15), "gad7", 6)])
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        text = screen_text(app)
        assert "Self-checks" in text
        assert "29 Oct  PHQ-9  8 (mild)  the first" in text
        assert "12 Nov  PHQ-9  7 (mild)  about the same as 29 Oct" in text
        assert "15 Nov  GAD-7  6 (mild)  6 lower than 01 Sep, a real improvement" in text
        assert "01 Sep" not in text.replace("than 01 Sep", "")  # before the range
        assert text.count("not a diagnosis") == 1
        await pilot.press("t", "t", "t")  # all of history
        await settle(pilot)
        assert "01 Sep  GAD-7  12 (moderate)  the first" in screen_text(app)


async def test_no_self_check_section_without_results(tmp_path: Path) -> None:
    write_month(tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        assert not screen.query_one("#self-checks").display
        assert "Self-checks" not in screen_text(app)


async def test_a_missed_day_marked_done_afterwards_counts_shows_and_undoes(
        tmp_path: Path) -> None:
    store = write_month(tmp_path / "data")
    missed = TODAY - timedelta(days=3)  # a Thursday, not done
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        before = screen.views["morning"].progress
        assert "Undo" not in painted_text(app).splitlines()[-1]
        await pilot.press("up", "up", "up", "m")
        await settle(pilot)
        assert "How did Thursday 19 November go?" in painted_text(app)
        await pilot.press("d")
        await settle(pilot)
        with reads_allowed():
            assert store.day_marks("morning", missed, missed) == {missed.isoformat(): "done"}
        view = screen.views["morning"]
        assert view.marks[missed] == marks.MARKED_DONE
        assert screen.query_one(Heatmap).marks[missed] == marks.MARKED_DONE
        assert view.progress.strength > before.strength
        text = painted_text(app)
        assert "Thursday 19 November: marked done afterwards, and it counts" in text
        assert "◉◑ marked by you afterwards" in text
        assert "Undo" in text.splitlines()[-1]
        await pilot.press("u")
        await settle(pilot)
        with reads_allowed():
            assert store.day_marks("morning", missed, missed) == {missed.isoformat(): "none"}
        assert screen.views["morning"].marks[missed] == marks.NOT_DONE
        assert screen.views["morning"].progress.strength == pytest.approx(before.strength)
        text = painted_text(app)
        assert "Thursday 19 November: not done, and that is all right" in text
        assert "Undo" not in text.splitlines()[-1]


async def test_partly_from_the_list_and_undo_puts_back_the_mark_before(tmp_path: Path) -> None:
    store = write_month(tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=(60, 20)) as pilot:
        screen = await open_history(pilot)
        for _ in range(20):
            await pilot.press("up")
        assert screen.query_one(Heatmap).selected == REST
        await pilot.press("m")
        await settle(pilot)
        await pilot.press("up", "enter")  # from "Rest day", where the list starts, to partly
        await settle(pilot)
        assert screen.views["morning"].marks[REST] == marks.MARKED_PARTLY
        assert "Monday 2 November: marked partly done afterwards" in painted_text(app)
        await pilot.press("u")
        await settle(pilot)
        with reads_allowed():
            assert store.rest_days("morning", REST, REST) == {REST}
        assert screen.views["morning"].marks[REST] == marks.REST


async def test_a_day_finished_in_coach_stands_whatever_it_is_marked(tmp_path: Path) -> None:
    write_month(tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        before = screen.views["morning"].progress.strength
        await pilot.press("up", "m")  # yesterday, finished
        await settle(pilot)
        await pilot.press("c")
        await settle(pilot)
        assert screen.views["morning"].marks[TODAY - timedelta(days=1)] == marks.DONE
        assert screen.views["morning"].progress.strength == pytest.approx(before)


async def test_only_the_last_30_days_can_be_marked(tmp_path: Path) -> None:
    write_month(tmp_path / "data")
    app = make_app(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_history(pilot)
        assert screen.check_action("mark_day", ()) is True  # today
        await pilot.press("left", "left", "left", "left", "up")  # 29 days back
        await pilot.pause()
        assert screen.check_action("mark_day", ()) is True
        await pilot.press("up")  # 30 days back
        await pilot.pause()
        assert screen.check_action("mark_day", ()) is False
        assert "Mark day" not in painted_text(app).splitlines()[-1]
        await pilot.press("m")
        await settle(pilot)
        assert screen is app.screen


async def test_a_routine_kept_three_times_a_week_has_no_day_called_unscheduled(
        tmp_path: Path) -> None:
    from coach.routine.catalog import RoutineDir
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "walk.yaml").write_text(
        "title: Walk\nschedule: {at: '18:00', days: {times: 3, per: week}}\n"
        "steps:\n  - type: mood\n")
    store = Store(tmp_path / "data", now=lambda: NOON)
    store.record_session("walk", "s1", "finished", day=TODAY - timedelta(days=6))
    app = make_app(tmp_path, dirs=[RoutineDir(directory, False)])
    async with app.run_test(size=(80, 24)) as pilot:
        await open_history(pilot)
        text = painted_text(app)
        assert "· not due" in text and "not scheduled" not in text, text
