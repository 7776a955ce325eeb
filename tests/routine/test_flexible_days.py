"""A schedule of a number of times per period: `days: {times: 3, per: week}` and
`days: {every: 2}`, read, described and refused with located messages."""

from __future__ import annotations

import pytest

from coach.foundation.frequency import Frequency, every
from tests.routine.helpers import load, only_error

ROUTINE = """\
title: Walk
schedule:
  at: "07:30"
  days: {days}
steps:
  - type: instruction
    text: Out of the door.
"""


@pytest.mark.parametrize(("written", "read", "described"), [
    ("{times: 3, per: week}", Frequency(3, "week"), "07:30, 3 times a week"),
    ("{times: 2, per: month}", Frequency(2, "month"), "07:30, twice a month"),
    ("{times: 1, per: Week}", Frequency(1, "week"), "07:30, once a week"),
    ("{every: 2}", every(2), "07:30, every 2 days"),
    ("[mon, wed]", (0, 2), "07:30 mon, wed"),
])
def test_a_number_of_times_is_read_and_described(written: str, read: object,
                                                  described: str) -> None:
    result = load(ROUTINE.format(days=written))
    assert result.routine is not None, [str(p) for p in result.errors]
    schedule = result.routine.schedule
    assert schedule is not None
    assert schedule.days == read
    assert schedule.describe() == described


@pytest.mark.parametrize(("written", "column", "message"), [
    ("{time: 3, per: week}", 10,
     "unknown key 'time' in the days; did you mean 'times'?"),
    ("{times: 3, per: fortnight}", 25,
     "'fortnight' is not a period; times are counted per week or per month; for once a "
     "fortnight write {every: 14}; for twice a fortnight, {times: 1, per: week}"),
    ("{times: 3, per: wek}", 25,
     "'wek' is not a period; times are counted per week or per month; did you mean 'week'?"),
    ("{times: 9, per: week}", 17, "'times' must be between 1 and 6 a week, found 9"),
    ("{times: 7, per: week}", 17, "7 times a week is every day; write days: daily"),
    ("{times: 0, per: month}", 17, "'times' must be between 1 and 29 a month, found 0"),
    ("{times: 2.5, per: week}", 17, "expected a whole number for 'times', found '2.5'"),
    ("{times: 3}", 10, "say what the times are counted over: add per: week or per: month"),
    ("{every: 1}", 17, "every 1 day is every day; write days: daily"),
    ("{every: 90}", 17, "'every' must be between 2 and 30 days, found 90"),
    ("{every: 2, times: 3}", 20,
     "give either every (every: 2) or times with per (times: 3, per: week), not both"),
    ("{}", 9, "the days need times and per, such as {times: 3, per: week}, or every, such "
              "as {every: 2}"),
])
def test_a_wrong_number_of_times_gets_a_located_message(written: str, column: int,
                                                         message: str) -> None:
    assert only_error(ROUTINE.format(days=written)) == (4, column, message)
