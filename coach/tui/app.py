"""The coach Textual app: home, then routines run one step at a time."""

from __future__ import annotations

import gc
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from datetime import date
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App
from textual.binding import Binding
from textual.message import Message as TextualMessage
from textual.notifications import Notification, Notify, SeverityLevel

from coach.practice.clock import Clock, system_clock
from coach.routine.catalog import Catalog, load_catalog
from coach.routine.problems import Problem
from coach.session.run import RoutineRun
from coach.settings import Settings
from coach.store import Store, StoreError
from coach.tui.commands import CoachCommands
from coach.tui.saving import WAIT_AT_EXIT, Saves
from coach.tui.ways_out import WaysOut
from coach.tui.screens.home import REMINDED_KEY, HomeScreen
from coach.visible import visible

if TYPE_CHECKING:
    from coach.insight.history import History, HistoryLoader
    from textual.timer import Timer

    from coach.remind.backends.base import Message
    from coach.remind.engine import PassResult, ReminderEngine
    from coach.support.load import PlanResult
    from coach.support.memory import Memory
    from coach.support.plan import SupportPlan

CatalogLoader = Callable[[Catalog | None], Catalog]

#: Opens the support plan from every screen, even while typing: a control key that types
#: nothing, that neither the runner nor Textual's fields use, and that terminals pass on
#: (F1 is often kept by the terminal emulator itself).
SUPPORT_KEY = "ctrl+g"
#: Opens help where the person is not typing: in a field, `?` is text.
HELP_KEY = "question_mark"
#: Opens help everywhere, fields included.
HELP_KEY_ALWAYS = "f1"
#: Opens the command palette: a control key the runner (^n ^p ^s) and the support plan (^g)
#: leave free. A field that deletes to the end of the line with it keeps it.
PALETTE_KEY = "ctrl+k"
#: The routine the support plan offers to start.
QUICK_RESET = "quick-reset"
#: Long enough to read a reminder twice without hurrying.
REMINDER_SECONDS = 20


#: How long a key may take to be handled before the keys after it go on anyway (its
#: widget went away before it was handled, say): the app must never stop taking keys.
KEY_WAIT_SECONDS = 0.5


