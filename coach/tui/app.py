"""The coach Textual app: home, then routines run one step at a time.

The app only composes; each concern has a module of its own: keys in order (key_order),
notifications (notifying) and Textual's private API (textual_private), failed workers
(worker_errors), saves (saving), every way out (ways_out), reminders (reminders), the
low-mood safety net (support_net), the first-run statement (first_run), the data check
(data_check, arrived_copies), the history screen's reader (history_source), the garbage
collector (collector), starting routines (routine_start), what keys and commands open (openers).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.filter import LineFilter

from coach.config.settings import Settings
from coach.foundation.locale_text import wants_plain
from coach.foundation.visible import visible
from coach.practice.clock import Clock, system_clock
from coach.routine.catalog import Catalog, load_catalog
from coach.routine.problems import Problem
from coach.store import Store
from coach.tui.collector import collect_again_after_start
from coach.tui.commands import CoachCommands
from coach.tui.data_check import check_data
from coach.tui.first_run import FirstRunStatement
from coach.tui.history_source import HistorySource
from coach.tui.key_order import KeysInOrder
from coach.tui.notifying import Notifying
from coach.tui.openers import Openers
from coach.tui.reminders import Reminders
from coach.tui.routine_start import RoutineStart
from coach.tui.saving import WAIT_AT_EXIT, Saves
from coach.tui.screens.home import HomeScreen
from coach.tui.support_net import SupportNet
from coach.tui.ways_out import WaysOut
from coach.tui.widgets.glyphs import AsciiOnly
from coach.tui.worker_errors import ReportsWorkerErrors
from coach.tui.workers_ended import workers_ended

if TYPE_CHECKING:
    from coach.support.load import PlanResult

CatalogLoader = Callable[[], Catalog]

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


#: The keys Textual shows as a symbol (⏎, ←), named in ASCII.
ASCII_KEY_NAMES = {"enter": "enter", "left": "left", "right": "right", "up": "up",
                   "down": "down", "backspace": "bksp"}


def default_catalog_loader() -> Catalog:
    return load_catalog()


def default_support_loader() -> PlanResult:
    from coach.support.load import load_support_plan

    return load_support_plan()


class CoachApp(ReportsWorkerErrors, Openers, KeysInOrder, Notifying):
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
                 first_run_statement: bool = False, reminders: bool = False,
                 plain: bool | None = None) -> None:
        # With NO_COLOR, Textual alone paints in greys; in ANSI mode it drops colour
        # codes altogether, which is what the convention (no-color.org) asks.
        super().__init__(ansi_color=True if os.environ.get("NO_COLOR") else None)
        self.store = store
        #: Whether to draw in ASCII, as the terminal may not show UTF-8: decided once, here,
        #: from the locale unless asked (coach.tui.widgets.glyphs).
        self.plain = wants_plain() if plain is None else plain
        self._ascii_only = [AsciiOnly()] if self.plain else []
        #: Every save goes through here: in order, and kept when the screen asking closes.
        self.saves = Saves(self)
        #: Every way out (keys, signals, a closed terminal) keeps what runs hold.
        self.ways_out = WaysOut(self)
        self.settings = settings or Settings()
        #: Shown on the home screen until settings.yaml is fixed.
        self.settings_problems = settings_problems
        self.catalog_loader = catalog_loader
        self.catalog = catalog_loader()
        self.clock = clock
        self.start_with = start_with
        #: Reads the support plan (support.yaml, the last good copy, or the example); called
        #: in worker threads only, as it reads and may write files.
        self.support_loader = support_loader or default_support_loader
        #: Show the first-run statement if it was never seen: the `coach` command does; tests
        #: and benchmarks that build the app leave it out unless they ask.
        self.first_run_statement = FirstRunStatement(self) if first_run_statement else None
        #: While open, the app sends reminders itself and shows them on screen if `wanted`
        #: (the `coach` command turns this on; tests ask for it).
        self.reminders = Reminders(self, wanted=reminders)
        self.support_net = SupportNet(self)
        self.history = HistorySource(store)
        self.routines = RoutineStart(self)

    def get_css_variables(self) -> dict[str, str]:
        variables = super().get_css_variables()
        # Textual takes NO_COLOR out of the environment as it starts (App.no_color keeps it).
        if self.no_color or os.environ.get("NO_COLOR"):
            # Without colour, focus and selection are bold and underlined: Textual draws
            # reverse video by swapping colours, which are then taken away (an OptionList's
            # highlighted line lost its reverse), while bold and underline reach the terminal.
            variables["no-color-emphasis"] = "bold underline"
            variables["no-color-cursor"] = "reverse"
        else:
            variables["no-color-emphasis"] = "none"
            variables["no-color-cursor"] = "none"
        return variables

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [*super().get_line_filters(), *self._ascii_only]

    def get_key_display(self, binding: Binding) -> str:
        """A key as the key bar and help name it; in ASCII, arrows and Enter in words."""
        if self.plain and not binding.key_display and binding.key in ASCII_KEY_NAMES:
            return ASCII_KEY_NAMES[binding.key]
        return super().get_key_display(binding)

    def get_default_screen(self) -> HomeScreen:
        """Home is the first screen, rather than pushed over an empty one that is built and
        laid out first."""
        return HomeScreen()

    def on_mount(self) -> None:
        self.call_after_refresh(collect_again_after_start)
        if self.start_with:
            self.routines.start_asked(self.start_with)
        self.call_after_refresh(check_data, self)
        if self.first_run_statement is not None:
            self.call_after_refresh(self.first_run_statement.show_once)
        if self.reminders.wanted:
            self.call_after_refresh(self.reminders.start)
        if not self.is_headless:
            self.ways_out.listen()

    async def on_unmount(self) -> None:
        self.reminders.stop()
        if not await self.saves.written(WAIT_AT_EXIT):
            self.ways_out.rescue_what_waits()
        self.saves.writer.close()  # its thread ends once what it still holds is written
        self.reminders.release_presence()

    def routine_open_now(self) -> str | None:
        """The routine the person is in (perhaps under the support plan): never reminded of."""
        from coach.tui.screens.run import RunScreen

        for screen in reversed(self.screen_stack):
            if isinstance(screen, RunScreen):
                return screen.routine_run.routine.id
        return None

    def start_routine(self, routine_id: str | None, *, fresh: bool = False) -> None:
        self.routines.start(routine_id, fresh=fresh)

    def reload_catalog(self) -> None:
        self.catalog = self.catalog_loader()

    # -- ending ---------------------------------------------------------------------------

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
        if self.reminders.engine is not None:
            self.reminders.engine.stop()
        await workers_ended(lambda: [w for w in self.workers if w.group != "reminders"])
        self.exit()


def run_app(start_with: str | None = None, reduced_motion: bool = False) -> None:
    import sys
    from dataclasses import replace

    from coach.config.settings import load_settings
    from coach.foundation.paths import data_dir
    from coach.store.device import device_id

    settings, problems = load_settings()
    if reduced_motion:
        settings = replace(settings, reduced_motion=True)
    store = Store(data_dir(), day_start_hour=settings.day_start_hour, device=device_id())
    app = CoachApp(store=store, settings=settings, settings_problems=problems,
                   start_with=start_with, first_run_statement=True, reminders=True)
    app.ways_out.remember_terminal()
    try:
        app.run()
    finally:  # the app waits for its saves as it closes; also when it could not close well
        if app.saves.writer.stalled is None:
            app.saves.writer.wait_idle(WAIT_AT_EXIT)
    if app.crash is not None:
        from coach.foundation.crash import report_crash

        sys.exit(report_crash(app.crash))
    if goodbye := app.ways_out.goodbye():
        print(visible(goodbye), file=sys.stderr)
    if app.ways_out.signal is not None:
        sys.exit(128 + app.ways_out.signal)
    if goodbye:
        sys.exit(1)
