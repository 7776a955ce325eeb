"""A routine's measured numbers on the history screen: which numbers each measure step
shows, and the two lines that say them within the screen's width."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.foundation.measures import AT_LEAST, AT_MOST
from coach.insight.measured import MeasuredSeries, measured_lines, measured_series
from coach.routine.model import Routine
from coach.routine.steps.journal import JournalStep
from coach.routine.steps.measure import MeasureStep

SINCE = date(2026, 12, 1)
TODAY = date(2026, 12, 7)
HOURS = MeasureStep(id="hours", title="Hours slept", unit="hours", at_least=7)
COFFEE = MeasureStep(id="coffee", title="Cups of coffee", at_most=3)
#: Loading refuses a measure step without a target; one built so is shown nowhere.
NO_TARGET = MeasureStep(id="loose", title="Loose")


def entry(value: float, step: MeasureStep) -> list[object]:
    return [value, step.unit, step.target, step.direction]


def test_each_measure_step_has_its_numbers_from_since_to_today_oldest_first() -> None:
    routine = Routine(id="sleep", title="Sleep",
                      steps=(JournalStep(id="journal"), HOURS, NO_TARGET, COFFEE))
    day = timedelta(days=1)
    measured = {  # not in order of day, as a mapping may hold them
        TODAY: {"hours": entry(7, HOURS), "coffee": entry(2, COFFEE)},
        SINCE - day: {"hours": entry(9, HOURS)},
        SINCE + 2 * day: {"hours": entry(7.5, HOURS), "coffee": entry(4, COFFEE),
                          "loose": [1, "", None, AT_LEAST]},
        SINCE: {"hours": entry(6.5, HOURS)},
        TODAY + day: {"hours": entry(8, HOURS), "coffee": entry(1, COFFEE)},
    }
    assert measured_series(routine, measured, SINCE, TODAY) == (
        MeasuredSeries("Hours slept", "hours", 7, AT_LEAST,
                       ((SINCE, 6.5), (SINCE + 2 * day, 7.5), (TODAY, 7))),
        MeasuredSeries("Cups of coffee", "", 3, AT_MOST,
                       ((SINCE + 2 * day, 4), (TODAY, 2))),
    )


def series_of(*values: float, direction: str = AT_LEAST) -> MeasuredSeries:
    days = [TODAY - timedelta(days=len(values) - 1 - n) for n in range(len(values))]
    return MeasuredSeries("Hours slept", "hours", 7, direction, tuple(zip(days, values)))


def test_a_step_without_numbers_says_so_under_its_target() -> None:
    assert measured_lines(series_of(), 80) == (
        "Hours slept · at least 7 hours", "  No numbers entered in these days yet.")


@pytest.mark.parametrize(("values", "direction", "lines"), [
    ((6.5,), AT_LEAST, ("Hours slept · at least 7 hours · reached on 0 of 1 day",
                        "  Dec 7: 6.5 (+ reached)")),
    ((7.5, 6, 7), AT_LEAST, ("Hours slept · at least 7 hours · reached on 2 of 3 days",
                             "  Dec 5: 7.5+, Dec 6: 6, Dec 7: 7+ (+ reached)")),
    ((7.5, 6), AT_MOST, ("Hours slept · at most 7 hours · reached on 1 of 2 days",
                         "  Dec 6: 7.5, Dec 7: 6+ (+ reached)")),
])
def test_the_target_reached_is_counted_and_marked_with_a_plus(
        values: tuple[float, ...], direction: str, lines: tuple[str, str]) -> None:
    assert measured_lines(series_of(*values, direction=direction), 80) == lines


def test_the_latest_numbers_fill_the_width_and_no_more() -> None:
    series = series_of(*(6 + n / 4 for n in range(30)))
    every_part = measured_lines(series, 10_000)[1].removeprefix("  ") \
        .removesuffix(" (+ reached)").split(", ")
    assert len(every_part) == 30 and every_part[-1] == "Dec 7: 13.25+"
    for width in range(30, 200):
        line = measured_lines(series, width)[1]
        assert len(line) <= width, (width, line)
        shown = line.removeprefix("  ").removesuffix(" (+ reached)").split(", ")
        assert shown == every_part[-len(shown):], width  # the newest, newest last
        if len(shown) < len(every_part):
            older = every_part[-len(shown) - 1]
            assert len(line) + len(", ") + len(older) > width, (width, line)