class KeyThrough(TextualMessage):
    """Sent after a key to the widget the key went to: it comes back to the app along the
    same way once that key is handled, by the widget and by every binding up to the app."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


def default_catalog_loader(previous: Catalog | None) -> Catalog:
    return load_catalog(previous=previous)


def default_support_loader() -> PlanResult:
    from coach.support.load import load_support_plan

    return load_support_plan()


class CoachApp(App[None]):
    TITLE = "coach"
    CSS_PATH = "app.tcss"
    COMMANDS = {CoachCommands}
    COMMAND_PALETTE_BINDING = PALETTE_KEY
    BINDINGS = [Binding(HELP_KEY, "help", "Help"),
                Binding(HELP_KEY_ALWAYS, "help", "Help", show=False, priority=True),
                Binding(PALETTE_KEY, "command_palette", "Commands"),
                Binding(SUPPORT_KEY, "support", "Support", priority=True)]

    def __init__(self, *, store: Store, settings: Settings | None = None,
                 settings_problems: tuple[Problem, ...] = (),
                 catalog_loader: CatalogLoader = default_catalog_loader,
                 clock: Clock = system_clock, start_with: str | None = None,
                 support_loader: Callable[[], PlanResult] | None = None,
                 first_run_statement: bool = False, reminders: bool = False) -> None:
        # With NO_COLOR, Textual alone paints in greys; in ANSI mode it drops colour
        # codes altogether, which is what the convention (no-color.org) asks.
        super().__init__(ansi_color=True if os.environ.get("NO_COLOR") else None)
        self.store = store
        #: Every save goes through here: in order, and kept when the screen asking closes.
        self.saves = Saves(self)
        #: Every way out (keys, signals, a closed terminal) keeps what runs hold.
        self.ways_out = WaysOut(self)
        self.settings = settings or Settings()
        #: Shown on the home screen until settings.yaml is fixed.
        self.settings_problems = settings_problems
        self.catalog_loader = catalog_loader
        self.catalog = catalog_loader(None)
        self.clock = clock
        self.start_with = start_with
        #: Reads the support plan (support.yaml, the last good copy, or the example); called
        #: in worker threads only, as it reads and may write files.
        self.support_loader = support_loader or default_support_loader
        #: Show the first-run statement if it was never seen: the `coach` command does; tests
        #: and benchmarks that build the app leave it out unless they ask.
        self.first_run_statement = first_run_statement
        #: While open, the app sends reminders itself and shows them on screen (the
        #: `coach` command turns this on; tests ask for it).
        self.reminders = reminders
        #: The last reminder shown and not yet acted on: the home screen offers to start it.
        self.reminded: Message | None = None
        #: All of history as the figures need it, kept converted between visits to the
        #: history screen (made on the first visit; see coach.insight.history).
        self.history_loader: HistoryLoader | None = None
        self._history_loader_made = threading.Lock()
        self.reminder_engine: ReminderEngine | None = None
        self._next_pass: Timer | None = None
        #: Holds the presence lock (coach.remind.presence) while the app runs.
        self._presence = ExitStack()
        #: Notifications taken back before they were shown (see withdraw).
        self._withdrawn: set[str] = set()
        #: Keys that came while an earlier key was still being handled (see on_event).
        self._keys_waiting: deque[events.Key | events.Paste] = deque()
        #: The number of the key being handled by a widget, None when none is.
        self._key_away: int | None = None
        self._keys_sent = 0
        self._key_timer: Timer | None = None

    def history_loader_now(self) -> HistoryLoader:
        """The one loader of all history, shared by home and the history screen, so each
        month's digest is converted once while it is unchanged."""
        from coach.insight.history import HistoryLoader

        with self._history_loader_made:  # home's worker and the screen's may ask at once
            if self.history_loader is None:
                self.history_loader = HistoryLoader(self.store)
            return self.history_loader

    def load_history(self) -> History:
        """All history, from the shared loader (in a worker: it may read digests).

        A History made anew (ten years: some 56,000 objects the collector tracks, alive
        while the app runs) goes to the collector's permanent generation, as what starting
        made does (see _started): otherwise each full collection walks it, a pause of about
        50 ms in whatever the screen is doing, such as painting the history screen. The
        History it replaces has no reference cycles, so it is still freed."""
        loader = self.history_loader_now()
        before = loader.latest
        history = loader.load()
        if history is not before:
            gc.freeze()
        return history

    def get_css_variables(self) -> dict[str, str]:
        variables = super().get_css_variables()
        # Textual takes NO_COLOR out of the environment as it starts (App.no_color keeps it).
        if getattr(self, "no_color", False) or os.environ.get("NO_COLOR"):
            # Without colour, focus and selection are bold and underlined: Textual draws
            # reverse video by swapping colours, which are then taken away (an OptionList's
            # highlighted line lost its reverse), while bold and underline reach the terminal.
            variables["no-color-emphasis"] = "bold underline"
            variables["no-color-cursor"] = "reverse"
        else:
            variables["no-color-emphasis"] = "none"
            variables["no-color-cursor"] = "none"
        return variables

    # -- keys, in the order they came ------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        """Keys are handled one after another, each once the one before is done with.

        Textual hands a key to the focused widget's queue and goes on with the next key at
        once; bindings that are not priority ones (Tab, Enter in a field, Backspace) run
        only when the key comes back up to the app. Keys typed quickly (or replayed by the
        terminal) would then reach a field before an earlier Tab moved the keyboard away,
        and Next (a priority key) would read a field before the keys typed ahead of it had
        changed it. So a key that goes to a widget holds the keys after it until it is back.
        A paste (bracketed) waits its turn among the keys in the same way."""
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._keys_waiting.append(event)
            await self._send_keys()
            return
        await super().on_event(event)

    async def _send_keys(self) -> None:
        while self._keys_waiting and self._key_away is None:
            key = self._keys_waiting.popleft()
            await super().on_event(key)
            if key.is_forwarded:  # gone to a widget, not taken by a priority binding
                self._keys_sent += 1
                self._key_away = number = self._keys_sent
                (self.focused or self.screen).post_message(KeyThrough(number))
                self._key_timer = self.set_timer(KEY_WAIT_SECONDS,
                                                 lambda: self._key_back(number))

    async def on_key_through(self, message: KeyThrough) -> None:
        message.stop()
        await self._key_back(message.number)

    async def _key_back(self, number: int) -> None:
        if self._key_away == number:
            self._key_away = None
            if self._key_timer is not None:
                self._key_timer.stop()
                self._key_timer = None
            await self._send_keys()

    def get_default_screen(self) -> HomeScreen:
        """Home is the first screen, rather than pushed over an empty one that is built and
        laid out first."""
        return HomeScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(self._started)
        if self.start_with:
            self.start_routine(self.start_with)
        self.call_after_refresh(self.check_data)
        if self.first_run_statement:
            self.call_after_refresh(self.show_statement_once)
        if self.reminders:
            self.call_after_refresh(self.start_reminders)
        if not self.is_headless:
            self.ways_out.listen()

    async def on_unmount(self) -> None:
        if self.reminder_engine is not None:
            self.reminder_engine.stop()
        if self._next_pass is not None:
            self._next_pass.stop()
        if not await self.saves.written(WAIT_AT_EXIT):
            self.ways_out.rescue_what_waits()
        self.release_presence()

    def release_presence(self) -> None:
        self._presence.close()

    # -- reminders -------------------------------------------------------------------------

    def start_reminders(self) -> None:
        """Be the reminder process while open: a `coach remind` loop sees the presence lock
        and leaves reminders to the app, which can also show them on screen."""
        from coach.remind.engine import ReminderEngine
        from coach.remind.presence import app_presence

        self._presence.enter_context(app_presence(self.store.directory))
        self.reminder_engine = ReminderEngine(self.store, show=self._show_from_pass,
                                              running_now=self._running_from_pass)
        self.check_reminders()

    @work(thread=True, exit_on_error=False, group="reminders")
    def check_reminders(self) -> PassResult | None:
        """One pass (store reads and a desktop notification block), then the next one when
        the next reminder falls due, or within a minute to notice edits and clock changes."""
        from coach.remind.loop import nap_length

        engine = self.reminder_engine
        assert engine is not None
        result = None
        try:
            result = engine.run_pass()
        except (StoreError, OSError):
            pass  # the data check on opening already spoke of the data folder; next pass
        finally:
            nap = nap_length(result, engine.now())
            if self.is_running:
                self.call_from_thread(self._plan_next_pass, nap)
        return result

    def _plan_next_pass(self, seconds: float) -> None:
        if self._next_pass is not None:
            self._next_pass.stop()  # a pass asked for in between replaces the timer's
        self._next_pass = self.set_timer(seconds, self.check_reminders, name="reminders")

    def _show_from_pass(self, message: Message) -> None:
        """The engine's "terminal" way, called in the pass's thread."""
        self.call_from_thread(self.show_reminder, message)

    def _running_from_pass(self) -> str | None:
        return self.call_from_thread(self.routine_open_now)

    def routine_open_now(self) -> str | None:
        """The routine the person is in (perhaps under the support plan): never reminded of."""
        from coach.tui.screens.run import RunScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, RunScreen):
                return screen.routine_run.routine.id
        return None

    def show_reminder(self, message: Message) -> None:
        """A toast that takes no focus and stops nothing, and the home screen's offer to
        start the routine (its key in the footer, the routine highlighted)."""
        self.reminded = message
        on_home = isinstance(self.screen, HomeScreen)
        where = "" if on_home else " on the home screen"
        self.notify(f"{message.body}. Press {REMINDED_KEY}{where} to start it.",
                    title="Reminder", timeout=REMINDER_SECONDS)
        if self.settings.reminder_bell:
            self.bell()
        for home in self._homes():
            home.offer_reminded(message.routine_id)

    def reminder_settled(self) -> None:
        """The reminded routine was started or is done: the offer goes."""
        self.reminded = None
        for home in self._homes():
            home.refresh_bindings()

    def _homes(self) -> list[HomeScreen]:
        return [screen for screen in self.screen_stack if isinstance(screen, HomeScreen)]

    # -- support ---------------------------------------------------------------------------

    def action_support(self) -> None:
        """Open the support plan over whatever is on screen (which keeps its state), or close
        it with the same key."""
        from coach.tui.screens.statement import StatementScreen
        from coach.tui.screens.support import SupportScreen

        if isinstance(self.screen, SupportScreen):
            self.screen.dismiss(None)
            return
        if isinstance(self.screen, StatementScreen):
            self.screen.dismiss(None)  # the key it names: read (and, the first time, remembered)
            if isinstance(self.screen, SupportScreen):
                return  # it was opened from the plan: back to the plan, not a second one
        self.push_screen(SupportScreen())

    # -- help and the command palette ------------------------------------------------------

    def action_help(self) -> None:
        """Help about the screen on top (its keys, the step it shows); the key again closes
        it."""
        from coach.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.screen))

    def open_history(self) -> None:
        """The history screen, for the routine highlighted on home if home is on top."""
        from coach.tui.screens.history import HistoryScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.action_history()
            return
        self.push_screen(HistoryScreen())

    def settings_note(self) -> None:
        from coach.paths import config_dir
        from coach.settings import SETTINGS_FILE_NAME

        self.notify(f"Your settings are in {config_dir() / SETTINGS_FILE_NAME}. Change them "
                    "with 'coach edit settings' in a terminal; coach reads them when it opens.",
                    title="Settings", timeout=15)

    @work(thread=True, exit_on_error=False, group="statement")
    def show_statement_once(self) -> None:
        """The first time coach opens: what coach is and is not, and the key to the plan."""
        from coach.support.memory import Memory

        memory = Memory(self.store.directory)
        if memory.statement_seen():
            return
        from coach.support.load import place_example_plan

        place_example_plan()  # the plan to make one's own, as `coach init` does

        def seen(_: None) -> None:
            self._remember_statement(memory)

        from coach.tui.screens.statement import StatementScreen

        self.call_from_thread(self.push_screen, StatementScreen(first_run=True), seen)

    @work(thread=True, exit_on_error=False, group="statement")
    def _remember_statement(self, memory: Memory) -> None:
        memory.mark_statement_seen()  # if it cannot be saved, it is shown again next time

    @work(thread=True, exit_on_error=False, group="net")
    def offer_support_after_checkin(self, rating: int | None, today: date,
                                    run: RoutineRun) -> None:
        """After a mood check-in: if recent check-ins have been low (support/net.py), show what
        the person wrote for such days, once a day, without stopping anything."""
        from coach.support.memory import Memory
        from coach.support.net import load_mood_days, should_offer

        memory = Memory(self.store.directory)
        try:
            days = load_mood_days(self.store, today, self.settings.low_mood_days)
        except StoreError:
            days = {}
        # The rating counts for today whether or not its save has reached the disk (e4c662f).
        if not should_offer(days, today, rating, self.settings, memory.offered_on()):
            return
        result = self.support_loader()
        if self.call_from_thread(self._show_net, result.plan, run):
            memory.mark_offered(today)

    def _show_net(self, plan: SupportPlan, run: RoutineRun) -> bool:
        """On the run it follows, or on its summary, even under the support plan; if the
        person has already gone home, not at all (and not marked as offered)."""
        from coach.tui.screens.run import RunScreen
        from coach.tui.screens.summary import SummaryScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, (RunScreen, SummaryScreen)) and screen.routine_run is run:
                screen.show_net(plan)
                return True
        return False

    def start_quick_reset(self) -> None:
        """From the support plan: the quick reset, over wherever the person was; when it ends,
        they are back there as they left it (a routine they were in stays as it was)."""
        from coach.tui.screens.run import RunScreen
        from coach.tui.screens.support import SupportScreen

        if isinstance(self.screen, SupportScreen):
            self.screen.dismiss(None)  # the stack changes at once: self.screen is what was below
        below = self.screen
        if isinstance(below, RunScreen) and below.routine_run.routine.id == QUICK_RESET:
            return  # already in it: back to where it was
        self.start_routine(QUICK_RESET, fresh=True)

    def _started(self) -> None:
        """Home is painted: the garbage collector, paused while starting (coach.main), runs again.

        What starting made (some 47,000 objects the collector tracks: modules, classes, styles,
        widgets) lives as long as the app, so it goes to the collector's permanent generation
        (gc.freeze): every full collection later on then takes about 1 ms instead of 25-44 ms.
        The start's own cyclic garbage (about 1,000 small objects, no files) stays with it."""
        gc.freeze()
        gc.enable()

    @work(thread=True, exit_on_error=False)
    def check_data(self) -> None:
        """After the first paint: repair what a crash left, and warn if others can read the data."""
        from coach.store import StoreError
        from coach.store.privacy import exposed_paths

        try:
            notices = self.store.check()
        except StoreError as err:
            notices = [str(err)]
        for notice in notices:
            self.call_from_thread(self.notify, notice, title="Your data", severity="warning",
                                  timeout=20, markup=False)
        exposed = exposed_paths(self.store.directory)
        if exposed:
            self.call_from_thread(
                self.notify, f"{len(exposed)} of your data files or folders can be read by other "
                "users of this computer. Run 'coach doctor --fix' to make them private.",
                title="Privacy", severity="warning", timeout=20, markup=False)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> Notification:
        """Every notification (screens and widgets call this one) shows its text literally:
        never as markup, and with control characters written out (file names, record text).
        Returned, so what it speaks of can take it back when it is over (see withdraw)."""
        notification = Notification(visible(str(message)), visible(str(title), one_line=True),
                                    severity,
                                    self.NOTIFICATION_TIMEOUT if timeout is None else timeout,
                                    markup=False)
        self.post_message(Notify(notification))
        return notification

    def withdraw(self, notifications: Iterable[Notification]) -> None:
        """Take notifications back before their time: what they spoke of is over (a step's
        problem once the step is left). One not shown yet is never shown."""
        for notification in notifications:
            if notification in self._notifications:
                self._unnotify(notification, refresh=False)
            else:
                self._withdrawn.add(notification.identity)
        self._refresh_notifications()

    def _on_notify(self, event: Notify) -> None:
        if event.notification.identity in self._withdrawn:
            self._withdrawn.discard(event.notification.identity)
            return
        super()._on_notify(event)


    crash: Exception | None = None

    def _handle_exception(self, error: Exception) -> None:
        self.crash = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Exit without printing Textual's traceback: its local variables may hold what the
        person wrote. run_app logs the error privately and says so in one line."""
        self._close_messages_no_wait()

    async def action_quit(self) -> None:
        """Quit, keeping what open runs hold; with saves that the disk would not take yet,
        first ask whether to try again or to keep them in a file."""
        if self.saves.behind is not None:
            from coach.tui.screens.unsaved import UnsavedScreen

            self.push_screen(UnsavedScreen(self.saves.waiting, self.saves.behind),
                             self._unsaved_answer)
            return
        await self.end()

    async def _unsaved_answer(self, answer: str | None) -> None:
        if answer == "retry":
            self.saves.retry_now()
        elif answer == "file":
            await self.end()

    async def end(self) -> None:
        """End coach once what open runs hold is kept and pending saves are on disk. A
        reminder pass under way sends nothing more, and the helper sending one now (the
        person's command) is stopped: its thread ends within a moment, and the process
        with it."""
        self.ways_out.keep_every_run()
        if self.reminder_engine is not None:
            self.reminder_engine.stop()
        await self.workers.wait_for_complete(
            [worker for worker in self.workers if worker.group != "reminders"])
        self.exit()

    def action_help_quit(self) -> None:
        """Ctrl+C in a terminal app often means "quit": say which key does, in plain words."""
        self.notify("Press ctrl+q to quit. What you typed is kept.", title="Quit?")

    def reload_catalog(self) -> None:
        self.catalog = self.catalog_loader(self.catalog)

    def step_env(self):  # type: ignore[no-untyped-def]
        from coach.tui.steps import (
            StepEnv,  # the step widgets load when a routine starts
        )

        return StepEnv(clock=self.clock, store=self.store, today=self.store.today(),
                       reduced_motion=self.settings.reduced_motion, bell=self.settings.bell)

    def start_routine(self, routine_id: str | None, *, fresh: bool = False) -> None:
        """Start a routine; one left earlier today asks whether to go on, unless `fresh`."""
        routine = self.catalog.routines.get(routine_id or "")
        if routine is None:
            self.notify(f"No routine {routine_id!r}.", severity="error", markup=False)
            return
        if self.reminded is not None and self.reminded.routine_id == routine.id:
            self.reminder_settled()
        today = self.store.today()
        try:
            session_id, earlier = self.store.open_session(routine.id, today)
            again = today in self.store.finished_days(routine.id, today)
        except StoreError as err:
            self.notify(f"{err}. coach cannot save until this is fixed (coach doctor helps).",
                        title="Your records", severity="error", timeout=30, markup=False)
            return
        earlier = {k: v for k, v in earlier.items() if k in {s.id for s in routine.steps}}
        left_at = RoutineRun(routine, earlier)
        if earlier and not left_at.finished and not fresh:
            from coach.tui.screens.resume import ResumeScreen

            def chosen(resume: bool | None) -> None:
                if resume:
                    self._run(RoutineRun(routine, earlier, session_id, again=again))
                elif resume is not None:  # start over: the run left is set aside, kept
                    if session_id is not None:
                        self.saves.save_record(self.store.add, self.store.session_record(
                            routine.id, session_id, "set-aside", day=today))
                    self._run(RoutineRun(routine, again=again))

            self.push_screen(ResumeScreen(routine.title, left_at.settled_count,
                                          len(routine.steps)), chosen)
            return
        self._run(RoutineRun(routine, again=again))

    def _run(self, run: RoutineRun) -> None:
        from coach.tui.screens.run import RunScreen

        self.push_screen(RunScreen(run, self.step_env()))


def run_app(start_with: str | None = None, reduced_motion: bool = False) -> None:
    import sys
    from dataclasses import replace

    from coach.paths import data_dir
    from coach.settings import load_settings

    settings, problems = load_settings()
    if reduced_motion:
        settings = replace(settings, reduced_motion=True)
    store = Store(data_dir(), day_start_hour=settings.day_start_hour)
    app = CoachApp(store=store, settings=settings, settings_problems=problems,
                   start_with=start_with, first_run_statement=True, reminders=True)
    app.ways_out.remember_terminal()
    try:
        app.run()
    finally:  # the app waits for its saves as it closes; also when it could not close well
        if app.saves.writer.stalled is None:
            app.saves.writer.wait_idle(WAIT_AT_EXIT)
    if app.crash is not None:
        from coach.crash import report_crash

        sys.exit(report_crash(app.crash))
    if goodbye := app.ways_out.goodbye():
        print(visible(goodbye), file=sys.stderr)
    if app.ways_out.signal is not None:
        sys.exit(128 + app.ways_out.signal)
    if goodbye:
        sys.exit(1)
