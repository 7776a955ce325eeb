"""Times as people type them into a field (coach.routine.typed_time): read as meant, asked
about when they could be morning or evening, and never guessed."""

from __future__ import annotations

from datetime import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.routine.typed_time import (TYPED_TIME_LENGTH, HalfAnHour, HourOfEitherHalf,
                                      parse_typed_time)


@pytest.mark.parametrize(("typed", "read"), [
    ("10:30", "10:30"), ("10.30", "10:30"), ("1030", "10:30"), ("930", "09:30"),
    ("10:30 p.m.", "22:30"), ("10:30 P.M.", "22:30"), ("10:30pm", "22:30"),
    ("10:30 a.m.", "10:30"), ("10pm", "22:00"), ("10 PM", "22:00"), ("10 p.m.", "22:00"),
    ("22h30", "22:30"), ("22h", "22:00"), ("9h", "09:00"), ("noon", "12:00"),
    ("Midday", "12:00"), ("midnight", "00:00"), ("12am", "00:00"), ("12pm", "12:00"),
    ("12:15 am", "00:15"), ("0", "00:00"), ("18", "18:00"), ("  6.30pm ", "18:30"),
    ("half past nine pm", "21:30"), ("quarter past 7 am", "07:15"),
    ("quarter to one", "12:45"), ("quarter to one am", "00:45"), ("quarter to 14", "13:45"),
    ("nine o'clock pm", "21:00"), ("seven oclock am", "07:00"), ("half past 18", "18:30"),
])
def test_times_as_people_type_them(typed: str, read: str) -> None:
    assert parse_typed_time(typed).strftime("%H:%M") == read


@pytest.mark.parametrize(("typed", "hour", "minute", "either"), [
    ("7", 7, 0, ("07:00", "7pm")), ("11", 11, 0, ("11:00", "11pm")), ("1", 1, 0, ("01:00", "1pm")),
    ("nine", 9, 0, ("09:00", "9pm")), ("seven o'clock", 7, 0, ("07:00", "7pm")),
    ("half past nine", 9, 30, ("09:30", "9:30pm")),
    ("quarter to twelve", 11, 45, ("11:45", "11:45pm")),
])
def test_a_time_that_could_be_morning_or_evening_is_asked_about(
        typed: str, hour: int, minute: int, either: tuple[str, str]) -> None:
    with pytest.raises(HourOfEitherHalf) as raised:
        parse_typed_time(typed)
    assert (raised.value.hour, raised.value.minute, raised.value.either) == (hour, minute, either)


@pytest.mark.parametrize(("typed", "hour", "why"), [
    ("half nine", 9, "half 9 is 9:30 to some and 8:30 to others"),
    ("half 9", 9, "half 9 is 9:30 to some and 8:30 to others"),
    ("Half nine pm", 9, "half 9 is 9:30 to some and 8:30 to others"),
    ("half one", 1, "half 1 is 1:30 to some and 12:30 to others"),
])
def test_half_an_hour_that_people_read_two_ways_is_not_guessed(typed: str, hour: int,
                                                               why: str) -> None:
    with pytest.raises(HalfAnHour) as raised:
        parse_typed_time(typed)
    assert raised.value.hour == hour and str(raised.value) == why


@pytest.mark.parametrize("typed", ["", "soon", "24", "25:00", "10:60", "13pm", "0 am",
                                   "12345", "10:3", "quarter to zero", "half past", "half 99",
                                   "after lunch, when the rain stops"])
def test_what_is_not_a_time_is_said_to_be_none(typed: str) -> None:
    with pytest.raises(ValueError):
        parse_typed_time(typed)


@given(st.times())
def test_every_time_of_day_reads_back_as_written_each_way(when: time) -> None:
    hour12 = when.hour % 12 or 12
    half = "am" if when.hour < 12 else "pm"
    written = [f"{when:%H:%M}", f"{when:%H.%M}", f"{when:%H%M}", f"{when.hour}h{when:%M}",
               f"{hour12}:{when:%M} {half}", f"{hour12}:{when:%M} {half[0]}.m.",
               f"{hour12}:{when:%M}{half.upper()}"]
    for text in written:
        assert len(text) <= TYPED_TIME_LENGTH
        assert parse_typed_time(text) == when.replace(second=0, microsecond=0), text


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_with_a_reason(text: str) -> None:
    try:
        read = parse_typed_time(text)
    except ValueError:
        return
    assert isinstance(read, time)
