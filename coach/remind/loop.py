"""The reminder loop behind `coach remind`: sleep until the next reminder falls due, send
it, and say in the log what was sent and why anything was not.

It naps at most a minute at a time, for two reasons: edits to routines and settings then
count within a minute, and on Linux a sleep does not advance while the computer is
suspended, so one long sleep could wake hours late. At each waking it reads the wall
clock afresh; if the clock moved (suspend, a time change), it says so, and the schedule's
grace period keeps missed reminders from arriving as a burst.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime

from coach.remind.engine import Outcome, PassResult, ReminderEngine

#: The longest nap, in seconds.
MAX_NAP = 60.0
#: A difference between wall-clock and monotonic time that counts as the clock moving.
CLOCK_JUMP = 120.0


class SaidOnce:
    """Says a line the first time its key is seen, so a failing way to remind or a broken
    routine file is logged once, not every minute."""

    def __init__(self, say: Callable[[str], None]) -> None:
        self.say = say
        self.seen: set[object] = set()

    def __call__(self, key: object, line: str) -> None:
        if key not in self.seen:
            self.seen.add(key)
            self.say(line)

    def forget(self, key: object) -> None:
        self.seen.discard(key)

    def forget_kind(self, kind: str) -> bool:
        """Forget every key of a kind (a tuple starting with it); whether there was one."""
        keys = {key for key in self.seen if isinstance(key, tuple) and key[:1] == (kind,)}
        self.seen -= keys
        return bool(keys)


def describe(outcome: Outcome) -> str:
    """One log line for what became of a due reminder."""
    reminder = outcome.reminder
    name = f"{reminder.title}{' (follow-up)' if reminder.is_follow_up else ''}"
    if outcome.via is not None:
        tried = f" ({outcome.note})" if outcome.note else ""
        return f"reminded: {name}, by {outcome.via}{tried}"
    if outcome.skipped:
        return f"no reminder for {name}: {outcome.note}"
    if outcome.waiting:
        return (f"cannot remind of {name} yet: no way works here ({outcome.note}); trying "
                "again each minute while it is due")
    return f"could not remind of {name}: no way worked ({outcome.note or 'none configured'})"


def report(result: PassResult, said: SaidOnce) -> None:
    for problem in result.problems:
        said(("problem", problem), problem)
    for outcome in result.outcomes:
        reminder = outcome.reminder
        key = ("outcome", reminder.routine_id, reminder.day, reminder.which, outcome.note,
               outcome.via)
        said(key, describe(outcome))


def run_once(engine: ReminderEngine, said: SaidOnce) -> PassResult | None:
    """One pass; a problem reading the data folder is said and the loop goes on."""
    from coach.store import StoreError

    try:
        result = engine.run_pass()
    except (StoreError, OSError) as err:
        said(("error", str(err)), f"reminders could not be checked: {err}; trying again "
             "in a minute")
        return None
    if said.forget_kind("error"):
        said.say("reminders can be checked again")
    report(result, said)
    return result


def nap_length(result: PassResult | None, now: datetime, max_nap: float = MAX_NAP) -> float:
    if result is None or result.next_time is None:
        return max_nap
    return min(max_nap, max(0.5, (result.next_time - now).total_seconds()))


def _app_open(app_open: Callable[[], bool], said: SaidOnce) -> bool:
    """Whether the app is open; something other than a file in the place of its presence
    lock (a named pipe) is said once, and the app counts as closed: it cannot hold it."""
    try:
        return app_open()
    except OSError as err:
        said(("presence", str(err)), f"{err}; reminding from here meanwhile")
        return False


def run_loop(engine: ReminderEngine, say: Callable[[str], None], stop: threading.Event, *,
             app_open: Callable[[], bool] = lambda: False, max_nap: float = MAX_NAP,
             sleep: Callable[[float], object] | None = None,
             wall: Callable[[], float] = time.time,
             monotonic: Callable[[], float] = time.monotonic) -> None:
    """Remind until `stop` is set. While the coach app is open, it reminds instead.
    `sleep` naps (default: waiting on `stop`); it must return early once `stop` is set."""
    sleep = sleep or stop.wait
    said = SaidOnce(say)
    while not stop.is_set():
        if _app_open(app_open, said):
            said("app open", "coach is open, so it shows reminders itself for now")
            nap = max_nap
        else:
            if "app open" in said.seen:
                said.forget("app open")
                say("coach was closed; reminding from here again")
            nap = nap_length(run_once(engine, said), engine.now(), max_nap)
        started_wall, started_mono = wall(), monotonic()
        sleep(nap)
        moved = (wall() - started_wall) - (monotonic() - started_mono)
        if abs(moved) > CLOCK_JUMP:
            minutes = round(moved / 60)
            say(f"the clock moved {'forward' if moved > 0 else 'back'} by about "
                f"{abs(minutes)} min (sleep or a time change); reminders follow the new time")

