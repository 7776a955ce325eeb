"""Reminders while the app is open: the app is the reminder process then, and shows each
reminder on screen as well (a toast, and the home screen's offer to start the routine).
A mood check-in reminder's toast offers home's `m` instead, and leaves the routine offer
as it was."""

from __future__ import annotations

from contextlib import ExitStack
from typing import TYPE_CHECKING

from coach.store import StoreError
from coach.store.records import MOOD_ROUTINE
from coach.tui.screens.home import MOOD_KEY, REMINDED_KEY, HomeScreen

if TYPE_CHECKING:
    from textual.notifications import Notification
    from textual.timer import Timer
    from textual.worker import Worker

    from coach.remind.backends.base import Message
    from coach.remind.engine import PassResult, ReminderEngine
    from coach.tui.app import CoachApp

#: Long enough to read a reminder twice without hurrying.
REMINDER_SECONDS = 20


class Reminders:
    """The app's reminders: passes in a worker thread, one after another."""

    def __init__(self, app: CoachApp, *, wanted: bool) -> None:
        self.app = app
        #: Whether the app sends reminders while open (the `coach` command does; tests ask).
        self.wanted = wanted
        #: The last reminder shown and not yet acted on: the home screen offers to start it.
        self.reminded: Message | None = None
        #: The reminder's toast, while it may still be on screen (see hush).
        self._toast: Notification | None = None
        #: A mood check-in reminder's toast, taken back when the check-in opens.
        self._mood_toast: Notification | None = None
        self.engine: ReminderEngine | None = None
        self._next_pass: Timer | None = None
        #: Holds the presence lock (coach.remind.presence) while the app runs.
        self._presence = ExitStack()

    def start(self) -> None:
        """Be the reminder process while open: a `coach remind` loop sees the presence lock
        and leaves reminders to the app, which can also show them on screen."""
        from coach.remind.engine import ReminderEngine
        from coach.remind.presence import app_presence

        self._presence.enter_context(app_presence(self.app.store.directory))
        self.engine = ReminderEngine(self.app.store, show=self._show_from_pass,
                                     running_now=self._running_from_pass)
        self.check()

    def check(self) -> Worker[PassResult | None]:
        """One pass (store reads and a desktop notification block), in a worker thread."""
        return self.app.run_worker(self._pass, thread=True, exit_on_error=False,
                                   group="reminders")

    def _pass(self) -> PassResult | None:
        """The pass, then the next one when the next reminder falls due, or within a minute
        to notice edits and clock changes."""
        from coach.remind.loop import nap_length

        engine = self.engine
        assert engine is not None
        result = None
        try:
            result = engine.run_pass()
        except (StoreError, OSError):
            pass  # the data check on opening already spoke of the data folder; next pass
        finally:
            nap = nap_length(result, engine.now())
            if self.app.is_running:
                self.app.call_from_thread(self._plan_next_pass, nap)
        return result

    def _plan_next_pass(self, seconds: float) -> None:
        if self._next_pass is not None:
            self._next_pass.stop()  # a pass asked for in between replaces the timer's
        self._next_pass = self.app.set_timer(seconds, self.check, name="reminders")

    def _show_from_pass(self, message: Message) -> None:
        """The engine's "terminal" way, called in the pass's thread."""
        self.app.call_from_thread(self.show, message)

    def _running_from_pass(self) -> str | None:
        return self.app.call_from_thread(self._open_now)

    def _open_now(self) -> str | None:
        """The routine open now, or the mood check-in's id while a quick check-in is open:
        neither is reminded of."""
        from coach.tui.screens.quick_mood import QuickMoodScreen

        if any(isinstance(screen, QuickMoodScreen) for screen in self.app.screen_stack):
            return MOOD_ROUTINE
        return self.app.routine_open_now()

    def show(self, message: Message) -> None:
        """A toast that takes no focus and stops nothing, and the home screen's offer to
        start the routine (its key in the footer, the routine highlighted). While a screen
        that sets HOLDS_REMINDER_TOASTS (a self-check, "need something now") is open, even
        under another (the first-run statement, the support plan), no toast and no bell: the person is answering about how they are, and a notice laid over the
        support lines there would hide them; home still offers the routine.

        A mood check-in reminder offers home's `m` (there all the time) in its toast, and
        leaves the routine offer as it was."""
        mood = message.routine_id == MOOD_ROUTINE
        if not mood:
            self.reminded = message
            for home in self._homes():
                home.offer_reminded(message.routine_id)
        if any(getattr(screen, "HOLDS_REMINDER_TOASTS", False)
               for screen in self.app.screen_stack):
            return  # nothing laid over a self-check or "need something now"; home offers it
        on_home = isinstance(self.app.screen, HomeScreen)
        where = "" if on_home else " on the home screen"
        if mood:
            self._toast = self._mood_toast = self.app.notify(
                f"Time for a quick mood check-in. Press {MOOD_KEY}{where} to check in.",
                title="Reminder", timeout=REMINDER_SECONDS)
        else:
            self._toast = self.app.notify(f"{message.body}. Press {REMINDED_KEY}{where} to "
                                          "start it.", title="Reminder",
                                          timeout=REMINDER_SECONDS)
        if self.app.settings.reminder_bell:
            self.app.bell()

    def mood_opened(self) -> None:
        """A quick mood check-in opened: a mood reminder's toast still on screen goes."""
        if self._mood_toast is not None:
            self.app.withdraw([self._mood_toast])
            if self._toast is self._mood_toast:
                self._toast = None
            self._mood_toast = None

    def hush(self) -> None:
        """A self-check or "need something now" opened: a reminder toast still on screen
        goes (home still offers the routine), as none is shown while they are open."""
        if self._toast is not None:
            self.app.withdraw([self._toast])
            self._toast = self._mood_toast = None

    def settled(self) -> None:
        """The reminded routine was started or is done: the offer goes."""
        self.reminded = None
        for home in self._homes():
            home.refresh_bindings()

    def _homes(self) -> list[HomeScreen]:
        return [screen for screen in self.app.screen_stack if isinstance(screen, HomeScreen)]

    def stop(self) -> None:
        """No more passes: one under way sends nothing more."""
        if self.engine is not None:
            self.engine.stop()
        if self._next_pass is not None:
            self._next_pass.stop()

    def release_presence(self) -> None:
        self._presence.close()
