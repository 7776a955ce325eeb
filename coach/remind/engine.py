"""One pass of reminders: what is due now, claimed in the store, delivered by the first
way that works.

Routines, settings and the zone are read afresh on every pass, so an edited routine,
a changed setting or a journey to another zone count from the next pass on. A reminder
is claimed in the store (under its lock) before it is sent, so two reminder processes,
or the app and a loop, never send the same one twice.

A mood check-in reminder is not sent when a mood was checked in (quickly, or in any
routine) during the hour before its time, or since.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from coach.foundation.frequency import LONGEST_EVERY, Frequency, period_met
from coach.remind.backends.base import Backend, Message
from coach.remind.schedule import (Plan, Reminder, Rules, due_now, mood_plans, next_time,
                                   plans_for)
from coach.remind.words import message_for
from coach.store import days

if TYPE_CHECKING:
    from coach.routine.model import Routine
    from coach.config.settings import Settings
    from coach.store import Store


#: A mood check-in this long before a mood reminder's time (or since) makes it needless.
MOOD_QUIET = timedelta(hours=1)


@dataclass(frozen=True)
class Outcome:
    """What became of one due reminder."""

    reminder: Reminder
    #: The way that delivered it; None when it was not sent (see `note`).
    via: str | None
    #: Why it was not sent, or the ways that failed before one worked: for the log.
    note: str = ""
    #: Not sent on purpose (done, open in the app, sent by another process).
    skipped: bool = False
    #: Not sent because no way works here now; not claimed, so tried again next pass.
    waiting: bool = False


@dataclass
class PassResult:
    outcomes: list[Outcome] = field(default_factory=list)
    #: When the next reminder falls due (UTC), for the loop's sleep.
    next_time: datetime | None = None
    #: Problems with routine files or settings, in words (the loop logs each once).
    problems: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Situation:
    """What a pass works from: the plans, the rules, the settings and the zone's name."""

    plans: list[Plan]
    rules: Rules
    settings: Settings
    zone_name: str
    problems: list[str]


def _load_routines() -> tuple[list[Routine], list[str]]:
    from coach.routine.catalog import load_catalog

    catalog = load_catalog()
    problems = [line for failure in catalog.failures
                for line in (failure.notice(), *map(str, failure.problems))]
    return catalog.ordered(), [*map(str, catalog.left_out), *problems]


def _load_settings() -> tuple[Settings, list[str]]:
    from coach.config.settings import load_settings

    settings, problems = load_settings()
    return settings, [str(problem) for problem in problems]


def _default_backends(settings: Settings,
                      show: Callable[[Message], None] | None) -> list[Backend]:
    from coach.remind.backends import make_backends

    return make_backends(settings.reminder_ways(), settings.reminder_command, show)


