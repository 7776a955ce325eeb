"""A measured number entered afterwards: `coach done ROUTINE --value 7.5 [--date DAY]`.

It is kept as one done step record of the routine's first measure step, on the day it is
for, marked as entered afterwards (`"afterwards": true` in its data) rather than guided
through the routine. The day's strength counts it as the routine's measure step done
(see insight.strength); a later number for the same step and day takes its place.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING, Any

from coach.foundation.measures import number_text, with_unit
from coach.foundation.values import StepOutcome
from coach.routine.steps.measure import MeasureStep
from coach.store.marking import MARK_DAYS, first_markable, markable

if TYPE_CHECKING:
    from coach.routine.model import Routine
    from coach.store.store import Store

class CannotRecord(ValueError):
    """Why the number cannot be kept, in words for the person."""


def measure_step_of(routine: Routine) -> MeasureStep | None:
    """The routine's first measure step, if it has one."""
    return next((step for step in routine.steps if isinstance(step, MeasureStep)), None)


def check_day(day: date, today: date) -> None:
    """CannotRecord for a day after today, or before the days that can be marked (a
    number is entered for the same days a day can be marked done: store.marking)."""
    if day > today:
        raise CannotRecord(f"{day.isoformat()} has not come yet; a number is entered for "
                           "today or a day before.")
    if not markable(day, today):
        raise CannotRecord(f"{day.isoformat()} is too long ago; a number can be entered "
                           f"for the last {MARK_DAYS} days, from "
                           f"{first_markable(today).isoformat()}.")


def value_record(store: Store, routine: Routine, value: float,
                 day: date | None = None) -> dict[str, Any]:
    """The record of `value` for the routine's measure step on `day` (today when None),
    made now and stored later (`store.add`). CannotRecord says why not."""
    step = measure_step_of(routine)
    if step is None:
        raise CannotRecord(f"The routine {routine.id!r} has no measure step, so it has no "
                           "number to enter. A measure step is written in the routine file "
                           "as type: measure (see coach schema).")
    today = store.today()
    day = day or today
    check_day(day, today)
    if problem := step.problem_with(value):
        raise CannotRecord(problem)
    now = store.now()
    data = {**step.data(value), "afterwards": True}
    outcome = StepOutcome(step.id, "measure", "done", now, now, data)
    return store.step_record(routine.id, uuid.uuid4().hex, outcome, day=day)


def said_of(record: dict[str, Any], label: str) -> str:
    """What the shell says once the number is kept: "Hours slept on 2026-12-06: 7.5 hours
    (at least 7)"."""
    data = record["data"]
    return (f"{label} on {record['day']}: {with_unit(data['value'], data['unit'])} "
            f"({data['direction']} {number_text(data['target'])}).")
