"""The home screen's line under each routine: its state today and its recent progress."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from textual.widgets import OptionList

from coach.routine.catalog import RoutineDir
from coach.store import Store
from coach.insight.strength import MULTIPLIER
from tests.tui.harness import NOON, make_app, settle

TODAY = date(2026, 11, 22)  # a Sunday: the harness's store is pinned to its noon


def finished(tmp_path: Path, routine: str, days_ago: list[int]) -> None:
    """Sessions of `routine` finished that many days before TODAY, in the app's data dir."""
    store = Store(tmp_path / "data", now=lambda: NOON, zone=(ZoneInfo("UTC"), "UTC"))
    for n in days_ago:
        day = TODAY - timedelta(days=n)
        store.record_session(routine, f"s{n}", "started", day=day, steps_total=4)
        store.record_session(routine, f"s{n}", "finished", day=day, steps_total=4)


async def home_lines(tmp_path: Path, dirs: list[RoutineDir] | None = None) -> dict[str, list[str]]:
    """The lines of each routine in the home screen's list, by routine id, once the worker
    has worked out habit strength."""
    app = make_app(tmp_path, dirs=dirs)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        options = app.screen.query_one("#routines", OptionList)
        return {str(option.id): str(option.prompt).splitlines()
                for option in (options.get_option_at_index(i)
                               for i in range(options.option_count))}


M = MULTIPLIER


@pytest.mark.parametrize(("days_ago", "state", "summary"), [
    ([], "not started", None),
    ([0], "✓ done today", "strength builds as you go"),  # not 5%: a first day says little
    ([2, 0], "✓ done today", f"strength {round(100 * ((1 - M) * M * M + (1 - M)))}%"),
    ([5, 3, 1], "not started", "strength 14%"),  # .0519 .0492 .0986 .0935 .1405, today open
    ([12], "not started", "strength 3% ▁▁"),  # a gap dents it; the trend says since when
    ([40, 30, 9], "not started", "strength 5% ▁▁▁▁▁▁"),  # .0519 .0824 .0788, then 8 days
], ids=["none", "first day", "two days", "every other day", "gap", "older gap"])
async def test_the_progress_line_under_a_routine(tmp_path: Path, days_ago: list[int],
                                                 state: str, summary: str | None) -> None:
    finished(tmp_path, "morning", days_ago)
    lines = await home_lines(tmp_path)
    assert lines["morning"] == ["Morning routine", f"07:30 · {state}",
                                *([summary] if summary else [])]
    assert lines["evening"] == ["Evening wind-down", "21:30 · not started"]  # its own history


async def test_the_trend_rises_with_practice(tmp_path: Path) -> None:
    finished(tmp_path, "morning", list(range(60)))
    line = (await home_lines(tmp_path))["morning"][2]
    assert line.startswith(f"strength {round(100 * (1 - M ** 60))}% ")
    trend = line.split()[-1]
    assert len(trend) == 8 and list(trend) == sorted(trend) and trend[0] != trend[-1]


async def test_a_routine_not_due_today_says_so(tmp_path: Path) -> None:
    directory = tmp_path / "routines"
    directory.mkdir()
    for name, days in (("weekdays", "weekdays"), ("sundays", "[sun]"), ("daily", "daily")):
        (directory / f"{name}.yaml").write_text(
            f"title: {name}\nschedule: {{at: '08:00', days: {days}}}\nsteps:\n  - type: mood\n")
    (directory / "free.yaml").write_text("title: free\nsteps:\n  - type: mood\n")
    lines = await home_lines(tmp_path, [RoutineDir(directory, False)])
    assert lines["weekdays"][1] == "08:00 · not scheduled today"  # TODAY is a Sunday
    assert lines["sundays"][1] == "08:00 · not started"
    assert lines["daily"][1] == "08:00 · not started"
    assert lines["free"][1] == "any time · not started"  # no schedule: always there


async def test_strength_on_the_home_screen_reads_only_the_months_that_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Memory bounded by what is shown: with the routines' series saved, the home screen's
    strength reads no month's digest (they would all be held while it works), and after a
    write only the month written."""
    import coach.store.months as months

    finished(tmp_path, "morning", list(range(0, 400, 3)))
    earlier = Store(tmp_path / "data", now=lambda: NOON)  # as an earlier start left them:
    earlier.check()  # the digests and their index
    earlier.series()
    asked: list[str] = []
    real = months.MonthFiles.digest

    def counting(self, path, keep=True, listed=None):  # type: ignore[no-untyped-def]
        asked.append(path.name)
        return real(self, path, keep, listed)

    monkeypatch.setattr(months.MonthFiles, "digest", counting)
    before = (await home_lines(tmp_path))["morning"]
    assert before[2].startswith("strength ")
    assert [name for name in asked if name != f"records-{TODAY:%Y-%m}.json"] == []
    finished(tmp_path, "morning", [1])
    asked.clear()
    after = (await home_lines(tmp_path))["morning"]
    assert after[2] != before[2]
    assert set(asked) == {f"records-{TODAY:%Y-%m}.json"}


async def test_a_routine_kept_a_number_of_times_says_where_its_period_stands(
        tmp_path: Path) -> None:
    directory = tmp_path / "routines"
    directory.mkdir()
    for name, days in (("walk", "{times: 3, per: week}"), ("stretch", "{every: 2}")):
        (directory / f"{name}.yaml").write_text(
            f"title: {name}\nschedule: {{at: '08:00', days: {days}}}\nsteps:\n  - type: mood\n")
    finished(tmp_path, "walk", [6, 4])  # Monday and Wednesday of this week
    finished(tmp_path, "stretch", [2])
    lines = await home_lines(tmp_path, [RoutineDir(directory, False)])
    assert lines["walk"][:3] == ["walk", "08:00 · not started", "2 of 3 this week"]
    assert lines["walk"][3].startswith("strength ")
    assert lines["stretch"][:3] == ["stretch", "08:00 · not started",
                                    "every 2 days: done 2 days ago"]


async def test_a_routine_whose_period_has_its_count_is_not_due_today(tmp_path: Path) -> None:
    directory = tmp_path / "routines"
    directory.mkdir()
    for name, days in (("walk", "{times: 3, per: week}"), ("stretch", "{every: 2}")):
        (directory / f"{name}.yaml").write_text(
            f"title: {name}\nschedule: {{at: '08:00', days: {days}}}\nsteps:\n  - type: mood\n")
    finished(tmp_path, "walk", [6, 4, 2])  # Monday, Wednesday and Friday of this week
    finished(tmp_path, "stretch", [1])
    lines = await home_lines(tmp_path, [RoutineDir(directory, False)])
    assert lines["walk"][:3] == ["walk", "08:00 · nothing due today", "3 of 3 this week"]
    assert lines["stretch"][:3] == ["stretch", "08:00 · nothing due today",
                                    "every 2 days: done yesterday"]
