"""The measure step in a routine file: its target one way or the other, read with located
messages; and a number as a person types it."""

from __future__ import annotations

import pytest

from coach.foundation.measures import number_text, with_unit
from coach.routine.steps.measure import MeasureStep, read_number
from tests.routine.helpers import load, only_error

HEAD = "title: Sleep\nsteps:\n  - type: measure\n"


def test_hours_slept_at_least_7_and_coffee_at_most_3_load() -> None:
    result = load(HEAD + "    label: Hours slept\n    unit: hours\n    at_least: 7\n"
                  "    step: 0.5\n  - type: measure\n    id: coffee\n"
                  "    label: Cups of coffee\n    at_most: 3\n")
    assert result.routine is not None, [str(p) for p in result.errors]
    sleep, coffee = result.routine.steps
    assert isinstance(sleep, MeasureStep) and isinstance(coffee, MeasureStep)
    assert (sleep.title, sleep.target, sleep.direction, sleep.step) == \
        ("Hours slept", 7, "at least", 0.5)
    assert (coffee.target, coffee.direction, coffee.target_text()) == (3, "at most",
                                                                       "at most 3")
    assert sleep.data(7.5) == {"value": 7.5, "unit": "hours", "target": 7,
                               "direction": "at least"}


@pytest.mark.parametrize(("body", "where", "says"), [
    ("    label: Hours slept\n    atleast: 7\n", (5, 5),
     "unknown key 'atleast' in a measure step; did you mean 'at_least'?"),
    ("    label: X\n    at_least: 7\n    at_most: 3\n", (6, 14),
     "give at_least or at_most, not both"),
    ("    label: X\n", (4, 12), "give a target: at_least"),
    ("    label: X\n    at_least: 30\n    max: 24\n", (5, 15),
     "the target 30 is outside the numbers that can be entered (0 to 24)"),
    ("    at_most: 3\n", (3, 5), "a measure step needs 'label'"),
    ("    label: X\n    at_most: 3\n    min: 5\n    max: 2\n", (7, 10),
     "max must be more than min (5)"),
    ("    label: X\n    at_most: lots\n", (5, 14), "expected a number for 'at_most'"),
])
def test_a_target_written_wrong_is_said_where_it_is(body: str, where: tuple[int, int],
                                                    says: str) -> None:
    line, column, message = only_error(HEAD + body)
    assert (line, column) == where, message
    assert message.startswith(says), message


@pytest.mark.parametrize(("typed", "number"), [
    ("7.5", 7.5), ("7,5", 7.5), (" 8 ", 8), ("-2", -2), (".5", 0.5), ("3,", 3),
    ("\u22121", -1)])
def test_a_number_is_read_with_a_point_or_a_comma(typed: str, number: float) -> None:
    assert read_number(typed) == number


@pytest.mark.parametrize("typed", ["", "abc", "7.5.1", "1,000.5", "nan", "inf", "1e3",
                                   "9" * 40, "7 hours"])
def test_text_that_is_not_a_number_is_a_kind_message_not_a_crash(typed: str) -> None:
    with pytest.raises(ValueError) as raised:
        read_number(typed)
    assert "number" in str(raised.value)


@pytest.mark.parametrize(("value", "written"), [
    (7.0, "7"), (0.1 + 0.2, "0.3"), (float("inf"), "inf"), (float("nan"), "nan"),
    (1234567.5, "1.234568e+06"), (1000000.5, "1.000000e+06"),
])
def test_a_number_is_written_without_a_floats_noise(value: float, written: str) -> None:
    # From a million on, six digits after the point keep 1000000.5 from showing as 1e+06.
    assert number_text(value) == written


@pytest.mark.parametrize(("unit", "written"), [("hours", "7.5 hours"), ("", "7.5"),
                                               (" ", "7.5")])
def test_a_number_is_written_with_its_unit_if_it_has_one(unit: str, written: str) -> None:
    assert with_unit(7.5, unit) == written
