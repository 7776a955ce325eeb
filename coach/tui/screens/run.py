"""The runner: one step at a time, with where you are and how long it has taken.

Each step's outcome is stored the moment it is finished, in the app's writer thread
so a slow disk never stalls the pacer. The saves are written one after another in the
order they were made, so a later save of a step never lands before an earlier one.
What is typed in the open step is kept as it is typed (screens/typing_keeper.py), and
every way out of the run keeps it as a draft (`keep_for_later`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.notifications import Notification, SeverityLevel
from textual.screen import Screen
from textual.widgets import Static

from coach.practice.clock import Stopwatch
from coach.session.run import RoutineRun, Status, StepOutcome
from coach.store import StoreError
from coach.tui.app_access import coach_app
from coach.tui.screens.typing_keeper import TypingKeeper, draft_data
from coach.tui.steps import WIDGETS, StepEnv, StepWidget
from coach.tui.steps.base import on_the_clock
from coach.tui.steps.typed import TYPED, put_back
from coach.tui.text import literal
from coach.tui.widgets.fields import KeepsStored
from coach.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from coach.support.load import PlanResult


def clock_text(seconds: float) -> str:
    minutes, seconds = divmod(int(seconds), 60)
    return f"{minutes}:{seconds:02d}"


class RunScreen(Screen[None]):
    CSS_PATH = "run.tcss"
    BINDINGS = [
        Binding("ctrl+n", "next", "Next", priority=True),
        Binding("enter", "next", "Next", show=False),
        Binding("ctrl+p", "back", "Back", priority=True),
        Binding("ctrl+s", "skip", "Skip", priority=True),
        Binding("space", "pause", "Pause"),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self, run: RoutineRun, env: StepEnv) -> None:
        super().__init__()
        self.routine_run = run
        self.env = env
        self.session_id = run.session_id
        self.stopwatch = Stopwatch(env.clock)
        self.step_started: datetime | None = None
        self.widget: StepWidget | None = None
        #: A timed step paused because another screen (the support plan) came over this one.
        self._paused_while_covered = False
        #: The step the gentle net appeared on; it goes when the person moves on from there.
        self._net_step: int | None = None
        #: What was said about the step on screen (a problem with what was typed): it goes
        #: when the step does.
        self._step_notes: list[Notification] = []
        #: Keeps what is typed in the open step on disk as it is typed.
        self.keeper = TypingKeeper(self)

    def compose(self) -> ComposeResult:
        with Horizontal(id="run-header"):
            yield Static(literal(self.routine_run.routine.title), id="routine-title")
            yield Static(id="run-position")
        yield Static(id="step-title")
        yield VerticalScroll(id="step-body")
        yield KeyBar()

    async def on_mount(self) -> None:
        event = "resumed" if self.routine_run.resumed else "started"
        self.save_session(event)
        self.stopwatch.start()
        self.set_interval(1, self._each_second)
        await self.show_step()

    # -- showing ---------------------------------------------------------------------------

    def _each_second(self) -> None:
        self.show_position()
        self.keeper.look()

    async def show_step(self) -> None:
        step = self.routine_run.current
        assert step is not None
        self._withdraw_step_notes()
        body = self.query_one("#step-body", VerticalScroll)
        self.widget = None  # what it held is stored: nothing looks at it while it goes
        await body.remove_children()
        if self._net_step is not None and self._net_step != self.routine_run.index:
            self._net_step = None
            await self.query("#safety-net").remove()
        kind = WIDGETS[step.type_name]
        today_read = None
        if kind.reads_today:  # the step just finished may be on its way
            await coach_app(self).saves.written()
            today_read = await self._read_today(kind)
        self.widget = kind(step, self.env)
        self.widget.today_read = today_read
        await body.mount(self.widget)
        earlier = self.routine_run.outcomes.get(step.id)
        typed_focus = None
        if earlier is not None and earlier.status in ("done", "draft"):
            if not self.widget.timed:
                self.widget.restore(earlier.data)
            if earlier.status == "draft":  # as it was typed, the cursor where it was left
                typed_focus = put_back(self.widget, earlier.data.get(TYPED))
            self._say_if_codes_shown()
        self.query_one("#step-title", Static).update(literal(step.title))
        self.step_started = self.env.store.now()
        self.show_position()
        self.widget.focus_first()
        if typed_focus is not None:
            self.set_focus(typed_focus)
        self.refresh_bindings()

    async def _read_today(self, kind: type[StepWidget]) -> Any:
        """What the step shows of today's records, read in a worker thread; None if that
        failed (the app says so: see worker_errors)."""
        from textual.worker import WorkerFailed

        worker = coach_app(self).run_worker(partial(kind.read_today, self.env), thread=True,
                                            exit_on_error=False, group="step-today")
        try:
            return await worker.wait()
        except WorkerFailed:
            return None

    def _say_if_codes_shown(self) -> None:
        """Restored text with control characters is shown written out: say so, and that it
        stays as saved unless changed, so nothing about it is silent."""
        if any(isinstance(w, KeepsStored) and w.shows_codes for w in self.query("*")):
            self.say_about_step("What you saved here holds characters a terminal would act "
                                "on; they are shown written out, such as \\x1b. They stay as "
                                "saved unless you change that text.", title="Shown as codes",
                                timeout=10)

    def say_about_step(self, message: str, *, title: str, severity: SeverityLevel = "information",
                       timeout: float) -> None:
        """A notification about the step on screen: taken back when the step changes."""
        self._step_notes.append(coach_app(self).notify(message, title=title, severity=severity,
                                                       timeout=timeout, markup=False))

    def _withdraw_step_notes(self) -> None:
        if self._step_notes:
            coach_app(self).withdraw(self._step_notes)
            self._step_notes = []

    def on_unmount(self) -> None:
        self._withdraw_step_notes()

    def show_position(self) -> None:
        text = f"{self.routine_run.position_label()} · {clock_text(self.elapsed())}"
        self.query_one("#run-position", Static).update(Content.styled(text, "dim"))

    def elapsed(self) -> float:
        """The routine's time: what was spent before a resume, and this run's."""
        return self.routine_run.earlier_seconds + self.stopwatch.elapsed()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pause":
            clocked = on_the_clock(self.widget)
            return clocked is not None and clocked.stage == "exercise"
        if action == "back":
            return self.routine_run.index > 0 or bool(self.widget and
                                                       self.widget.has_stage_before())
        return True

    # -- actions ---------------------------------------------------------------------------

    async def action_next(self) -> None:
        widget = self.widget
        if widget is None or self.routine_run.finished:
            return
        if widget.next_stage():
            self.refresh_bindings()
            return
        problems = widget.stopping_next()
        # All of them at once, each once, under its field: a notification repeating them
        # would cover the fields they are about.
        widget.show_problems(problems)
        if problems:
            widget.show_first_problem(problems)
            return
        data = widget.result()
        if self._earlier_answer_stands(data):
            self.routine_run.keep_current()
            await self._after_step()
            return
        await self.finish_step("done" if data is not None else "skipped", data)

    def _earlier_answer_stands(self, data: dict[str, Any] | None) -> bool:
        """Going back and on again must not replace what was saved with less."""
        step = self.routine_run.current
        earlier = self.routine_run.outcomes.get(step.id) if step else None
        if earlier is None or earlier.status != "done":
            return False
        if data is None or data == earlier.data:
            return True
        return bool(self.widget and self.widget.timed and
                    data.get("seconds", 0) < earlier.data.get("seconds", 0))

    async def on_step_widget_advance(self, event: StepWidget.Advance) -> None:
        event.stop()
        await self.action_next()

    async def action_skip(self) -> None:
        if self.widget is not None and not self.routine_run.finished:
            if self._earlier_answer_stands(None):
                self.routine_run.keep_current()
                await self._after_step()
                return
            kept = self.widget.kept_on_skip()
            if kept is not None:
                await self.finish_step("done", kept)
                return
            await self.finish_step("skipped", None)

    async def action_back(self) -> None:
        """Back a step (or a page inside it); what was typed in this one is kept as a draft,
        there on the way on."""
        if self.widget is not None and self.widget.back_stage():
            self.refresh_bindings()
            return
        if self.routine_run.index == 0:
            return
        self._keep_what_was_typed()
        self.keeper.settled()
        if self.routine_run.back():
            await self.show_step()

    def action_pause(self) -> None:
        widget = on_the_clock(self.widget)
        if widget is None:
            return
        if widget.is_paused:
            widget.resume()
            self.stopwatch.resume()
        else:
            widget.pause()
            self.stopwatch.pause()
        self.refresh_bindings()

    def binding_label(self, action: str) -> str | None:
        """What the key bar calls a key now: space is Resume while paused; Next what the
        step says it does there."""
        clocked = on_the_clock(self.widget)
        if action == "pause" and clocked is not None and clocked.is_paused:
            return "Resume"
        if action == "next" and self.widget is not None:
            return self.widget.next_label()
        return None

    # -- another screen over this one ------------------------------------------------------

    def on_screen_suspend(self) -> None:
        """The support plan (or any screen) came over the run: a running exercise waits."""
        widget = on_the_clock(self.widget)
        if widget is not None and widget.stage == "exercise" and not widget.is_paused:
            self.action_pause()
            self._paused_while_covered = True

    def on_screen_resume(self) -> None:
        """Back on this screen: an exercise paused for the cover goes on where it was; one the
        person paused stays paused."""
        if self._paused_while_covered:
            self._paused_while_covered = False
            clocked = on_the_clock(self.widget)
            if clocked is not None and clocked.is_paused:
                self.action_pause()

    def show_net(self, result: PlanResult) -> None:
        """The gentle net below the step, without taking the keyboard."""
        from coach.tui.widgets.safety_net import SafetyNet

        self.query("#safety-net").remove()
        self._net_step = self.routine_run.index
        self.mount(SafetyNet(result), after="#step-body")

    #: Set when the terminal is gone: saves are written at once, in this thread.
    saving_at_once = False

    def keep_for_later(self) -> bool:
        """Save what leaving keeps: what was typed in this step as a draft, and the session
        as left. Whether there was anything to keep."""
        self._keep_what_was_typed()
        self.keeper.settled()
        if self.routine_run.outcomes:
            self.save_session("left")
            return True
        return False

    def action_leave(self) -> None:
        if self.keep_for_later():
            self.app.notify(self._left_words(), title="See you soon", markup=False)
        self.dismiss(None)

    def _left_words(self) -> str:
        """What leaving kept, of this run only; a routine already done today stays done."""
        run = self.routine_run
        if coach_app(self).saves.behind is not None:
            words = [f"Kept {run.settled_count} of {len(run.steps)} steps of this run; saving "
                     "them is behind, and coach keeps trying."]
        else:
            words = [f"Saved {run.settled_count} of {len(run.steps)} steps of this run."]
        drafts = [step.title for step in run.steps
                  if (outcome := run.outcomes.get(step.id)) and outcome.status == "draft"]
        if drafts:
            words.append(f"What you gave in {', '.join(drafts)} is kept as a draft, as you "
                         "left it.")
        if run.again:
            words.append("The routine stays done today. Start it again to go on where "
                         "you stopped.")
        else:
            words.append("Start the routine again today to go on where you stopped, or press "
                         "z on the home screen to make today a rest day.")
        return " ".join(words)

    # -- results ---------------------------------------------------------------------------

    def _keep_what_was_typed(self) -> None:
        """Leaving mid-step keeps what the person gave there (a journal, a plan, a rating
        before an exercise, a time not yet readable) as a draft: the step is not done, and
        going on later starts there, as it was typed. A step done before and changed on
        the way back keeps the change, still done."""
        widget, step = self.widget, self.routine_run.current
        if widget is None or step is None:
            return
        earlier = self.routine_run.outcomes.get(step.id)
        if earlier is not None and earlier.status == "done":
            if widget.timed or widget.problem():
                return
            data = widget.result()
            if data is None or self._earlier_answer_stands(data):
                return
            status: Status = "done"
        else:
            data = draft_data(widget)
            if data is None and earlier is not None and earlier.status == "draft" and earlier.data:
                data = {}  # the draft was erased: keep that, not the text from before
            if data is None or (earlier is not None and earlier.status == "draft"
                                and earlier.data == data):
                return
            status = "draft"
        started = self.step_started or self.env.store.now()
        self.save_step(self.routine_run.finish_step(status, started, self.env.store.now(), data))

    async def finish_step(self, status: Status, data: dict[str, Any] | None) -> None:
        started = self.step_started or self.env.store.now()
        step = self.routine_run.current
        outcome = self.routine_run.finish_step(status, started, self.env.store.now(), data)
        self.save_step(outcome)
        if step is not None and step.type_name == "mood" and status == "done" and data:
            rating = data.get("rating")
            coach_app(self).support_net.offer_after_checkin(
                rating if isinstance(rating, int) else None, self.env.today, self.routine_run)
        await self._after_step()

    async def _after_step(self) -> None:
        self.keeper.settled()
        if self.routine_run.finished:
            self.save_session("finished")
            from coach.tui.screens.summary import SummaryScreen

            self.app.switch_screen(SummaryScreen(self.routine_run, self.elapsed()))
        else:
            await self.show_step()

    def save_step(self, outcome: StepOutcome) -> None:
        self._keep(self.env.store.step_record(self.routine_run.routine.id, self.session_id,
                                              outcome, day=self.env.today))

    def save_session(self, event: str) -> None:
        schedule = self.routine_run.routine.schedule
        self._keep(self.env.store.session_record(
            self.routine_run.routine.id, self.session_id, event, day=self.env.today,
            steps_total=len(self.routine_run.steps),
            weekdays=schedule.days if schedule is not None else None))

    def store_later(self, work: Callable[..., object], *args: object) -> None:
        """Store work that a later one replaces (what is being typed): written in order with
        the other saves, and not tried again if it fails."""
        if self.saving_at_once:
            try:
                work(*args)
            except (StoreError, OSError):
                pass  # the terminal is gone: the draft record kept on leaving stands
            return
        coach_app(self).saves.save(partial(work, *args), again=False)

    def _keep(self, record: dict[str, Any]) -> None:
        """Store through the app's writer: in a thread, so a slow disk never stalls the
        pacer; in order, so the last state of a step is the one kept; written even when
        this screen closes first, as it does when the routine ends; and kept until it
        lands when the disk is full. When the terminal is gone, at once."""
        if not self.saving_at_once:
            coach_app(self).saves.save_record(self.env.store.add, record)
            return
        try:
            self.env.store.add(record)
        except StoreError:  # no one to tell: kept in a file of its own as coach ends
            coach_app(self).saves.not_written.append(record)
