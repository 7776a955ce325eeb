"""When reminders are due: pure computation on a given instant, zone and record of what
was done and sent, so every rule is tested with a fake clock.

A routine's time is local wall-clock time in the zone in force now: 07:30 stays 07:30 on
the days the clocks change and after the person travels. A time the clocks skip (02:30
when they go forward) comes as many minutes after the change (03:30); a time that
happens twice (when they go back) comes once, the first time.

`days` name routine days, as the home screen does: with the day starting at 04:00, a
routine at 00:30 on [fri] comes in the night from Friday to Saturday. A routine kept a
number of times per period ({times: 3, per: week}, {every: 2}) has a time every day;
whether its period's count is reached is for the caller to check, as whether it is done.

Each reminder may be sent from its time until `grace` later. After a gap (sleep,
suspend, a stopped loop) a routine gets at most one reminder: if its follow-up time has
passed too, a single reminder stands in for both, and a routine whose times are more
than `grace` ago gets none.

Mood check-in reminders (`mood_reminders` in settings) are plans of the reserved id
`_mood`, one for each time, every day, with no follow-up. Each time is claimed on its
own ("_mood@12:30"); after a gap only the latest time that has come is reminded of.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import TYPE_CHECKING

from coach.foundation.frequency import Frequency
from coach.store.days import DEFAULT_DAY_START_HOUR, routine_day
from coach.store.records import MOOD_ROUTINE, reminder_slot

if TYPE_CHECKING:
    from coach.routine.model import Routine
    from coach.config.settings import Settings

FIRST = "first"
AGAIN = "again"

#: How far around "now" occurrences are looked for, in routine days: a week ahead (the next
#: due time of a routine scheduled once a week), and two days back, with one more for a time
#: before the day start (which falls on the next calendar day). A follow-up comes up to 12
#: hours after its time and may be sent up to a day after that: for a time just before a
#: noon day start, with the clocks going forward in between, that is just after midnight
#: two calendar days after the routine's time.
_DAYS_BACK = 2
_DAYS_AHEAD = 8


@dataclass(frozen=True)
class Plan:
    """What one routine asks of reminders."""

    routine_id: str
    title: str
    minutes: int
    at: time
    days: tuple[int, ...] | Frequency
    #: Zero for no follow-up.
    again_after: timedelta = timedelta(0)
    #: One of several times a day of its id (mood check-ins), claimed with its time.
    timed: bool = False

    @property
    def slot(self) -> str:
        """What its reminders are claimed as (see records.reminder_slot)."""
        return reminder_slot(self.routine_id, f"{self.at:%H:%M}" if self.timed else None)


@dataclass(frozen=True)
class Rules:
    """The person's zone (looked up afresh for every pass) and reminder settings."""

    zone: tzinfo
    day_start_hour: int = DEFAULT_DAY_START_HOUR
    grace: timedelta = timedelta(hours=2)


@dataclass(frozen=True)
class Occurrence:
    """One scheduled time of a routine, and its follow-up time if it has one (UTC)."""

    plan: Plan
    day: date
    first: datetime
    again: datetime | None


@dataclass(frozen=True)
class Reminder:
    """A reminder to send now (or, for `upcoming`, later)."""

    routine_id: str
    title: str
    minutes: int
    #: The routine day it is for (the day-start hour applied).
    day: date
    #: What it is recorded as: (FIRST,), (AGAIN,), or both for a catch-up that stands in
    #: for a first reminder and its follow-up.
    which: tuple[str, ...]
    #: When it was due (UTC).
    due: datetime
    #: The time it is claimed with ("12:30"), for one of several times a day.
    at: str | None = None

    @property
    def is_follow_up(self) -> bool:
        return self.which == (AGAIN,)

    @property
    def is_mood(self) -> bool:
        return self.routine_id == MOOD_ROUTINE


#: How mood check-in reminders are named in the log and in `coach remind --next`.
MOOD_TITLE = "Mood check-in"


#: The (routine, routine day, which) reminders already recorded.
SentSet = set[tuple[str, date, str]]


def plans_for(routines: Iterable[Routine], settings: Settings) -> list[Plan]:
    """The routines that want reminders: scheduled, with `reminders` on."""
    plans = []
    for routine in routines:
        if routine.schedule is None or not routine.reminders:
            continue
        again = routine.remind_again_after
        if again is None:
            again = settings.remind_again_after
        plans.append(Plan(routine.id, routine.title,
                          max(1, round(routine.estimated_seconds() / 60)),
                          routine.schedule.at, routine.schedule.days, again))
    return plans


