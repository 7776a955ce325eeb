"""YAML 1.1 surprises: values are read as the person meant them, or refused with a how-to."""

from __future__ import annotations

from datetime import time

import pytest

from coach.routine.steps.breathing import BreathingStep
from coach.routine.steps.mood import MoodStep
from tests.routine.helpers import load, only_error


def schedule_at(value: str) -> time:
    result = load(f"title: t\nschedule:\n  at: {value}\nsteps:\n  - type: mood\n")
    assert result.routine is not None, [str(p) for p in result.problems]
    assert result.routine.schedule is not None
    return result.routine.schedule.at


@pytest.mark.parametrize(("written", "meant"), [
    ("7:30", time(7, 30)),        # YAML 1.1 would read 450
    ("19:45", time(19, 45)),      # YAML 1.1 would read 1185
    ('"07:30"', time(7, 30)),
    ("'21:00'", time(21, 0)),
    ("7:30 pm", time(19, 30)),
    ("12:15am", time(0, 15)),
    ("12:00 PM", time(12, 0)),
])
def test_times_are_read_as_clock_times(written: str, meant: time) -> None:
    assert schedule_at(written) == meant


@pytest.mark.parametrize("written", ["0730", "730", "9.30", "13:00 pm", "7", "7:3", "noon"])
def test_ambiguous_times_are_refused(written: str) -> None:
    _, _, message = only_error(f"title: t\nschedule:\n  at: {written}\nsteps:\n  - type: mood\n")
    assert "time" in message


@pytest.mark.parametrize(("written", "meant"), [
    ("yes", True), ("no", False), ("on", True), ("off", False), ("True", True), ("FALSE", False),
])
def test_flags_accept_yes_no_on_off(written: str, meant: bool) -> None:
    result = load(f"title: t\nreminders: {written}\nsteps:\n  - type: mood\n")
    assert result.routine is not None
    assert result.routine.reminders is meant


@pytest.mark.parametrize("word", ["no", "yes", "off", "on", "7:30", "0730", "1e3", "true"])
def test_text_stays_text(word: str) -> None:
    """Where text is expected, `no` is the word no, not False."""
    result = load(f"title: {word}x\nsteps:\n  - type: mood\n    feelings: [{word}, ok]\n")
    assert result.routine is not None
    step = result.routine.steps[0]
    assert isinstance(step, MoodStep)
    assert step.feelings == (word, "ok")
    assert result.routine.title == f"{word}x"


@pytest.mark.parametrize(("written", "days"), [
    ("daily", (0, 1, 2, 3, 4, 5, 6)),
    ("weekdays", (0, 1, 2, 3, 4)),
    ("weekends", (5, 6)),
    ("[mon, wed, fri]", (0, 2, 4)),
    ("[Sunday, monday]", (0, 6)),
    ("mon, thu", (0, 3)),
    ("every day", (0, 1, 2, 3, 4, 5, 6)),
])
def test_days(written: str, days: tuple[int, ...]) -> None:
    result = load(f"title: t\nschedule:\n  at: '08:00'\n  days: {written}\nsteps:\n  - type: mood\n")
    assert result.routine is not None and result.routine.schedule is not None
    assert result.routine.schedule.days == days


def test_defaults_fill_in_ids_and_titles() -> None:
    result = load("title: t\nsteps:\n  - type: breathing\n  - type: breathing\n"
                  "    pattern: {inhale: 4, exhale: 6}\n    cycles: 10\n")
    assert result.routine is not None
    first, second = result.routine.steps
    assert isinstance(first, BreathingStep) and isinstance(second, BreathingStep)
    assert (first.id, second.id) == ("breathing", "breathing-2")
    assert first.title == "Paced breathing"
    assert first.pattern.name == "relaxed"
    assert first.length_seconds == 180
    assert second.pattern.describe() == "4-6"
    assert second.length_seconds == 100


def test_an_empty_value_means_the_default() -> None:
    result = load("title: t\nreminders:\nsteps:\n  - type: gratitude\n    count: ~\n")
    assert result.routine is not None
    assert result.routine.reminders is True
    assert result.routine.steps[0].count == 3  # type: ignore[attr-defined]


def test_id_comes_from_the_file_name() -> None:
    from pathlib import Path

    result = load("title: t\nsteps:\n  - type: mood\n", Path("Sunday-reset.yaml"))
    assert result.routine is not None
    assert result.routine.id == "sunday-reset"


def test_file_name_that_makes_no_id_asks_for_one() -> None:
    from pathlib import Path

    result = load("title: t\nsteps:\n  - type: mood\n", Path("my routine!.yaml"))
    assert result.routine is None
    assert "add a line such as 'id: my-routine'" in result.errors[0].message


def test_markup_and_unicode_in_text_are_kept_exactly() -> None:
    result = load('title: "[b]Calm[/] \U0001F33F [@click=app.quit]x"\nsteps:\n  - type: mood\n')
    assert result.routine is not None
    assert result.routine.title == "[b]Calm[/] \U0001F33F [@click=app.quit]x"