class ReminderEngine:
    """Works out and sends due reminders for one process (the loop, or the open app)."""

    def __init__(self, store: Store, *,
                 show: Callable[[Message], None] | None = None,
                 running_now: Callable[[], str | None] | None = None,
                 load_routines: Callable[[], tuple[list[Routine], list[str]]] = _load_routines,
                 load_settings: Callable[[], tuple[Settings, list[str]]] = _load_settings,
                 backends: Callable[[Settings, Callable[[Message], None] | None],
                                    list[Backend]] = _default_backends) -> None:
        self.store = store
        #: The app's in-app notice; None in a process with no screen of its own.
        self.show = show
        #: The routine the person is doing right now in the app: never reminded of.
        self.running_now = running_now
        self._load_routines = load_routines
        self._load_settings = load_settings
        self._backends = backends
        #: Set when the process is ending: a pass under way sends nothing more.
        self.stopping = False

    def stop(self) -> None:
        """The process is closing: send nothing more, and stop the helper sending now (the
        person's command, say), so that closing never waits on it."""
        from coach.remind.backends.helper import end_running_helpers

        self.stopping = True
        end_running_helpers()

    def now(self) -> datetime:
        return self.store.now()

    def situation(self) -> Situation:
        routines, routine_problems = self._load_routines()
        settings, setting_problems = self._load_settings()
        zone, zone_name = self.store.zone  # asked afresh: the person may have travelled
        rules = Rules(zone, settings.day_start_hour, settings.reminder_grace)
        return Situation([*plans_for(routines, settings), *mood_plans(settings)], rules,
                         settings, zone_name, [*routine_problems, *setting_problems])

    def run_pass(self) -> PassResult:
        """Send what is due now; say what happened and when to look again."""
        now = self.now()
        situation = self.situation()
        result = PassResult(next_time=next_time(situation.plans, situation.rules, now),
                            problems=situation.problems)
        today = days.routine_day(now, situation.rules.zone, situation.rules.day_start_hour)
        sent = self.store.reminders_sent(today - timedelta(days=2), today + timedelta(days=1))
        due = due_now(situation.plans, situation.rules, now, sent=sent)
        if not due:
            return result
        backends = self._backends(situation.settings, self.show)
        running = self.running_now() if self.running_now else None
        frequencies = {plan.routine_id: plan.days for plan in situation.plans
                       if isinstance(plan.days, Frequency)}
        for reminder in due:
            if self.stopping:
                break
            result.outcomes.append(self._settle(reminder, backends, running, today,
                                                frequencies.get(reminder.routine_id)))
        return result

    def _settle(self, reminder: Reminder, backends: list[Backend], running: str | None,
                today: date, frequency: Frequency | None = None) -> Outcome:
        if reminder.routine_id == running:
            return Outcome(reminder, None, "it is open in coach right now", skipped=True)
        if reminder.is_mood:
            if self.checked_in_lately(reminder):
                return Outcome(reminder, None, "a mood was checked in within the hour",
                               skipped=True)
        elif frequency is not None and self.period_met(reminder.routine_id, frequency,
                                                       max(reminder.day, today)):
            return Outcome(reminder, None, f"{frequency.describe()}: done often enough for "
                           "now", skipped=True)
        # A follow-up may come after the day started: done since then counts too.
        elif self.is_done(reminder.routine_id, reminder.day) or \
                (reminder.is_follow_up and self.is_done(reminder.routine_id, today)):
            return Outcome(reminder, None, "it is done for today", skipped=True)
        unavailable = [(b.name, b.available()) for b in backends]
        if not any(availability.ok for _, availability in unavailable):
            # Not claimed: the next pass tries again while the reminder is within its
            # grace period, and another process that can deliver it still may.
            return Outcome(reminder, None, "; ".join(
                f"{name}: not available: {availability.reason}"
                for name, availability in unavailable), waiting=True)
        if not self.store.claim_reminder(reminder.routine_id, reminder.day, reminder.which,
                                         at=reminder.at):
            return Outcome(reminder, None, "another coach process sent it", skipped=True)
        from coach.remind.backends import deliver

        via, failures = deliver(message_for(reminder), backends,
                                stopping=lambda: self.stopping)
        note = "; ".join(f"{name}: {why}" for name, why in failures)
        return Outcome(reminder, via, note)

    def period_met(self, routine_id: str, frequency: Frequency, day: date) -> bool:
        """Whether a routine kept a number of times per period needs no reminder on `day`:
        its week's or month's count reached, or (every N days) done in the N days ending
        on `day`."""
        since = day - timedelta(days=LONGEST_EVERY)
        return period_met(frequency, day, self.store.finished_days(routine_id, since))
    def checked_in_lately(self, reminder: Reminder) -> bool:
        """For a mood reminder: a mood checked in from an hour before its time until now."""
        return self.store.mood_checked_in(reminder.due - MOOD_QUIET, self.now())

    def is_done(self, routine_id: str, day: date) -> bool:
        """Finished on that routine day (a run in progress is not finished)."""
        return day in self.store.finished_days(routine_id, day)

    def upcoming(self, within: timedelta = timedelta(days=1)) -> tuple[Situation, list[Reminder]]:
        """The reminder times in the coming `within` (for `coach remind --next`)."""
        from coach.remind.schedule import upcoming

        now = self.now()
        situation = self.situation()
        return situation, upcoming(situation.plans, situation.rules, now, now + within)
