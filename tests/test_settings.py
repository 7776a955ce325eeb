"""settings.yaml, as the README promises: read at start, each setting doing what it says.

The app is started the way a person starts it, through the `coach` command, so the
file is read and the store is made by the real code; only the terminal is headless.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.pilot import Pilot
from textual.widgets import Static

from coach.cli import cli
from coach.store import Store
from coach.tui.app import CoachApp
from coach.tui.steps.breathing import BreathingWidget
from tests.conftest import PinnedClock
from tests.tui.harness import screen_text, settle

Script = Callable[[Pilot], Awaitable[None]]

#: First in the list (the earliest time), one breath a second: phases change quickly.
BREATHE = """\
title: Quick breath
schedule: {at: "06:00"}
steps:
  - type: breathing
    pattern: {inhale: 1, exhale: 1}
    cycles: 5
"""
#: First in the list, one step that Ctrl+N finishes.
ONE_STEP = """\
title: One step
schedule: {at: "06:00"}
steps:
  - type: affirmation
"""


def write_files(dirs: dict[str, Path], routine: str, settings: str | None) -> None:
    dirs["routines"].mkdir(parents=True)
    (dirs["routines"] / "first.yaml").write_text(routine, encoding="utf-8")
    if settings is not None:
        (dirs["config"] / "settings.yaml").write_text(settings, encoding="utf-8")


def run_coach(monkeypatch: pytest.MonkeyPatch, script: Script, *args: str) -> str:
    """Run `coach ARGS` headless at 80x24 with `script` at the keys; what it printed.

    A failed assertion in the script fails the test after the app has closed.
    """
    from coach.foundation.paths import data_dir
    from coach.support.memory import Memory

    Memory(data_dir()).mark_statement_seen()  # past the first-run statement, as on day two
    failures: list[BaseException] = []
    real_run = CoachApp.run

    async def guarded(pilot: Pilot) -> None:
        try:
            await script(pilot)
        except BaseException as err:  # noqa: BLE001 - raised again below, outside the app
            failures.append(err)
        finally:
            pilot.app.exit()

    def run_headless(self: CoachApp, **_: object) -> None:
        real_run(self, headless=True, size=(80, 24), auto_pilot=guarded)

    monkeypatch.setattr(CoachApp, "run", run_headless)
    monkeypatch.setattr("coach.cli.has_terminal", lambda: True)  # headless, by the Pilot
    result = CliRunner().invoke(cli, list(args))
    if failures:
        raise failures[0]
    assert result.exception is None, result.exception
    assert result.exit_code == 0, result.output
    return result.output


async def watch_the_pacer(pilot: Pilot) -> dict[str, object]:
    """Breathe until the second breath begins; what the pacer showed on the way."""
    widget = pilot.app.screen.widget  # type: ignore[attr-defined]
    assert isinstance(widget, BreathingWidget)
    pacer = widget.query_one("#part-pacer", Static)
    phases: set[str] = set()
    shown: dict[str, object] = {"shape": False, "pacer area": False, "phases": phases}
    deadline = time.monotonic() + 10
    while "Breath 2 of 5" not in str(widget.query_one("#part-info", Static).render()):
        assert time.monotonic() < deadline, "the pacer did not move on"
        shown["shape"] = shown["shape"] or "█" in str(pacer.render())
        shown["pacer area"] = shown["pacer area"] or bool(pacer.parent and pacer.parent.display)
        phases.add(str(widget.query_one("#part-phase", Static).render()))
        await pilot.pause(0.05)
    return shown


@pytest.mark.parametrize(("settings", "shape", "bell"), [
    (None, True, False),
    ("reduced_motion: true\n", False, False),
    ("bell: true\n", True, True),
    ("reduced_motion: yes\nbell: on\n", False, True),
], ids=["no file", "reduced motion", "bell", "both"])
def test_reduced_motion_and_bell_change_the_breathing_step(
        coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch, settings: str | None,
        shape: bool, bell: bool) -> None:
    write_files(coach_dirs, BREATHE, settings)
    bells: list[float] = []
    real_bell = CoachApp.bell

    def ring(self: CoachApp) -> None:
        bells.append(time.monotonic())
        real_bell(self)

    monkeypatch.setattr(CoachApp, "bell", ring)
    seen: dict[str, object] = {}

    async def script(pilot: Pilot) -> None:
        await pilot.pause()
        seen.update(await watch_the_pacer(pilot))

    run_coach(monkeypatch, script, "run", "first")
    assert seen["phases"] >= {"Breathe in", "Breathe out"}  # type: ignore[operator]
    assert seen["shape"] is shape and seen["pacer area"] is shape
    # One ring at each change of phase: in -> out -> in (the second breath) at least.
    assert (len(bells) >= 2) if bell else bells == []


def test_a_mistake_is_shown_on_home_and_the_other_settings_still_apply(
        coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(coach_dirs, BREATHE, "reduced_motion: true\nbell: maybe\n")
    home: list[str] = []
    seen: dict[str, object] = {}

    async def script(pilot: Pilot) -> None:
        await pilot.pause()
        home.append(screen_text(pilot.app))
        await pilot.press("enter")  # the first routine: the breathing one
        await pilot.pause()
        seen.update(await watch_the_pacer(pilot))

    run_coach(monkeypatch, script)
    settings_file = coach_dirs["config"] / "settings.yaml"
    assert "settings.yaml has a mistake (the other settings apply):" in home[0]
    assert f"{settings_file}:2:7: " in home[0] and "'bell'" in home[0]
    assert seen["shape"] is False and seen["pacer area"] is False  # reduced_motion applies


AFTER_MIDNIGHT = datetime(2026, 11, 23, 2, 30, tzinfo=timezone.utc)  # Monday, 02:30 UTC


@pytest.mark.parametrize(("settings", "day", "heading"), [
    (None, "2026-11-22", "Sunday 22 November"),  # before 04:00: still Sunday
    ("day_start_hour: 2\n", "2026-11-23", "Monday 23 November"),
    ("day_start_hour: 3\n", "2026-11-22", "Sunday 22 November"),
], ids=["default 4", "2", "3"])
def test_day_start_hour_moves_the_routine_day(
        coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch,
        pinned_clock: PinnedClock, settings: str | None, day: str, heading: str) -> None:
    pinned_clock.set(AFTER_MIDNIGHT)
    write_files(coach_dirs, ONE_STEP, settings)
    home: list[str] = []

    async def script(pilot: Pilot) -> None:
        await pilot.pause()
        home.append(screen_text(pilot.app))
        await pilot.press("enter", "ctrl+n")  # start the first routine, finish its one step
        await settle(pilot)

    run_coach(monkeypatch, script)
    assert f"coach · {heading}" in home[0]
    sessions = Store(coach_dirs["data"]).records(kind="session", routine="first")
    assert [(r["event"], r["day"]) for r in sessions] == [("started", day), ("finished", day)]
    history = CliRunner().invoke(cli, ["history", "--days", "1"]).output
    assert f"{heading} 2026" in history and "One step" in history


#: A tag on the first setting, a value out of range on the last: each said once, and the
#: setting between them still applies.
TAGGED = "bell: !!binary aGk=\nreduced_motion: true\nday_start_hour: 40\n"


def tagged_problems(settings_file: Path) -> list[str]:
    return [f"{settings_file}:1:7: the tag !!binary is not allowed in a settings file; remove "
            "it and write the value plainly",
            f"{settings_file}:3:17: "]


@pytest.mark.parametrize("command", [["history"], ["remind", "--next"], ["remind", "--once"],
                                     ["doctor"]], ids=" ".join)
def test_each_settings_mistake_is_said_once_naming_the_settings_file(
        coach_dirs: dict[str, Path], command: list[str]) -> None:
    write_files(coach_dirs, BREATHE, TAGGED)
    result = CliRunner().invoke(cli, command)
    said = result.output
    for problem in tagged_problems(coach_dirs["config"] / "settings.yaml"):
        assert said.count(problem) == 1, said
    assert "routine file" not in said


def test_a_tag_in_settings_is_shown_on_home_once_and_the_other_settings_apply(
        coach_dirs: dict[str, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    write_files(coach_dirs, BREATHE, TAGGED)
    home: list[str] = []
    seen: dict[str, object] = {}

    async def script(pilot: Pilot) -> None:
        await pilot.pause()
        home.append(" ".join(screen_text(pilot.app).split()))
        await pilot.press("enter")
        await pilot.pause()
        seen.update(await watch_the_pacer(pilot))

    run_coach(monkeypatch, script)
    for problem in tagged_problems(coach_dirs["config"] / "settings.yaml"):
        assert home[0].count(problem) == 1, home[0]
    assert "routine file" not in home[0]
    assert seen["shape"] is False  # reduced_motion, after the tagged setting, applies
