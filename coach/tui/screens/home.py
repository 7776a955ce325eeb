"""The home screen: today's routines with their state, and any file that failed to load.

Routine files are read again whenever the person comes back here, so an edit
made while coach is open is picked up; a broken edit keeps the last good
version and shows where the problem is. This month's record files are watched
the same way: when a sync tool brings another device's records (or another
coach on this device writes), the states and strength are read again. A conflict
copy of any month file that a sync tool leaves meanwhile is merged then, in a
worker (coach.tui.arrived_copies), and the states read again after it; a file of
this month that arrives readable by others is said once (see FolderLook).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.foundation.frequency import LONGEST_EVERY, Frequency, period_met
from coach.insight.progress import format_duration
from coach.routine.catalog import Catalog
from coach.routine.model import Routine
from coach.session.run import RoutineRun
from coach.store import StoreError
from coach.tui.app_access import coach_app
from coach.tui.arrived_copies import arrived_copies
from coach.tui.text import literal
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.worker_errors import ReportsWorkerErrors
from coach.foundation.visible import visible

if TYPE_CHECKING:  # habit strength comes after the first paint: its modules load then
    from coach.insight.strength import RoutineProgress

#: Starts the routine last reminded of. Not "s": a resume question may follow, where a
#: second "s" would start over, while a second "r" resumes.
REMINDED_KEY = "r"
#: Room for "Start" and the reminded routine's name in the footer, beside the other keys
#: at 60 columns.
_REMINDED_LABEL_CELLS = 30
#: "I need something now": rate how you feel, then an exercise that has helped before.
NOW_KEY = "n"
#: A quick mood check-in: a number, a few words if the person likes, Enter.
MOOD_KEY = "m"
#: Marks today as a rest day for the highlighted routine: habit strength leaves it alone.
REST_KEY = "z"
#: How often the routine files and this month's record files are looked at (a stat each).
FILES_CHECK_SECONDS = 2.0


class FolderLook(NamedTuple):
    """What the two-second look at the data folder found."""

    #: Names, sizes and times of the files of today's month (every device's, and any
    #: conflict copy of them).
    records: tuple[tuple[str, int, int], ...]
    #: The names of the conflict copies of any month file (see coach.tui.arrived_copies).
    copies: list[str]
    #: Today's month files that other users of the computer can read.
    exposed: frozenset[str]


@dataclass(frozen=True)
class TodayState:
    done_today: bool
    steps_done: int
    due_today: bool
    #: Finished before, or begun today: a progress line shows under it.
    has_history: bool
    rest_today: bool = False
    #: A run of today left part way (perhaps with only a draft): steps_done counts its
    #: steps done or skipped.
    in_progress: bool = False
    #: Kept a number of times per period (not due while the period has its count).
    flexible: bool = False

    def label(self, total: int, reminded: bool = False) -> Content:
        if self.rest_today and not self.done_today:
            return Content.styled("a rest day today", "$secondary")
        if self.done_today:  # and stays so, whatever a second run does
            done = Content.styled("✓ done today", "$success")
            if self.in_progress:
                return Content.assemble(done, Content.styled(
                    f" · again: {self.steps_done} of {total}", "$warning"))
            return done
        if self.in_progress:
            return Content.styled(f"in progress · {self.steps_done} of {total}", "$warning")
        if reminded:
            return Content.styled("ready when you are", "$accent")
        if not self.due_today:
            return Content.styled("nothing due today" if self.flexible
                                  else "not scheduled today", "dim")
        return Content.styled("not started", "dim")


def _due(routine: Routine, today: date) -> bool:
    return routine.schedule is None or routine.schedule.due_on_weekday(today.weekday())


class RoutineList(OptionList):
    """The routines; Enter starts the highlighted one (shown in the footer)."""

    BINDINGS = [Binding("enter", "select", "Start")]


class HomeScreen(ReportsWorkerErrors, Screen[None]):
    #: Below 80 columns the list and the preview give up some padding (see app.tcss).
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-wide")]
    BINDINGS = [Binding("q", "app.quit", "Quit"),
                Binding("h", "history", "History"),
                Binding(NOW_KEY, "app.now", "Need something now"),
                Binding(MOOD_KEY, "mood", "Mood"),
                # Offered for a routine left part way today (see check_action), and to undo.
                Binding(REST_KEY, "rest_day", "Rest day"),
                # Shown only while a reminder waits (see check_action), named after it.
                Binding(REMINDED_KEY, "start_reminded", "Start")]
    #: A routine to highlight the next time the list is shown (one left part way today).
    _to_highlight: str | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="home-body"):
            with Vertical(id="routine-column"):
                yield Static(id="today", classes="heading")
                yield RoutineList(id="routines")
            yield Static(id="preview")
        yield Static(id="self-check-due")
        yield Static(id="failures")
        yield KeyBar()

    @property
    def catalog(self) -> Catalog:
        return coach_app(self).catalog

    def on_mount(self) -> None:
        self.refresh_routines()
        self.set_interval(60, self.refresh_routines)
        self._files_seen = self._routine_files_signature()
        self._say_newly_exposed(self._data_folder_look().exposed)
        self.set_interval(FILES_CHECK_SECONDS, self._reload_if_files_changed)

    def _routine_files_signature(self) -> tuple[tuple[str, int, int], ...]:
        """Names, sizes and times of the routine files, and the names of those left out:
        cheap to compare every two seconds."""
        from coach.routine.catalog import default_dirs, scan_folder

        entries = []
        for directory in default_dirs():
            paths, _, left_out = scan_folder(directory.path)
            for path in paths:
                try:
                    info = path.stat()
                except OSError:
                    continue
                entries.append((str(path), info.st_size, info.st_mtime_ns))
            entries.extend((name, -1, -1) for name in (left_out.names if left_out else ()))
        return tuple(entries)

    def _records_signature(self) -> tuple[tuple[str, int, int], ...]:
        return self._data_folder_look().records

    def _data_folder_look(self) -> FolderLook:
        """One listing of the data folder and a stat of each of today's month files, not a
        read, and never all of history (see FolderLook)."""
        from coach.store.sync_folder import is_month_copy

        store = coach_app(self).store
        prefix = f"records-{store.today():%Y-%m}"
        entries, copies, exposed = [], [], []
        try:
            with os.scandir(store.directory) as found:
                for entry in found:
                    if entry.name.startswith(prefix):
                        info = entry.stat(follow_symlinks=False)
                        entries.append((entry.name, info.st_size, info.st_mtime_ns))
                        if stat.S_ISREG(info.st_mode) and info.st_mode & 0o077:
                            exposed.append(entry.name)
                    if is_month_copy(entry.name):
                        copies.append(entry.name)
        except OSError:
            return FolderLook((), [], frozenset())
        return FolderLook(tuple(sorted(entries)), sorted(copies), frozenset(exposed))

    def _reload_if_files_changed(self) -> None:
        if not self.is_current:
            return
        seen = self._routine_files_signature()
        look = self._data_folder_look()
        records, copies = look.records, look.copies
        self._say_newly_exposed(look.exposed)
        arrived = arrived_copies(coach_app(self))
        if seen != self._files_seen:
            self._files_seen = seen
            coach_app(self).reload_catalog()
            self.refresh_routines()
        elif arrived.untried(copies):  # read again once they are merged
            arrived.merge_now(coach_app(self), copies, then=self.refresh_routines)
        elif records != getattr(self, "_records_seen", None):
            self.refresh_routines()  # records came from elsewhere: another device's, say

    def _say_newly_exposed(self, exposed: frozenset[str]) -> None:
        """A file of today's month that others can read, once each: those so when home
        first looked are the check at start's to say (coach.tui.data_check)."""
        said = getattr(self, "_exposed_said", None)
        self._exposed_said = exposed if said is None else said | exposed
        if said is not None and exposed - said:
            from coach.tui.data_check import say_arrived_exposed

            say_arrived_exposed(coach_app(self), sorted(exposed - said))

    def on_screen_suspend(self) -> None:
        self.left = True

    def on_screen_resume(self) -> None:
        """Back from a routine (not the first showing): read the routine files again."""
        if getattr(self, "left", False):
            coach_app(self).reload_catalog()
            self.refresh_routines()

    def today_state(self, routine: Routine, today: date,
                    finished_before: set[str]) -> TodayState:
        """Read only what the screen shows at once: today's digest and records; whether
        the routine was ever finished before is in `finished_before` (read once for all of
        them). In the worker read_today; habit strength needs all of history and comes from
        another (see load_progress)."""
        store = coach_app(self).store
        frequency = routine.schedule.days if routine.schedule is not None else None
        if isinstance(frequency, Frequency):
            # Due while the week's or month's count (or every N days) is not yet reached.
            done = store.finished_days(routine.id, today - timedelta(days=LONGEST_EVERY))
            done_today, due = today in done, not period_met(frequency, today, done)
        else:
            done_today, due = today in store.finished_days(routine.id, today), \
                _due(routine, today)
        _, outcomes = store.open_session(routine.id, today)
        step_ids = {s.id for s in routine.steps}
        outcomes = {step: outcome for step, outcome in outcomes.items() if step in step_ids}
        earlier = done_today or bool(outcomes) or routine.id in finished_before
        return TodayState(done_today, RoutineRun(routine, outcomes).settled_count, due,
                          earlier, today in store.rest_days(routine.id, today, today),
                          in_progress=bool(outcomes), flexible=isinstance(frequency, Frequency))

    def _progress_line(self, routine_id: str, finished_before: bool) -> str | None:
        """Strength and its trend once the worker has worked them out; until then, for a
        routine with history, a blank line, so the list does not jump when they come."""
        progress = getattr(self, "progress", {}).get(routine_id)
        if progress is None:
            return " " if finished_before else None
        from coach.insight.words import home_line

        return home_line(progress, coach_app(self).plain)

    @work(thread=True, exclusive=True, group="home-progress", exit_on_error=False)
    def load_progress(self) -> None:
        """Every routine's habit strength, from the routines' series (one character a day,
        brought up to date from the months that changed), away from the screen's thread;
        and, if the person asked for it, whether a self-check is due (the series holds
        them too)."""
        from coach.insight.history import checks_of_series
        from coach.insight.overview import series_progress
        from coach.insight.self_checks import due_line

        app = coach_app(self)
        try:
            today = app.store.today()
            series = app.store.series()
            checkpoints = dict(series.checkpoints)
            progress = {routine.id: series_progress(series, routine, today, detail=False)
                        for routine in self.catalog.ordered()}
            if series.checkpoints != checkpoints:
                app.store.keep_series(series)
            due = due_line(checks_of_series(series), today) \
                if app.settings.self_check_reminder else None
        except StoreError:
            return  # refresh_routines shows the problem
        except Exception as err:  # the lines stay without strength; the log says why
            from coach.foundation.crash import log_error

            log_error(err)
            return
        app.call_from_thread(self._progress_loaded, progress, due)

    def _progress_loaded(self, progress: dict[str, RoutineProgress],
                         self_check_due: str | None = None) -> None:
        self.progress = progress
        line = self.query_one("#self-check-due", Static)
        line.update(self_check_due or "")
        line.display = self_check_due is not None
        self._show_routines()

    def action_history(self) -> None:
        from coach.tui.screens.history import HistoryScreen

        options = self.query_one("#routines", OptionList)
        highlighted = options.highlighted_option
        # Kept between visits: building the screen is most of the time it takes to open.
        if not self.app.is_screen_installed("history"):
            self.app.install_screen(HistoryScreen(), "history")
        screen = self.app.get_screen("history")
        assert isinstance(screen, HistoryScreen)
        screen.visit(highlighted.id if highlighted else None)
        self.app.push_screen(screen)

    def action_mood(self) -> None:
        from coach.tui.screens.quick_mood import QuickMoodScreen

        coach_app(self).reminders.mood_opened()
        self.app.push_screen(QuickMoodScreen())

    # -- a reminder waiting ----------------------------------------------------------------

    @property
    def reminded_id(self) -> str | None:
        message = coach_app(self).reminders.reminded
        return message.routine_id if message is not None else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "start_reminded":
            return self.reminded_id in self.catalog.routines
        if action == "rest_day":
            state = self._highlighted_state()
            return state is not None and not state.done_today and state.due_today and \
                (state.in_progress or state.rest_today)
        return True

    def _highlighted_state(self) -> TodayState | None:
        found = self.query("#routines")  # none yet while the screen is being built
        highlighted = found.only_one(OptionList).highlighted_option if found else None
        return getattr(self, "states", {}).get(highlighted.id) if highlighted else None

    def action_rest_day(self) -> None:
        options = self.query_one("#routines", OptionList)
        state = self._highlighted_state()
        if options.highlighted_option is None or state is None:
            return
        routine = self.catalog.routines[str(options.highlighted_option.id)]
        self.mark_rest_day(routine.id, routine.title, not state.rest_today)

    def mark_rest_day(self, routine_id: str, title: str, rest: bool) -> None:
        store = coach_app(self).store

        def marked(_: object) -> None:
            words = (f"Today is a rest day for {visible(title, one_line=True)}. Rest is part "
                     "of recovery; habit strength leaves today alone.") if rest else \
                f"Today is no longer a rest day for {visible(title, one_line=True)}."
            self.app.notify(words, title="Rest day", markup=False)
            self.refresh_routines()

        coach_app(self).saves.save(
            partial(store.set_rest_day, routine_id, store.today(), rest), done=marked)

    def binding_label(self, action: str) -> Content | None:
        """The footer names the routine: "r Start Evening wind-down"."""
        if action == "rest_day":
            state = self._highlighted_state()
            return Content("Not a rest day") if state is not None and state.rest_today else None
        routine = self.catalog.routines.get(self.reminded_id or "")
        if action != "start_reminded" or routine is None:
            return None
        label = Content(f"Start {visible(routine.title, one_line=True)}")
        return label.truncate(_REMINDED_LABEL_CELLS, ellipsis=True)

    def action_start_reminded(self) -> None:
        coach_app(self).start_routine(self.reminded_id)

    def offer_reminded(self, routine_id: str) -> None:
        """A reminder came: mark its routine and highlight it, so Enter starts it too."""
        self.refresh_routines()
        if routine_id in self.catalog.routines:
            options = self.query_one("#routines", OptionList)
            options.highlighted = options.get_option_index(routine_id)
        self.refresh_bindings()

    def refresh_routines(self, load: bool = True) -> None:
        """Show the routines at once, with their state today as last read (none on the
        first showing), and read it again in a worker, which shows it when done; with
        `load`, work out habit strength again in another."""
        today = coach_app(self).store.today()
        self.query_one("#today", Static).update(f"coach · {today:%A %-d %B}")
        if getattr(self, "states_day", None) != today:  # yesterday's state is not today's
            self.states: dict[str, TodayState] = {}
            self.states_day = today
        if not self.states:
            self.any_history = self._any_month_files()
        self._show_routines()
        # What this reading will see: a change made after it is noticed by the next check,
        # one made by this app before it (a run just saved) is not read twice.
        self._records_seen = self._records_signature()
        self.reading = getattr(self, "reading", 0) + 1
        self.read_today(today, self.reading)
        if load:  # after the frame: the first paint never waits for all of history
            self.call_after_refresh(self.load_progress)

    def _any_month_files(self) -> bool:
        """Whether the data folder holds any records (a listing, not a read of them): with
        none, no routine has a progress line to keep room for."""
        try:
            return bool(coach_app(self).store.month_files())
        except StoreError:
            return False

    @work(thread=True, group="home-today", exit_on_error=False)
    def read_today(self, today: date, reading: int) -> None:
        """Every routine's state today, away from the screen's thread."""
        states: dict[str, TodayState] = {}
        problem: str | None = None
        routines = self.catalog.ordered()
        try:
            finished_before = coach_app(self).store.finished_before_of(
                [routine.id for routine in routines], today)
        except StoreError as err:
            finished_before, problem = set(), str(err)
        for routine in routines:
            try:
                states[routine.id] = self.today_state(routine, today, finished_before)
            except StoreError as err:
                problem = str(err)
                states[routine.id] = TodayState(False, 0, _due(routine, today), False)
        self.app.call_from_thread(self._today_read, today, reading, states, problem)

    def _today_read(self, today: date, reading: int, states: dict[str, TodayState],
                    problem: str | None) -> None:
        if reading != getattr(self, "reading", 0):  # a later reading is on its way
            return
        first = not self.states
        self.states, self.states_day, self.store_problem = states, today, problem
        for routine_id, state in states.items():
            if routine_id == self.reminded_id and state.done_today:
                coach_app(self).reminders.settled()
        if first and self.query_one("#routines", OptionList).highlighted in (None, 0):
            self._to_highlight = self._in_progress_id()  # the routine left part way today
        self._show_routines()
        self.refresh_bindings()

    def _show_routines(self) -> None:
        """The routines with their state as last read; one not read yet shows its title and
        time, and, if there are records, a line kept for its progress, so the list stays
        still when it comes (a routine never done yet gives its line back)."""
        states: dict[str, TodayState] = getattr(self, "states", {})
        options = self.query_one("#routines", OptionList)
        highlighted = options.highlighted_option.id if options.highlighted_option else None
        highlighted = self._to_highlight or highlighted
        self._to_highlight = None
        options.clear_options()
        for routine in self.catalog.ordered():
            state = states.get(routine.id)
            when = routine.schedule.at.strftime("%H:%M") if routine.schedule else "any time"
            if state is None:
                label = Content("")
                summary = self._progress_line(routine.id, getattr(self, "any_history", True))
            else:
                label = state.label(len(routine.steps), reminded=routine.id == self.reminded_id)
                summary = self._progress_line(routine.id, state.has_history)
            lines = [literal(routine.title).stylize("bold"),
                     Content.assemble((f"{when} · ", "dim"), label)]
            if summary:
                lines.append(Content.styled(summary, "dim italic"))
            options.add_option(Option(Content("\n").join(lines), id=routine.id))
        if options.option_count:
            ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
            options.highlighted = ids.index(highlighted) if highlighted in ids else 0
            highlighted_option = options.highlighted_option
            self._show_preview(highlighted_option.id if highlighted_option else None)
        else:
            self.query_one("#preview", Static).update(
                "No routines yet. Run 'coach init' to copy the shipped ones, then "
                "'coach edit morning' to make one your own.")
        self._show_failures()

    def _in_progress_id(self) -> str | None:
        """The routine to go on with: one left part way today, before a second run of one
        already done."""
        ongoing = [(state.done_today, routine_id) for routine_id, state in self.states.items()
                   if state.in_progress]
        return min(ongoing, key=lambda pair: pair[0])[1] if ongoing else None

    def _show_failures(self) -> None:
        panel = self.query_one("#failures", Static)
        failures = self.catalog.failures
        left_out = self.catalog.left_out
        store_problem = getattr(self, "store_problem", None)
        settings_problems = getattr(self.app, "settings_problems", ())
        panel.display = bool(failures or left_out or store_problem or settings_problems)
        if not panel.display:
            return
        lines = [literal(str(notice)) for notice in left_out]
        if settings_problems:
            lines.append(Content.styled("settings.yaml has a mistake (the other settings "
                                        "apply):", "bold"))
            lines.extend(literal(str(problem)) for problem in settings_problems)
        if store_problem:
            lines.append(Content.styled("Your records could not be read:", "bold"))
            lines.append(literal(f"{store_problem}. Run 'coach doctor' for help."))
        if not failures:
            panel.update(Content("\n").join(lines))
            return
        for failure in failures:
            lines.append(literal(f"{failure.notice()}:").stylize("bold"))
            for problem in failure.problems:
                lines.append(literal(str(problem)))
        lines.append(Content.styled("coach notices the change by itself.", "dim"))
        panel.update(Content("\n").join(lines))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_preview(event.option.id)
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        coach_app(self).start_routine(event.option.id)

    def _show_preview(self, routine_id: str | None) -> None:
        routine = self.catalog.routines.get(routine_id or "")
        if routine is None:
            return
        parts = [literal(routine.title).stylize("bold")]
        if routine.description:
            parts.append(literal(routine.description))
        minutes = format_duration(routine.estimated_seconds())
        parts.append(Content.styled(f"{len(routine.steps)} step{'s' if len(routine.steps) != 1 else ''}"
                                    f" · about {minutes}", "dim"))
        parts.append(Content(""))
        for number, step in enumerate(routine.steps, start=1):
            parts.append(Content.assemble(f"{number}. ", literal(step.title)))
        self.query_one("#preview", Static).update(Content("\n").join(parts))
