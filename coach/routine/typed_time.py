"""A time of day as a person types it into a field: "10:30", "10.30", "1030", "10:30 p.m.",
"10pm", "22h30", "noon", "half past nine".

This is the one reader of typed times (the activity plan's time field). A routine file's
`at` is read more strictly by coach.routine.kinds, as the README documents; both end in
the same check of the hour and the minute (`parse_time_text`).

A bare hour from 1 to 11 ("7", "seven o'clock", "half past nine") could be morning or
evening, so it is not guessed: `HourOfEitherHalf` asks which. "half nine" is refused
rather than read: in British English it is 9:30, but in German, Dutch and the Nordic
languages "half nine" is 8:30, and a plan at the wrong hour is worse than a question.
"""

from __future__ import annotations

import re
from datetime import time

from coach.routine.kinds import parse_time_text

#: Longer than any way of writing a time: past it a counter shows; nothing is cut.
TYPED_TIME_LENGTH = 24

_HOUR_WORDS = {word: number for number, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve".split())}
_NAMED = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}
_MERIDIEM = r"(?:\s*(?P<half>[ap])\.?\s?m\.?)?"
_HOUR = r"(?P<hour>\d{1,2}|" + "|".join(_HOUR_WORDS) + ")"
#: 10:30, 10.30, 22h30, 1030, 930, 22h, 10, each with am or pm if wanted
_DIGITS = re.compile(r"(?P<hour>\d{1,2})(?:[:.h](?P<minute>\d{2})|(?P<joined>\d{2})|(?P<h>h))?"
                     + _MERIDIEM)
#: nine, nine o'clock, half past nine, quarter to ten, each with am or pm if wanted
_WORDS = re.compile(r"(?:(?P<part>half|quarter)\s+(?P<way>past|to)\s+)?" + _HOUR
                    + r"(?:\s*o'?\s?clock)?" + _MERIDIEM)
_HALF_HOUR = re.compile(r"half\s+" + _HOUR + _MERIDIEM)


class HourOfEitherHalf(ValueError):
    """A time from 1:00 to 11:59 with nothing to say whether it is in the morning or the
    evening ("7", "half past nine"): asked about, not guessed."""

    def __init__(self, hour: int, minute: int = 0) -> None:
        super().__init__(f"is {hour}:{minute:02d} in the morning or the evening?")
        self.hour = hour
        self.minute = minute

    @property
    def either(self) -> tuple[str, str]:
        """The two ways to write it plainly: ("07:00", "7pm"), ("09:30", "9:30pm")."""
        evening = f"{self.hour}" + (f":{self.minute:02d}" if self.minute else "") + "pm"
        return f"{self.hour:02d}:{self.minute:02d}", evening


class HalfAnHour(ValueError):
    """"half nine": 9:30 to some people and 8:30 to others, so it is not read."""

    def __init__(self, hour: int) -> None:
        super().__init__(f"half {hour} is {hour}:30 to some and {hour - 1 or 12}:30 to others")
        self.hour = hour


def _hour(text: str) -> int:
    return _HOUR_WORDS[text] if text in _HOUR_WORDS else int(text)


def parse_typed_time(text: str) -> time:
    """The time `text` stands for. ValueError when it stands for none; HourOfEitherHalf
    when it could be morning or evening; HalfAnHour for "half nine"."""
    cleaned = " ".join(text.strip().lower().split())
    if cleaned in _NAMED:
        return _NAMED[cleaned]
    if match := _DIGITS.fullmatch(cleaned):
        minute = match["minute"] or match["joined"]
        # With minutes, or written 22h, a time is on the 24-hour clock: 7:30 is morning.
        on_the_24_hour_clock = minute is not None or match["h"] is not None
        return _checked(int(match["hour"]), int(minute or 0), match["half"],
                        on_the_24_hour_clock)
    if (match := _HALF_HOUR.fullmatch(cleaned)) and 1 <= _hour(match["hour"]) <= 12:
        raise HalfAnHour(_hour(match["hour"]))
    if match := _WORDS.fullmatch(cleaned):
        hour, minute = _hour(match["hour"]), 0
        if match["part"]:
            minute = 30 if match["part"] == "half" else 15
            if match["way"] == "to":
                if hour == 0:
                    raise ValueError(f"{cleaned} is not a time")
                hour, minute = hour - 1 or 12, 60 - minute  # quarter to one: 12:45
        return _checked(hour, minute, match["half"], on_the_24_hour_clock=False)
    raise ValueError(f"{cleaned} is not a time")


def _checked(hour: int, minute: int, half: str | None, on_the_24_hour_clock: bool) -> time:
    """`hour`:`minute`, in the morning or the afternoon when `half` is "a" or "p"; an hour
    from 1 to 11 not `on_the_24_hour_clock` asks which half of the day it is in."""
    if half is None and not on_the_24_hour_clock and 1 <= hour <= 11:
        raise HourOfEitherHalf(hour, minute)
    return parse_time_text(f"{hour}:{minute:02d}" + (f" {half}m" if half else ""))
