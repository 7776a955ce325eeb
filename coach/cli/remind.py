"""`coach remind`: the reminder loop, one pass for cron, the coming reminders, a test
message through every way, and a systemd user unit to keep the loop running."""

from __future__ import annotations

import contextlib
import os
import select
import signal
import sys
import threading
from datetime import datetime
from types import FrameType
from typing import TYPE_CHECKING

import click

from coach.cli import cli
from coach.cli.output import CoachError, echo

if TYPE_CHECKING:
    from coach.remind.schedule import Plan


@cli.command()
@click.option("--once", is_flag=True, help="Send what is due now, then exit (for cron).")
@click.option("--next", "show_next", is_flag=True,
              help="List the coming reminders and the way each would reach you.")
@click.option("--test", "send_test", is_flag=True,
              help="Send one sample reminder through each way and say what happened.")
@click.option("--install", is_flag=True,
              help="Print a systemd user unit and a crontab line; offer to write the unit.")
@click.option("--yes", "-y", is_flag=True, help="With --install: write the unit without asking.")
@click.option("--enable", is_flag=True,
              help="With --install: also enable and start the unit (systemctl --user).")
def remind(once: bool, show_next: bool, send_test: bool, install: bool, yes: bool,
           enable: bool) -> None:
    """Remind you when a scheduled routine is due: runs until stopped (Ctrl+C).

    A routine reminds when it has a schedule and `reminders: true`, once at its time
    and, with `remind_again_after`, once more if it is still not done; never when it is
    done. Mood check-ins remind at the times in `mood_reminders`. Set the ways and
    their order with `reminders_via` in settings.yaml.
    """
    modes = [name for name, on in (("--once", once), ("--next", show_next),
                                   ("--test", send_test), ("--install", install)) if on]
    if len(modes) > 1:
        raise CoachError(f"choose one of {', '.join(modes)}")
    if (yes or enable) and not install:
        raise CoachError("--yes and --enable go with --install")
    if install:
        from coach.cli.remind_install import install_unit

        install_unit(write=yes, enable=enable)
    elif send_test:
        from coach.cli.remind_ways import send_samples

        send_samples()
    elif show_next:
        from coach.cli.remind_ways import show_coming

        show_coming(_engine())
    elif once:
        _remind_once()
    else:
        _remind_until_stopped()


def _engine():  # type: ignore[no-untyped-def]
    from coach.cli.common import open_store
    from coach.remind.engine import ReminderEngine

    # The engine reads settings.yaml afresh on every pass and says its mistakes itself.
    return ReminderEngine(open_store(say_settings=False))


def _log(line: str) -> None:
    """A log line with the local time, flushed at once (systemd's journal, a tmux window)."""
    echo(f"{datetime.now().astimezone():%Y-%m-%d %H:%M} {line}")


def _remind_once() -> None:
    from coach.cli.remind_ways import app_open_or_problem
    from coach.remind.loop import SaidOnce, run_once

    engine = _engine()
    app_open, problem = app_open_or_problem()
    if problem:  # no app can hold the lock then: remind from here
        _log(problem)
    if app_open:
        _log("coach is open, so it shows reminders itself; nothing sent from here")
        return
    run_once(engine, SaidOnce(_log))


def _plan_names(plans: list[Plan]) -> str:
    """"Evening wind-down at 21:00, Mood check-in at 12:30 and 20:00"."""
    times: dict[str, list[str]] = {}  # by id: the mood check-in's times are one entry
    for plan in plans:
        times.setdefault(plan.routine_id, []).append(f"{plan.at:%H:%M}")
    titles = {plan.routine_id: plan.title for plan in plans}
    return ", ".join(f"{titles[key]} at {' and '.join(at)}" for key, at in times.items())


def _remind_until_stopped() -> None:
    from coach.remind.loop import run_loop
    from coach.remind.presence import app_is_open

    engine = _engine()
    situation = engine.situation()
    for problem in situation.problems:
        _log(problem)
    if situation.plans:
        _log(f"reminding of {_plan_names(situation.plans)} ({situation.zone_name} time), by "
             f"{', '.join(situation.settings.reminder_ways())}; Ctrl+C stops")
    else:
        _log("no routine has a schedule with reminders on yet, and no mood_reminders are "
             "set; this keeps watching for one (coach edit ROUTINE to add a schedule); "
             "Ctrl+C stops")
    stop = threading.Event()
    # Python writes a byte here whenever a signal it handles comes (signal.set_wakeup_fd),
    # which ends a nap at once: the handler itself only says to stop.
    woken, wake = os.pipe()
    os.set_blocking(woken, False)
    os.set_blocking(wake, False)

    def stop_on_signal(signum: int, _frame: FrameType | None) -> None:
        stop.set()
        engine.stop()  # mid-pass: it sends nothing more, and what is sending now is stopped

    def nap(seconds: float) -> None:
        """Until the next pass is due, or a signal comes."""
        if not stop.is_set():
            select.select([woken], [], [], seconds)
        with contextlib.suppress(BlockingIOError):
            os.read(woken, 64)

    previous = signal.signal(signal.SIGTERM, stop_on_signal)
    previous_wake = signal.set_wakeup_fd(wake, warn_on_full_buffer=False)
    try:
        run_loop(engine, _log, stop, sleep=nap,
                 app_open=lambda: app_is_open(engine.store.directory))
    except KeyboardInterrupt:
        pass
    finally:
        signal.set_wakeup_fd(previous_wake)
        signal.signal(signal.SIGTERM, previous)
        os.close(woken)
        os.close(wake)
    _log("stopped")
    sys.stdout.flush()
