"""What `coach remind --next`, `--test` and `coach doctor` say about the ways a reminder
can reach the person here: which work, why the others do not, and the fix for each."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from coach.cli.output import echo

if TYPE_CHECKING:
    from coach.remind.backends.base import Availability, Backend
    from coach.remind.engine import ReminderEngine
    from coach.remind.schedule import Reminder
    from coach.config.settings import Settings

#: `--next` lists every reminder of the coming day, and the next one of each routine that
#: has none in that day, up to a week ahead (a routine on one day a week).
COMING_DAY = timedelta(days=1)
COMING_WEEK = timedelta(days=7)


def _backends(settings: Settings) -> list[Backend]:
    from coach.remind.backends import make_backends

    return make_backends(settings.reminder_ways(), settings.reminder_command, None)


def _availability(backend: Backend, app_open: bool) -> Availability:
    """The terminal way works from another process only while the app is open: the
    app then sends the reminders itself."""
    from coach.remind.backends.base import Availability

    if backend.name == "terminal" and app_open:
        return Availability(True)
    return backend.available()


def app_open_or_problem() -> tuple[bool, str | None]:
    """Whether the app is open, and what is wrong with its presence lock file, if anything
    (a named pipe in its place, say: no app can hold it then, so the app counts as closed)."""
    from coach.foundation.files import NotCoachFile
    from coach.foundation.paths import data_dir
    from coach.remind.presence import app_is_open

    try:
        return app_is_open(data_dir()), None
    except NotCoachFile as err:
        return False, str(err)


def _app_open() -> bool:
    app_open, problem = app_open_or_problem()
    if problem:
        echo(f"coach: {problem}", err=True)
    return app_open


def ways_report(settings: Settings, app_open: bool | None = None,
                ) -> tuple[str | None, list[tuple[str, Availability]]]:
    """The first way that works here (None if none does), and every way's availability."""
    if app_open is None:
        app_open = _app_open()
    checked = [(backend.name, _availability(backend, app_open))
               for backend in _backends(settings)]
    working = next((name for name, availability in checked if availability.ok), None)
    return working, checked


def print_ways(settings: Settings, indent: str = "  ", app_open: bool | None = None) -> bool:
    """Each way in order with ✓ or the reason and fix; True if at least one works."""
    working, checked = ways_report(settings, app_open)
    for name, availability in checked:
        if availability.ok:
            echo(f"{indent}✓ {name}{' (used first)' if name == working else ''}")
        else:
            echo(f"{indent}· {name}: {availability.reason}")
            if availability.fix:
                echo(f"{indent}    {availability.fix}")
    return working is not None


def show_coming(engine: ReminderEngine) -> None:
    from coach.remind.schedule import AGAIN

    situation, week = engine.upcoming(COMING_WEEK)
    coming = _coming(week, engine.now() + COMING_DAY)
    for problem in situation.problems:
        echo(f"coach: {problem}", err=True)
    if not situation.plans:
        echo("No routine reminds you yet. A routine reminds when it has a schedule (and "
             "reminders are on, as they are unless `reminders: false`): coach edit ROUTINE. "
             "For mood check-ins, set mood_reminders: coach edit settings.")
        return
    working, _ = ways_report(situation.settings)
    zone = situation.rules.zone
    echo(f"Coming reminders ({situation.zone_name} time):")
    for reminder in coming:
        local = reminder.due.astimezone(zone)
        name = f"{reminder.title}{' (again)' if AGAIN in reminder.which else ''}"
        if reminder.is_mood:
            state = "checked in lately, so none" if engine.checked_in_lately(reminder) else ""
        elif engine.is_done(reminder.routine_id, reminder.day):
            state = "done, so none"
        elif AGAIN in reminder.which:
            state = "if still not done"
        else:
            state = ""
        echo(f"  {local:%a %d %b %H:%M}  {name:<40}  {state}".rstrip())
    if working:
        echo(f"They would reach you by {working}.")
    else:
        echo("While coach is closed, no way reaches you here yet (coach shows them while it "
             "is open); `coach doctor` says why and how to fix it.")


def _coming(week: list[Reminder], horizon: datetime) -> list[Reminder]:
    """Every reminder up to `horizon`, then the first of each routine not among them."""
    shown = [reminder for reminder in week if reminder.due <= horizon]
    listed = {reminder.routine_id for reminder in shown}
    for reminder in week:
        if reminder.routine_id not in listed:
            shown.append(reminder)
            listed.add(reminder.routine_id)
    return shown


def send_samples() -> None:
    """A sample through every way, in order, each saying what happened; exit 1 when no way
    sent it."""
    from coach.remind.words import sample_message
    from coach.config.settings import load_settings

    settings, _ = load_settings()
    message = sample_message()
    app_open = _app_open()
    delivered = 0
    echo("A sample reminder, each way in your order:")
    for backend in _backends(settings):
        if backend.name == "terminal":
            echo("  · terminal: shows reminders inside coach while it is open"
                 f"{' (it is open now)' if app_open else ''}; nothing to test from here")
            continue
        availability = backend.available()
        if not availability.ok:
            echo(f"  · {backend.name}: not available here: {availability.reason}")
            if availability.fix:
                echo(f"      {availability.fix}")
            continue
        delivery = backend.send(message)
        if delivery.ok:
            delivered += 1
            echo(f"  ✓ {backend.name}: sent{': ' + delivery.detail if delivery.detail else ''}")
        else:
            echo(f"  · {backend.name}: could not send: {delivery.detail}")
    if not delivered:  # each way above says why; a script checking the status must see it too
        echo("Nothing could be sent from here. Set reminders_via and reminder_command in "
             "settings.yaml, or see `coach doctor`.", err=True)
        sys.exit(1)
    echo(f"Sent by {delivered} way{'s' if delivered != 1 else ''}. Did it arrive?")
