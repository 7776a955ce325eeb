"""A routine: a titled, optionally scheduled, ordered list of steps."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time, timedelta
from pathlib import Path

from coach.foundation.frequency import Frequency, InForce
from coach.routine.kinds import (DAY_GROUPS, DAY_NAMES, Duration, Flag, Identifier, Text,
                                 TimeOfDay, Weekdays)
from coach.routine.record import Record, option
from coach.routine.step_list import StepList
from coach.routine.steps import Step

#: Words `coach edit` takes for other files (what each opens), so never a routine's id nor
#: the name of a routine file: such a routine could never be edited.
RESERVED_IDS = {"support": "your support plan", "settings": "your settings"}


def editable_by_name(path: Path) -> bool:
    """Whether `coach edit <the file's name>` opens this routine file."""
    return path.stem.lower() not in RESERVED_IDS


@dataclass(frozen=True, kw_only=True)
class Schedule:
    at: time = option(TimeOfDay(), 'When the routine is due, e.g. "07:30" or "9:15 pm".',
                      required=True, default=time(0, 0))
    days: tuple[int, ...] | Frequency = option(
        Weekdays(), "daily (the default), weekdays, weekends, a list of days such as "
        "[mon, wed, fri], or a number of times on any days: {times: 3, per: week}, "
        "{times: 2, per: month} or {every: 2} (every 2 days).", default=DAY_GROUPS["daily"])

    @property
    def flexible(self) -> Frequency | None:
        """The number of times the routine is due per period, if it is not due on fixed
        days."""
        return self.days if isinstance(self.days, Frequency) else None

    def due_on_weekday(self, weekday: int) -> bool:
        """Whether it is due on that weekday: a fixed day of it, or any day if flexible."""
        return isinstance(self.days, Frequency) or weekday in self.days

    def describe(self) -> str:
        """'07:30 daily', '21:00 weekdays', '09:00 mon, wed', '07:30, 3 times a week',
        'every 2 days'."""
        if isinstance(self.days, Frequency):
            return f"{self.at:%H:%M}, {self.days.describe()}"
        for name, days in DAY_GROUPS.items():
            if self.days == days:
                return f"{self.at:%H:%M} {name}"
        return f"{self.at:%H:%M} " + ", ".join(DAY_NAMES[d] for d in self.days)


def in_force(schedule: Schedule | None) -> InForce:
    """A routine's schedule as figures carry it; None for a routine started any time."""
    if schedule is None:
        return None
    return schedule.days if isinstance(schedule.days, Frequency) else frozenset(schedule.days)


@dataclass(frozen=True, kw_only=True)
class Routine:
    id: str = option(Identifier(), "A short id used on the command line (coach edit ID). "
                     "Defaults to the file name.", default="")
    title: str = option(Text(60), "The routine's name, as shown on the home screen.",
                        required=True, default="")
    description: str | None = option(Text(500, multiline=True), "A sentence or two on what "
                                     "the routine is for.", default=None)
    schedule: Schedule | None = option(Record(Schedule, "the schedule"), "When the routine is "
                                       "due; leave it out for a routine you start yourself.",
                                       default=None)
    reminders: bool = option(Flag(), "Send a reminder when the routine is due.", default=True)
    remind_again_after: timedelta | None = option(
        Duration(timedelta(minutes=5), timedelta(hours=12), can_be_off=True),
        'Remind once more this long after the routine\'s time if it is still not done, e.g. '
        '"30m", or off; without it, the remind_again_after setting applies.', default=None)
    steps: tuple[Step, ...] = option(StepList(), "The steps, in order.", required=True,
                                     default=())
    #: The file the routine was read from, and whether it ships with coach.
    source: Path | None = field(default=None, compare=False)
    shipped: bool = field(default=False, compare=False)

    def estimated_seconds(self) -> float:
        """Roughly how long the routine takes: timed steps exactly, the others as long as a
        person typically takes over that kind of step (a journal longer than a check-in)."""
        return sum(getattr(step, "length_seconds", None) or getattr(step, "seconds", None)
                   or step.typical_seconds for step in self.steps)


ROUTINE_RECORD = Record(Routine, "a routine")
