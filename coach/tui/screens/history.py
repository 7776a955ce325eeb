"""The history screen: progress a person can see, as a trend, in kind words.

For the routine shown: a calendar of the last weeks (as many as fit), habit
strength with its change over a month, and the current and best runs. Below,
for the chosen range of days: mood by day, distress before and after each
kind of exercise, and planned activities with enjoyment predicted against
felt; and each self-check (PHQ-9, GAD-7) of the range with its band and its change
from the one before. Last, the year: the routine's habit strength over it, a column a
week, and a year at a glance, each day of the last twelve months by its mood. A day on
the calendar can be marked as a rest day, which habit strength treats as neutral (`z`),
and a day of the last 30 marked afterwards as done, partly done, a rest day or not marked
(`m`, see coach.store.marking), which `u` undoes at once.

What is shown is read in a thread, bounded by what is shown (see
insight.history_figures): the routines' series, the digests of the range's
months, the figures kept over all history. What was read is kept while no month
file changes, so switching back to a routine or range reads nothing again.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from coach.insight import marks
from coach.insight.history_figures import RoutineView
from coach.insight.measured import measured_lines
from coach.insight.mood import parts_of
from coach.insight.period import period_words
from coach.insight.overview import RANGES, RangeFigures, describe_range
from coach.insight.self_checks import NOT_A_DIAGNOSIS, in_range, result_line
from coach.insight.year_pixels import YearGrid
from coach.insight.words import (MOOD_SPLIT, activity_lines, effect_line, mood_average,
                                 runs_parts, strength_parts)
from coach.routine.model import Routine
from coach.store import StoreError
from coach.store.marking import DONE, NONE, PARTLY, RESTED, STATE_WORDS, markable
from coach.tui.app_access import coach_app
from coach.tui.text import literal
from coach.tui.widgets.better_days import BetterDaysSection
from coach.tui.widgets.glyphs import MARKED_NAMES, mark_glyph, plain_words
from coach.tui.widgets.heatmap import Heatmap, weeks_that_fit
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.mood_chart import MoodChart
from coach.tui.widgets.strength_chart import StrengthChart
from coach.tui.widgets.year_pixels import YearPixels
from coach.tui.worker_errors import ReportsWorkerErrors

#: How many activities the table lists, the most done first.
ACTIVITY_ROWS = 5
#: The calendar's marks are worked out for at least this many weeks (more when the
#: terminal is wide enough to show more), so a small resize reads nothing again.
CALENDAR_WEEKS_READ = 53

DAY_WORDS = {
    marks.DONE: "done",
    marks.PARTLY: "partly done",
    marks.NOT_DONE: "not done, and that is all right",
    marks.REST: "a rest day",
    marks.NOT_SCHEDULED: "not scheduled",
    marks.TODAY_OPEN: "still open today",
    marks.NONE: "nothing recorded",
    marks.MARKED_DONE: "marked done afterwards, and it counts",
    marks.MARKED_PARTLY: "marked partly done afterwards, and it counts",
}
#: What the person marked a day, as the calendar shows it (the choice starts there).
STATE_OF_MARK = {marks.MARKED_DONE: DONE, marks.MARKED_PARTLY: PARTLY, marks.REST: RESTED}


#: The calendar's shapes in the order the legend names them.
LEGEND = ((marks.DONE, "done"), (marks.PARTLY, "partly"), (marks.NOT_DONE, "not done"),
          (marks.TODAY_OPEN, "today"), (marks.REST, "rest day"),
          (marks.NOT_SCHEDULED, "not scheduled"))


def _rating(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}"


def legend_lines(plain: bool, marked: bool = False, flexible: bool = False) -> Content:
    """What each shape means, in two lines that fit beside the calendar; with `marked` (the
    calendar shows days marked afterwards), a third for them. For a routine kept a number
    of times (`flexible`) no day is owed: a day without it is "not due", not unscheduled."""
    def line(entries: tuple[tuple[str, str], ...]) -> str:
        return "  ".join(f"{mark_glyph(mark, plain)} "
                         f"{'not due' if flexible and mark == marks.NOT_SCHEDULED else name}"
                         for mark, name in entries)

    lines = [line(LEGEND[:3]), line(LEGEND[3:])]
    if marked:
        lines.append("".join(mark_glyph(mark, plain) for mark, _ in MARKED_NAMES)
                     + " marked by you afterwards")
    return Content("\n".join(lines))


#: How often an open history screen looks whether a new day has begun (as home does).
NEW_DAY_CHECK_SECONDS = 60


class HistoryScreen(ReportsWorkerErrors, Screen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back"),
        # Undo (only just after marking) and marking first: they stay in a narrow key bar.
        Binding("u", "undo_mark", "Undo"),
        Binding("m", "mark_day", "Mark day"),
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
        self.views: dict[str, RoutineView] = {}
        self.today: date | None = None
        #: The first day the calendar's marks were worked out for.
        self.since: date | None = None
        #: The last day marked here and what it was marked before: what `u` puts back.
        self.undoable: tuple[str, date, str] | None = None

    def compose(self) -> ComposeResult:
        self.plain = coach_app(self).plain
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
            yield Static(id="measured")
            yield Static(id="mood-title", classes="section")
            yield MoodChart(plain=self.plain, id="mood-chart")
            yield Static(MOOD_SPLIT, id="mood-split")
            yield Static(id="activities")
            yield BetterDaysSection(id="better-days")
            yield Static(id="effects")
            yield Static(id="self-checks")
            yield StrengthChart(plain=self.plain, id="strength-chart")
            yield YearPixels(plain=self.plain, id="year-pixels")
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

    def on_resize(self) -> None:
        """Wider than the calendar's marks were worked out for: work out the days it now
        shows."""
        first = self.query_one("#heatmap", Heatmap).first_shown()
        if self.since is not None and first is not None and first < self.since:
            self.since = None
            self.load()

    def on_screen_resume(self) -> None:
        """A visit from home: show it afresh. Back from the journal, where entries may have
        changed: read again (the months that changed only)."""
        if self._visiting:
            self._visiting = False
            self._open()
        elif self.today is not None:
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
            self.query_one("#history-title", Static).update(
                plain_words("Your progress · reading your history…", self.plain))
            self.load()

    def _show_from_memory(self) -> bool:
        """When nothing changed since the last visit (a stat a month file), show what it
        read at once, so the screen is painted once, filled in."""
        today = coach_app(self).store.today()
        known = coach_app(self).history.figures().known(
            self.routines, today, self._calendar_since(today), self.range_days)
        if known is None:
            return False
        self._loaded(*known, today)
        return True

    def _calendar_since(self, today: date) -> date:
        """The Monday of the oldest week the calendar could show at the terminal's width."""
        weeks = max(weeks_that_fit(self.app.size.width), CALENDAR_WEEKS_READ)
        this_week = today - timedelta(days=today.weekday())
        return date.fromordinal(max(1, this_week.toordinal() - 7 * (weeks - 1)))

    # -- loading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def load(self) -> None:
        """Read what is shown (each routine's series and calendar, the range's figures),
        away from the screen's thread."""
        try:
            today = coach_app(self).store.today()
            figures = coach_app(self).history.figures()
            views = figures.routines(self.routines, today, self._calendar_since(today))
            shown = figures.range(today, self.range_days, parts_of(self.routines))
            year = figures.year(today)
        except StoreError as err:
            self.app.call_from_thread(self._could_not_read, f"{err}. Run 'coach doctor' for help.")
            return
        except Exception as err:  # a worker's error would otherwise vanish, leaving "reading…"
            from coach.foundation.crash import log_error

            self.app.call_from_thread(self._could_not_read, f"an unexpected problem. Your "
                                      f"records are untouched. {log_error(err)}")
            return
        self.app.call_from_thread(self._loaded, views, shown, year, today)

    @work(thread=True, exclusive=True, group="history-warm", exit_on_error=False)
    def warm_ranges(self) -> None:
        """Once the figures are on screen: the other ranges, so switching to one only shows
        it (each reads its months' digests, all of history the kept figures)."""
        today = self.today
        if today is not None:
            figures = coach_app(self).history.figures()
            parts = parts_of(self.routines)
            for days in RANGES:
                figures.range(today, days, parts)

    @work(thread=True, exclusive=True, group="history-range", exit_on_error=False)
    def load_range(self, days: int | None) -> None:
        """A range not worked out yet (the screen's worker may still be on it)."""
        today = self.today
        if today is None:
            return
        shown = coach_app(self).history.figures().range(today, days, parts_of(self.routines))
        self.app.call_from_thread(self._range_loaded, days, shown)

    def _range_loaded(self, days: int | None, figures: RangeFigures) -> None:
        if days == self.range_days:
            self._show_range(figures)

    def _could_not_read(self, why: str) -> None:
        self.query_one("#history-title", Static).update(
            literal(f"Your history could not be read: {why}"))

    def _loaded(self, views: dict[str, RoutineView], figures: RangeFigures, year: YearGrid,
                today: date) -> None:
        self.views, self.today = views, today
        self.query_one("#year-pixels", YearPixels).show(year)
        self.since = min((view.since for view in views.values()), default=None)
        self._show_routine()
        self._show_range(figures)
        self.refresh_bindings()  # z (rest day) goes by the day's mark, known only now
        self.call_after_refresh(self.warm_ranges)

    # -- showing -----------------------------------------------------------------------------

    def _show_routine(self) -> None:
        routine = self.routines.get(self.routine_id or "")
        title = self.query_one("#history-title", Static)
        if routine is None:
            title.update("Your progress")
            self.query_one("#routine-panel").display = False
            self.query_one("#day-detail").display = False
            self.query_one("#strength-chart").display = False
            return
        position = f" ({list(self.routines).index(routine.id) + 1} of {len(self.routines)})" \
            if len(self.routines) > 1 else ""
        title.update(Content.assemble(("Your progress · ", "bold"),
                                      literal(routine.title, one_line=True).stylize("bold"),
                                      (position, "dim")))
        view = self.views.get(routine.id)
        if view is None or self.today is None:
            return
        progress = view.progress
        self.query_one("#heatmap", Heatmap).show(view.marks, self.today)
        self.query_one("#legend", Static).update(legend_lines(
            self.plain, any(mark in STATE_OF_MARK and mark != marks.REST
                            for mark in view.marks.values()),
            routine.schedule is not None and routine.schedule.flexible is not None))
        headline, change = strength_parts(progress)
        self.query_one("#strength", Static).update(Content.styled(headline, "bold"))
        self.query_one("#change", Static).update(change or "")
        self.query_one("#change", Static).display = change is not None
        runs = "\n".join(runs_parts(progress))
        if progress.strength is None:
            runs = "Your first time will show here. Every day you practise counts."
        elif progress.new and not runs:
            runs = "Runs begin when you finish it.\nEvery day you practise counts."
        self.query_one("#runs", Static).update(runs)
        self._show_measured(view)
        chart = self.query_one("#strength-chart", StrengthChart)
        chart.display = bool(view.weeks) and not progress.new
        chart.show(view.weeks)
        self._show_day()

    def _show_measured(self, view: RoutineView) -> None:
        """Each measure step's numbers over the calendar's days, newest last."""
        section = self.query_one("#measured", Static)
        section.display = bool(view.measured)
        width = max(20, self.size.width - 4)
        lines: list[Content] = []
        for series in view.measured:
            head, values = measured_lines(series, width)
            lines += [literal(head).stylize("bold"), literal(values)]
        section.update(Content("\n").join(lines))

    def _show_range(self, figures: RangeFigures) -> None:
        self.query_one("#mood-title", Static).update(Content.assemble(
            (f"Mood · {describe_range(self.range_days)}", "bold"),
            f" · {mood_average(figures.mood)}"))
        chart = self.query_one("#mood-chart", MoodChart)
        chart.display = bool(figures.mood.points)
        chart.show(figures.mood.points, figures.first, figures.last)
        self.query_one("#mood-split", Static).display = figures.mood.both_parts
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
        self._show_self_checks(figures)
        if self.today is not None:
            self.query_one(BetterDaysSection).show_range(
                self.today, self.range_days,
                {routine_id: routine.title for routine_id, routine in self.routines.items()})

    def _show_self_checks(self, figures: RangeFigures) -> None:
        """The range's self-checks (all of them over all history), from the series the
        routines were read with: nothing more is read."""
        first = figures.first if self.range_days is not None else date.min
        shown = in_range(coach_app(self).history.figures().checks(), first, figures.last)
        section = self.query_one("#self-checks", Static)
        section.display = bool(shown)
        section.update(Content("\n").join([
            Content.styled("Self-checks", "bold"),
            *(literal(result_line(result, figures.last)) for result in shown),
            Content.styled(NOT_A_DIAGNOSIS, "dim")]))

    def _show_day(self) -> None:
        heatmap = self.query_one("#heatmap", Heatmap)
        view = self.views.get(self.routine_id or "")
        if view is None:
            return
        day = heatmap.selected
        mark = view.marks.get(day, marks.NONE)
        assert self.today is not None
        words = DAY_WORDS[mark]
        routine = self.routines[self.routine_id or ""]
        if mark == marks.PARTLY:
            touched = view.days.touched_on(day)
            words = f"partly done ({min(touched, len(routine.steps))} of " \
                    f"{len(routine.steps)} steps)"
        flexible = routine.schedule.flexible if routine.schedule is not None else None
        if flexible is not None and mark != marks.NONE:
            # No day of it is owed: "not scheduled" would mislead; its period says more.
            if mark == marks.NOT_SCHEDULED:
                words = "not done"
            words += f" · {period_words(flexible, day, self.today, view.days.finished_between)}"
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
        if action == "mark_day":
            return self._mark_allowed()
        if action == "undo_mark":
            return self.undoable is not None
        return True

    def _mark_allowed(self) -> bool:
        """A day of the last 30 of a routine whose days are known can be marked."""
        if self.views.get(self.routine_id or "") is None or self.today is None:
            return False
        return markable(self.query_one("#heatmap", Heatmap).selected, self.today)

    def _rest_day_allowed(self) -> bool:
        view = self.views.get(self.routine_id or "")
        if view is None or self.today is None:
            return False
        mark = view.marks.get(self.query_one("#heatmap", Heatmap).selected)
        return mark in (marks.NOT_DONE, marks.TODAY_OPEN, marks.PARTLY, marks.REST,
                        marks.MARKED_DONE, marks.MARKED_PARTLY)

    def binding_label(self, action: str) -> str | None:
        view = self.views.get(self.routine_id or "")
        if action == "rest_day" and view is not None:
            day = self.query_one("#heatmap", Heatmap).selected
            if view.marks.get(day) == marks.REST:
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
        today = self.today
        if today is None:
            return
        known = coach_app(self).history.figures().range_known(today, self.range_days,
                                                              parts_of(self.routines))
        if known is not None:
            self._show_range(known)
        else:
            self.query_one("#mood-title", Static).update(Content.assemble(
                (f"Mood · {describe_range(self.range_days)}", "bold"), plain_words(" · working it out…", self.plain)))
            self.load_range(self.range_days)

    def action_rest_day(self) -> None:
        if not self._rest_day_allowed() or self.routine_id is None:
            return
        day = self.query_one("#heatmap", Heatmap).selected
        rest = self.views[self.routine_id].marks.get(day) != marks.REST
        self.mark_rest_day(self.routine_id, day, rest)

    def mark_rest_day(self, routine_id: str, day: date, rest: bool) -> None:
        def marked(_: object) -> None:
            words = "is a rest day now. Rest is part of it." if rest else \
                "is not a rest day now."
            self.app.notify(f"{day:%A %-d %B} {words}", title="Rest day", markup=False)
            self.load()

        app = coach_app(self)
        app.saves.save(partial(app.store.set_rest_day, routine_id, day, rest), done=marked)

    def action_mark_day(self) -> None:
        from coach.tui.screens.mark_day import MarkDayScreen

        routine = self.routines.get(self.routine_id or "")
        if not self._mark_allowed() or routine is None:
            return
        day = self.query_one("#heatmap", Heatmap).selected
        current = STATE_OF_MARK.get(self.views[routine.id].marks.get(day, marks.NONE), NONE)

        def chosen(state: str | None) -> None:
            if state is not None:
                self.mark_day(routine.id, day, state)

        self.app.push_screen(MarkDayScreen(routine.title, day, current), chosen)

    def mark_day(self, routine_id: str, day: date, state: str, *, undoing: bool = False) -> None:
        """Save the day's mark (in the saves' thread, which reads what it was first, for
        `u`); then say so and show it."""
        store = coach_app(self).store

        def mark() -> str:
            before = store.day_marks(routine_id, day, day).get(day.isoformat(), NONE)
            store.mark_day(routine_id, day, state)
            return before

        def marked(before: object) -> None:
            self.undoable = None if undoing else (routine_id, day, str(before))
            routine = self.routines.get(routine_id)
            title = routine.title if routine is not None else routine_id
            words = f"{day:%A} {day.day} {day:%B} is {STATE_WORDS[state]} for {title} now." \
                if state != NONE else f"{day:%A} {day.day} {day:%B} has no mark of yours now."
            if undoing:
                words = f"Undone. {words}"
            elif self.views.get(routine_id) and \
                    self.views[routine_id].marks.get(day) == marks.DONE:
                words += " You finished it in coach that day, and that still counts."
            self.app.notify(words, title="Marked", markup=False)
            self.refresh_bindings()
            self.load()

        coach_app(self).saves.save(mark, done=marked)

    def action_undo_mark(self) -> None:
        if self.undoable is None:
            return
        routine_id, day, before = self.undoable
        self.undoable = None
        self.refresh_bindings()
        self.mark_day(routine_id, day, before, undoing=True)

    def action_entries(self) -> None:
        from coach.tui.screens.entries import EntriesScreen

        self.app.push_screen(EntriesScreen())

