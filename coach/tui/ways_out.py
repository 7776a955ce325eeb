"""Every way out of coach goes through here, and keeps what the person did.

Quitting (q, ^q), leaving a routine (Esc), and the signals a terminal or a system sends
(SIGHUP when the terminal closes, SIGTERM, SIGINT, SIGQUIT) all keep what every open run
holds: what was typed in its step as a draft and the run as left. Then what is still to
be written is written, or, when the disk will not take it, put in a file of its own that
`coach import` reads, and the terminal is given back as it was.

SIGTERM, SIGINT and SIGQUIT end coach through its event loop, as quitting does, so
Textual puts the terminal back (the normal screen, the cursor, no mouse reports). Should
the loop not get to it in time, a watchdog does it all at once. SIGHUP is different: the
terminal is gone and the loop may be stuck writing to it, so its handler keeps what the
runs hold itself, in the signal handler, and ends the process at once.
"""

from __future__ import annotations

import asyncio
import contextvars
import os
import signal
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from coach.tui.saving import WAIT_AT_EXIT, rescue_places, why_behind

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

#: The signals that ask coach to end while its terminal is still there.
ASKED_TO_END = (signal.SIGTERM, signal.SIGINT, signal.SIGQUIT)
#: How long the event loop has to end coach after such a signal before the watchdog does.
WATCHDOG_SECONDS = WAIT_AT_EXIT + 5

#: What puts a terminal back from what Textual set: mouse reports and bracketed paste off,
#: the cursor shown, the normal screen back.
TERMINAL_BACK = ("\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l"
                 "\x1b[?1004l\x1b[?25h\x1b[?1049l")


class WaysOut:
    """The app's ways out: one place that keeps what runs hold and ends coach."""

    def __init__(self, app: CoachApp) -> None:
        self.app = app
        #: The signal coach is ending for, if one: its exit status is 128 + its number.
        self.signal: int | None = None
        #: The file that holds what could not be saved, once written.
        self.rescued: Path | None = None
        self.rescued_count = 0
        self.rescue_problem: str | None = None
        #: The terminal's settings before Textual changed them (see remember_terminal).
        self._terminal: Any = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._context: contextvars.Context | None = None

    # -- keeping ---------------------------------------------------------------------------

    def keep_every_run(self, *, at_once: bool = False) -> bool:
        """Keep what every open run holds (typed text as a draft, the run as left): through
        the writer, or `at_once` in this thread. Whether any run had something to keep."""
        from coach.tui.screens.now import NowScreen
        from coach.tui.screens.quick_mood import QuickMoodScreen
        from coach.tui.screens.run import RunScreen

        kept = False
        for screen in self.app.screen_stack:
            if isinstance(screen, RunScreen):
                screen.saving_at_once = at_once or screen.saving_at_once
                kept = screen.keep_for_later() or kept
            elif isinstance(screen, (NowScreen, QuickMoodScreen)):
                kept = screen.keep_for_later(at_once=at_once) or kept
        return kept

    def rescue_what_waits(self) -> None:
        """Records the disk would not take go to a file of their own, said when coach ends."""
        saves = self.app.saves
        count = saves.waiting
        if not count:
            return
        try:
            self.rescued = saves.rescue(rescue_places(self.app.store.directory))
            self.rescued_count = count
        except OSError as err:
            self.rescue_problem = (err.strerror or str(err)).lower()
            self.rescued_count = count

    def goodbye(self) -> str | None:
        """What coach says on the terminal as it ends, when something was not saved."""
        if not self.rescued_count:
            return None
        behind = self.app.saves.behind
        why = f" ({why_behind(behind)})" if behind is not None else ""
        if self.rescued is not None:
            return (f"coach could not save {self.rescued_count} of your records to its data "
                    f"folder{why}. They are kept in {self.rescued}. Once there is room, run: "
                    f"coach import {self.rescued}")
        return (f"coach could not save {self.rescued_count} of your records{why}, nor write "
                f"them to a file elsewhere ({self.rescue_problem}). Free some space and open "
                "coach again before you close this window.")

    # -- signals ---------------------------------------------------------------------------

    def listen(self) -> None:
        """Handle the signals that would end coach without keeping what it holds. Called in
        the event loop, whose loop and context the handlers hand their work to."""
        self._loop = asyncio.get_running_loop()
        self._context = contextvars.copy_context()  # Textual's active app
        try:
            signal.signal(signal.SIGHUP, self._hung_up)
            for signum in ASKED_TO_END:
                signal.signal(signum, self._asked_to_end)
        except (AttributeError, ValueError):
            pass  # no such signal here (Windows), or not the main thread

    def remember_terminal(self) -> None:
        """Note the terminal's settings before the app changes them, for the watchdog."""
        try:
            import termios

            self._terminal = termios.tcgetattr(_fileno(sys.__stdin__))
        except Exception:  # noqa: BLE001 - no terminal, or none that can be asked
            self._terminal = None

    def _asked_to_end(self, signum: int, _frame: object) -> None:
        """In the main thread, between two steps of the event loop: end through the loop,
        with a watchdog in case the loop does not get there. A second signal ends at once."""
        if self.signal is not None:
            self._end_at_once(signum)
            return
        self.signal = signum
        if self._loop is None:  # not listening yet: there is nothing open to keep
            os._exit(128 + signum)
        watchdog = threading.Timer(WATCHDOG_SECONDS, self._end_at_once, (signum,))
        watchdog.daemon = True
        watchdog.start()
        # Through the loop's own wake-up: a loop asleep in select() is woken at once.
        self._loop.call_soon_threadsafe(self._end_for_signal, context=self._context)

    def _end_for_signal(self) -> None:
        self.keep_every_run()
        self.app.exit(return_code=128 + (self.signal or 0))

    def _hung_up(self, signum: int, _frame: object) -> None:
        """The terminal is gone: keep what the runs hold, in this handler, and end.

        It runs as a signal handler, not in the event loop, and ends with os._exit: after
        a hang-up the loop can be stuck writing to the terminal, and Textual's shutdown
        with it. Saves asked for before are written first, so the state kept here is the
        last one."""
        signal.signal(signum, signal.SIG_IGN)
        self._end_at_once(signum, terminal=False)

    def _end_at_once(self, signum: int, *, terminal: bool = True) -> None:
        """Keep what the runs hold in this thread, rescue what the disk will not take, put
        the terminal back (when there is one) and end the process."""
        try:
            saves = self.app.saves
            if saves.writer.stalled is None:
                saves.writer.wait_idle(WAIT_AT_EXIT)  # earlier saves first: the last wins
            self.keep_every_run(at_once=True)
            self.rescue_what_waits()
        finally:
            try:
                self.app.reminders.release_presence()
                if terminal:
                    self._terminal_back()
            finally:
                os._exit(128 + signum)

    def _terminal_back(self) -> None:
        try:
            os.write(_fileno(sys.__stdout__), TERMINAL_BACK.encode())
            if self._terminal is not None:
                import termios

                termios.tcsetattr(_fileno(sys.__stdin__), termios.TCSANOW, self._terminal)
            if message := self.goodbye():
                os.write(_fileno(sys.__stderr__), (message + "\n").encode())
        except OSError:
            pass  # the terminal went too


def _fileno(stream: TextIO | None) -> int:
    """The file descriptor of one of the process's own streams (None: started without it)."""
    if stream is None:
        raise OSError("no such stream")
    return stream.fileno()
