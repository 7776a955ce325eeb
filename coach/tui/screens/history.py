"""The history screen: progress a person can see, as a trend, in kind words.

For the routine shown: a calendar of the last weeks (as many as fit), habit
strength with its change over a month, and the current and best runs. Below,
for the chosen range of days: mood by day, distress before and after each
kind of exercise, and planned activities with enjoyment predicted against
felt. A day on the calendar can be marked as a rest day, which habit strength
treats as neutral.

All of history is read once, in a thread, from the month digests (see
insight.history); switching the routine or the range computes again from
memory, so nothing blocks the screen.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.insight import marks
from coach.insight.history import History
from coach.insight.overview import (RANGES, RangeFigures, describe_range, progress_of,
                                    progress_ready, range_figures, range_ready)
from coach.insight.strength import RoutineProgress
from coach.insight.words import (activity_lines, effect_line, mood_average, runs_parts,
                                 strength_parts)
from coach.routine.model import Routine
from coach.store import StoreError
from coach.tui.app_access import coach_app
from coach.tui.text import literal
from coach.tui.widgets.glyphs import wants_plain
from coach.tui.widgets.glyphs import mark_glyph
from coach.tui.widgets.heatmap import Heatmap
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.mood_chart import MoodChart
from coach.tui.worker_errors import ReportsWorkerErrors

#: How many activities the table lists, the most done first.
ACTIVITY_ROWS = 5

DAY_WORDS = {
    marks.DONE: "done",
    marks.PARTLY: "partly done",
    marks.NOT_DONE: "not done, and that is all right",
    marks.REST: "a rest day",
    marks.NOT_SCHEDULED: "not scheduled",
    marks.TODAY_OPEN: "still open today",
    marks.NONE: "nothing recorded",
}


#: The calendar's shapes in the order the legend names them.
LEGEND = ((marks.DONE, "done"), (marks.PARTLY, "partly"), (marks.NOT_DONE, "not done"),
          (marks.TODAY_OPEN, "today"), (marks.REST, "rest day"),
          (marks.NOT_SCHEDULED, "not scheduled"))


def _rating(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def legend_lines(plain: bool) -> Content:
    """What each shape means, in two lines that fit beside the calendar."""
    def line(entries: tuple[tuple[str, str], ...]) -> str:
        return "  ".join(f"{mark_glyph(mark, plain)} {name}" for mark, name in entries)

    return Content(line(LEGEND[:3]) + "\n" + line(LEGEND[3:]))


#: How often an open history screen looks whether a new day has begun (as home does).
NEW_DAY_CHECK_SECONDS = 60


class HistoryScreen(ReportsWorkerErrors, Screen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        Binding("n", "next_routine", "Routine"),
        Binding("N", "next_routine(-1)", "Previous routine", show=False),
        Binding("t", "next_range", "Range"),
        Binding("z", "rest_day", "Rest day"),
        Binding("j", "entries", "Journal"),
    ]

    def __init__(self, routine_id: str | None = None) -> None:
        super().__init__()
        self.routine_id = routine_id
        self.range_days: int | None = RANGES[0]
        self.history: History | None = None
        self.progress: dict[str, RoutineProgress] = {}
        self.today: date | None = None
        self.plain = wants_plain()

    def compose(self) -> ComposeResult:
        yield Static(id="history-title")
        with VerticalScroll(id="history-body"):
            with Horizontal(id="routine-panel"):
                yield Heatmap(today=coach_app(self).store.today(),
                              plain=self.plain, id="heatmap")
                with Vertical(id="routine-figures"):
                    yield Static(id="strength")
                    yield Static(id="change")
                    yield Static(id="runs")
                    yield Static(legend_lines(self.plain), id="legend")
            yield Static(id="day-detail")
            yield Static(id="mood-title", classes="section")
            yield MoodChart(plain=self.plain, id="mood-chart")
            yield Static(id="activities")
            yield Static(id="effects")
        yield KeyBar()

    @property
    def routines(self) -> dict[str, Routine]:
        """The routines in the home screen's order, so `n` goes down the same list."""
        catalog = coach_app(self).catalog
        return {routine.id: routine for routine in catalog.ordered()}

    def visit(self, routine_id: str | None) -> None:
        """Home opens the screen again (it is kept, so a second visit builds nothing): on this
        routine, the first range and today, as on the first visit."""
        self.routine_id = routine_id
        self.range_days = RANGES[0]
        self._visiting = True

    _visiting = True

    def on_mount(self) -> None:
        self.set_interval(NEW_DAY_CHECK_SECONDS, self.check_new_day)

    def check_new_day(self) -> None:
        """Left open into a new day (past the day's start hour), the screen moves on to it, as
        home does: today is today, and a calendar left on the old today follows it."""
        if self.today is None or not self.is_current:
            return  # a visit from home starts on today anyway
        today = coach_app(self).store.today()
        if today == self.today:
            return
        heatmap = self.query_one("#heatmap", Heatmap)
        on_today = heatmap.selected == self.today
        heatmap.today = today
        if on_today:
            heatmap.selected = today
        self.load()

    def on_screen_resume(self) -> None:
        """A visit from home: show it afresh. Back from the journal, where entries may have
        changed: read again (the months that changed only)."""
        if self._visiting:
            self._visiting = False
            self._open()
        elif self.history is not None:
            self.load()

    def _open(self) -> None:
        ids = list(self.routines)
        if self.routine_id not in ids:
            self.routine_id = ids[0] if ids else None
        heatmap = self.query_one("#heatmap", Heatmap)
        heatmap.today = coach_app(self).store.today()
        heatmap.selected = heatmap.today
        heatmap.focus()
        self.query_one("#history-body", VerticalScroll).scroll_home(animate=False)
        try:
            shown = self._show_from_memory()
        except Exception:  # the worker works it out again, and says what went wrong
            shown = False
        if not shown:
            self.query_one("#history-title", Static).update("Your progress · reading your history…")
            self.load()

    def _show_from_memory(self) -> bool:
        """When nothing changed since home worked out every routine's progress, show it at
        once (a stat a month; the month's mood and activities from memory or in a few ms),
        so the screen is painted once, filled in."""
        store = coach_app(self).store
        history = coach_app(self).history.loader_now().unchanged()
        today = store.today()
        if history is None or not all(progress_ready(history, routine, today)
                                      for routine in self.routines.values()):
            return False
        progress = {routine_id: progress_of(history, routine, today)
                    for routine_id, routine in self.routines.items()}
        self._loaded(history, progress, range_figures(history, today, self.range_days), today)
        return True

    # -- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load(self) -> None:
        """Read all of history (digests, in memory after the first time) and work out every
        routine's progress, away from the screen's thread."""
        try:
            store = coach_app(self).store
            today = store.today()
            history = coach_app(self).history.load()
            progress = {routine_id: progress_of(history, routine, today)
                        for routine_id, routine in self.routines.items()}
            figures = range_figures(history, today, self.range_days)
        except StoreError as err:
            self.app.call_from_thread(self._could_not_read, f"{err}. Run 'coach doctor' for help.")
            return
        except Exception as err:  # a worker's error would otherwise vanish, leaving "reading…"
            from coach.foundation.crash import log_error

            self.app.call_from_thread(self._could_not_read, f"an unexpected problem. Your "
                                      f"records are untouched. {log_error(err)}")
            return
        self.app.call_from_thread(self._loaded, history, progress, figures, today)

    @work(thread=True, exclusive=True, group="history-warm", exit_on_error=False)
    def warm_ranges(self) -> None:
        """Once the figures are on screen: the other ranges, so switching to one only shows
        it (all of history takes longest)."""
        if self.history is not None and self.today is not None:
            for days in RANGES:
                range_figures(self.history, self.today, days)

    @work(thread=True, exclusive=True, group="history-range", exit_on_error=False)
    def load_range(self, days: int | None) -> None:
        """A range not worked out yet (the screen's worker may still be on it)."""
        history, today = self.history, self.today
        if history is None or today is None:
            return
        figures = range_figures(history, today, days)
        self.app.call_from_thread(self._range_loaded, days, figures)

    def _range_loaded(self, days: int | None, figures: RangeFigures) -> None:
        if days == self.range_days:
            self._show_range(figures)

    def _could_not_read(self, why: str) -> None:
        self.query_one("#history-title", Static).update(
            literal(f"Your history could not be read: {why}"))

    def _loaded(self, history: History, progress: dict[str, RoutineProgress],
                figures: RangeFigures, today: date) -> None:
        self.history, self.progress, self.today = history, progress, today
        self._show_routine()
        self._show_range(figures)
        self.call_after_refresh(self.warm_ranges)

    # -- showing -----------------------------------------------------------------------------

    def _show_routine(self) -> None:
        routine = self.routines.get(self.routine_id or "")
        title = self.query_one("#history-title", Static)
        if routine is None:
            title.update("Your progress")
            self.query_one("#routine-panel").display = False
            self.query_one("#day-detail").display = False
            return
        position = f" ({list(self.routines).index(routine.id) + 1} of {len(self.routines)})" \
            if len(self.routines) > 1 else ""
        title.update(Content.assemble(("Your progress · ", "bold"),
                                      literal(routine.title, one_line=True).stylize("bold"),
                                      (position, "dim")))
        progress = self.progress.get(routine.id)
        if progress is None or self.today is None:
            return
        self.query_one("#heatmap", Heatmap).show(progress.days, self.today)
        headline, change = strength_parts(progress)
        self.query_one("#strength", Static).update(Content.styled(headline, "bold"))
        self.query_one("#change", Static).update(change or "")
        self.query_one("#change", Static).display = change is not None
        runs = "\n".join(runs_parts(progress))
        if progress.strength is None:
            runs = "Your first time will show here. Every day you practise counts."
        self.query_one("#runs", Static).update(runs)
        self._show_day()

    def _show_range(self, figures: RangeFigures) -> None:
        self.query_one("#mood-title", Static).update(Content.assemble(
            (f"Mood · {describe_range(self.range_days)}", "bold"),
            f" · {mood_average(figures.mood)}"))
        chart = self.query_one("#mood-chart", MoodChart)
        chart.display = bool(figures.mood.points)
        chart.show(figures.mood.points, figures.first, figures.last)
        effects = [effect_line(effect) for effect in figures.effects]
        self.query_one("#effects", Static).update(Content("\n").join([
            Content.styled("Before and after an exercise (distress 0-10)", "bold"),
            *(literal(line) for line in effects or
              ["Rate how you feel before and after an exercise to see what helps you."])]))
        first, *rest = activity_lines(figures.activities)
        lines = [Content.assemble(("Activities", "bold"), f" · {first[0].lower()}{first[1:]}"),
                 *map(literal, rest)]
        for row in figures.activities.rows[:ACTIVITY_ROWS]:
            times = f"done {row.done} time{'s' if row.done != 1 else ''}"
            lines.append(Content.assemble(
                ("• ", "$accent"), literal(row.name, one_line=True),
                (f"  {times} · expected {_rating(row.predicted)} · felt "
                 f"{_rating(row.pleasure)} · achievement {_rating(row.mastery)}", "dim")))
        self.query_one("#activities", Static).update(Content("\n").join(lines))

    def _show_day(self) -> None:
        heatmap = self.query_one("#heatmap", Heatmap)
        progress = self.progress.get(self.routine_id or "")
        if progress is None:
            return
        day = heatmap.selected
        mark = progress.days.get(day, marks.NONE)
        assert self.today is not None
        words = DAY_WORDS[mark]
        if mark == marks.PARTLY and self.history is not None:
            routine = self.routines[self.routine_id or ""]
            touched = self.history.routine(routine.id).touched.get(day, 0)
            words = f"partly done ({min(touched, len(routine.steps))} of " \
                    f"{len(routine.steps)} steps)"
        when = f"{day:%A %-d %B}" if day.year == self.today.year else f"{day:%A %-d %B %Y}"
        self.query_one("#day-detail", Static).update(
            Content.assemble((f"{when}: ", "bold"), words))

    def on_heatmap_day_selected(self, _: Heatmap.DaySelected) -> None:
        self._show_day()
        self.refresh_bindings()

    # -- keys --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_routine":
            return len(self.routines) > 1
        if action == "rest_day":
            return self._rest_day_allowed()
        return True

    def _rest_day_allowed(self) -> bool:
        progress = self.progress.get(self.routine_id or "")
        if progress is None or self.today is None:
            return False
        mark = progress.days.get(self.query_one("#heatmap", Heatmap).selected)
        return mark in (marks.NOT_DONE, marks.TODAY_OPEN, marks.PARTLY, marks.REST)

    def binding_label(self, action: str) -> str | None:
        if action == "rest_day" and self.progress.get(self.routine_id or "") is not None:
            day = self.query_one("#heatmap", Heatmap).selected
            if self.progress[self.routine_id or ""].days.get(day) == marks.REST:
                return "Not a rest day"
        return None

    def action_next_routine(self, step: int = 1) -> None:
        ids = list(self.routines)
        if not ids:
            return
        index = ids.index(self.routine_id) if self.routine_id in ids else 0
        self.routine_id = ids[(index + step) % len(ids)]
        self._show_routine()
        self.refresh_bindings()

    def action_next_range(self) -> None:
        self.range_days = RANGES[(RANGES.index(self.range_days) + 1) % len(RANGES)]
        history, today = self.history, self.today
        if history is None or today is None:
            return
        if range_ready(history, today, self.range_days):
            self._show_range(range_figures(history, today, self.range_days))
        else:
            self.query_one("#mood-title", Static).update(Content.assemble(
                (f"Mood · {describe_range(self.range_days)}", "bold"), " · working it out…"))
            self.load_range(self.range_days)

    def action_rest_day(self) -> None:
        if not self._rest_day_allowed() or self.routine_id is None:
            return
        day = self.query_one("#heatmap", Heatmap).selected
        rest = self.progress[self.routine_id].days.get(day) != marks.REST
        self.mark_rest_day(self.routine_id, day, rest)

    def mark_rest_day(self, routine_id: str, day: date, rest: bool) -> None:
        def marked(_: object) -> None:
            words = "is a rest day now. Rest is part of it." if rest else \
                "is not a rest day now."
            self.app.notify(f"{day:%A %-d %B} {words}", title="Rest day", markup=False)
            self.load()

        app = coach_app(self)
        app.saves.save(partial(app.store.set_rest_day, routine_id, day, rest), done=marked)

    def action_entries(self) -> None:
        from coach.tui.screens.entries import EntriesScreen

        self.app.push_screen(EntriesScreen())