def mood_plans(settings: Settings) -> list[Plan]:
    """A plan for each of the person's mood check-in times, every day."""
    return [Plan(MOOD_ROUTINE, MOOD_TITLE, 1, at, tuple(range(7)), timed=True)
            for at in settings.mood_reminders]


def wall_clock_utc(day: date, at: time, zone: tzinfo) -> datetime:
    """The UTC instant of a local wall-clock time. With fold=0 (the default), a time the
    clocks skip is read with the offset from before the change, which lands it as many
    minutes after the change (02:30 becomes 03:30), and a repeated time is its first."""
    return datetime.combine(day, at, tzinfo=zone).astimezone(timezone.utc)


def occurrences(plan: Plan, rules: Rules, around: datetime) -> Iterator[Occurrence]:
    """The routine's times from a few days before `around` to a week after, in order."""
    today = around.astimezone(rules.zone).date()
    # A time before the day starts falls on the calendar day after its routine day.
    next_morning = timedelta(days=1 if plan.at.hour < rules.day_start_hour else 0)
    for offset in range(-_DAYS_BACK - 1, _DAYS_AHEAD + 1):
        try:
            day = today + timedelta(days=offset)
            first = wall_clock_utc(day + next_morning, plan.at, rules.zone)
        except OverflowError:
            continue
        if not isinstance(plan.days, Frequency) and day.weekday() not in plan.days:
            continue
        again = first + plan.again_after if plan.again_after > timedelta(0) else None
        yield Occurrence(plan, routine_day(first, rules.zone, rules.day_start_hour), first, again)


def _live(time_due: datetime | None, now: datetime, grace: timedelta) -> bool:
    return time_due is not None and time_due <= now <= time_due + grace


def _due_at(occurrence: Occurrence, now: datetime, rules: Rules, sent: SentSet) -> Reminder | None:
    plan, day = occurrence.plan, occurrence.day
    first_sent = (plan.slot, day, FIRST) in sent
    again_sent = (plan.slot, day, AGAIN) in sent
    if _live(occurrence.again, now, rules.grace) and not again_sent:
        which = (AGAIN,) if first_sent else (FIRST, AGAIN)
        due = occurrence.again
    elif _live(occurrence.first, now, rules.grace) and not first_sent and \
            (occurrence.again is None or now < occurrence.again):
        which, due = (FIRST,), occurrence.first
    else:
        return None
    assert due is not None
    return _reminder(occurrence, which, due)


def _reminder(occurrence: Occurrence, which: tuple[str, ...], due: datetime) -> Reminder:
    plan = occurrence.plan
    return Reminder(plan.routine_id, plan.title, plan.minutes, occurrence.day, which, due,
                    f"{plan.at:%H:%M}" if plan.timed else None)


def due_now(plans: Iterable[Plan], rules: Rules, now: datetime, *, sent: SentSet) -> list[Reminder]:
    """The reminders to send at `now`, at most one per routine (or per mood check-ins),
    none already sent. Whether the routine was done that day, or a mood checked in, is for
    the caller to check (see coach.remind.engine)."""
    # Only the latest time that has come counts: once a new day's time has passed, an
    # older day's follow-up is not sent (however long the grace period); once a later mood
    # time has come, an earlier one is not sent either.
    latest: dict[str, Occurrence] = {}
    for plan in plans:
        for occurrence in occurrences(plan, rules, now):
            if occurrence.first > now:
                break
            seen = latest.get(plan.routine_id)
            if seen is None or occurrence.first > seen.first:
                latest[plan.routine_id] = occurrence
    return [reminder for occurrence in latest.values()
            if (reminder := _due_at(occurrence, now, rules, sent)) is not None]


def next_time(plans: Iterable[Plan], rules: Rules, now: datetime) -> datetime | None:
    """The next moment after `now` at which some reminder falls due (UTC), if any."""
    soonest: datetime | None = None
    for plan in plans:
        for occurrence in occurrences(plan, rules, now):
            for moment in (occurrence.first, occurrence.again):
                if moment is not None and moment > now and (soonest is None or moment < soonest):
                    soonest = moment
    return soonest


def upcoming(plans: Iterable[Plan], rules: Rules, now: datetime,
             until: datetime) -> list[Reminder]:
    """Every reminder time after `now` up to `until`, in order (for `coach remind --next`)."""
    coming = []
    for plan in plans:
        for occurrence in occurrences(plan, rules, now):
            for which, moment in ((FIRST, occurrence.first), (AGAIN, occurrence.again)):
                if moment is not None and now < moment <= until:
                    coming.append(_reminder(occurrence, (which,), moment))
    return sorted(coming, key=lambda r: (r.due, r.title.lower()))
