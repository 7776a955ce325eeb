"""Starting a routine: from home, a reminder, the command palette or the support plan. One
left part way earlier today asks whether to go on. What today holds is read in a worker
thread, never on the UI's (tests/conftest.py checks), and the routine's screen follows."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING

from coach.store.records import CHECK_ROUTINE
from coach.session.run import RoutineRun
from coach.store import StoreError

if TYPE_CHECKING:
    from coach.routine.model import Routine
    from coach.foundation.values import StepOutcome
    from coach.tui.app import CoachApp
    from coach.tui.steps import StepEnv

#: The routine the support plan offers to start.
QUICK_RESET = "quick-reset"
#: The worker group that reads what today holds before a routine starts.
START_GROUP = "routine-start"


class RoutineStart:
    def __init__(self, app: CoachApp) -> None:
        self.app = app
        #: A start is reading what today holds: another start meanwhile (Enter pressed
        #: twice) would open the routine twice.
        self.starting = False

    def start_asked(self, routine_id: str) -> None:
        """`coach run ROUTINE`: the routine opens without home and its notices, so a routine
        run from its last good version says so here, in the words every command uses.
        `_check/phq9` (`coach check phq9`) opens that self-check on its own, and `coach now`
        asks for the "I need something now" screen the same way."""
        from coach.store.records import NOW_ROUTINE

        if routine_id.startswith(f"{CHECK_ROUTINE}/"):
            self.start_check(routine_id.removeprefix(f"{CHECK_ROUTINE}/"))
            return
        if routine_id == NOW_ROUTINE:
            self.app.action_now()
            return
        for failure in self.app.catalog.failures:
            if failure.path.stem == routine_id and routine_id in self.app.catalog.routines:
                self.app.notify(failure.notice(), title="Routine file", markup=False,
                                timeout=15)
        self.start(routine_id)

    def start(self, routine_id: str | None, *, fresh: bool = False) -> None:
        """Start a routine; one left earlier today asks whether to go on, unless `fresh`.
        What today holds is read in a worker; the routine's screen comes when it is read."""
        app = self.app
        routine = app.catalog.routines.get(routine_id or "")
        if routine is None:
            app.notify(f"No routine {routine_id!r}.", severity="error", markup=False)
            return
        reminded = app.reminders.reminded
        if reminded is not None and reminded.routine_id == routine.id:
            app.reminders.settled()
        if self.starting:  # a start asked for a moment ago is reading: its screen comes next
            return
        self.starting = True
        today = app.store.today()
        app.run_worker(partial(self._read_today, routine, today, fresh), thread=True,
                       exit_on_error=False, group=START_GROUP)

    def _read_today(self, routine: Routine, today: date, fresh: bool) -> None:
        """In a worker thread: the run left part way today, and whether today is done."""
        app, store = self.app, self.app.store
        try:
            session_id, earlier = store.open_session(routine.id, today)
            again = today in store.finished_days(routine.id, today)
        except StoreError as err:
            app.call_from_thread(self._could_not_read, err)
            return
        except BaseException:  # said by the app (worker_errors); a later start still works
            app.call_from_thread(self._read_ended)
            raise
        app.call_from_thread(self._begin, routine, today, fresh, session_id, earlier, again)

    def _read_ended(self) -> None:
        self.starting = False

    def _could_not_read(self, err: StoreError) -> None:
        self._read_ended()
        self.app.notify(f"{err}. coach cannot save until this is fixed (coach doctor helps).",
                        title="Your records", severity="error", timeout=30, markup=False)

    def _begin(self, routine: Routine, today: date, fresh: bool, session_id: str | None,
               earlier: dict[str, StepOutcome], again: bool) -> None:
        self._read_ended()
        app, store = self.app, self.app.store
        earlier = {k: v for k, v in earlier.items() if k in {s.id for s in routine.steps}}
        left_at = RoutineRun(routine, earlier)
        if earlier and not left_at.finished and not fresh:
            from coach.tui.screens.resume import ResumeScreen

            def chosen(resume: bool | None) -> None:
                if resume:
                    self._run(RoutineRun(routine, earlier, session_id, again=again))
                elif resume is not None:  # start over: the run left is set aside, kept
                    if session_id is not None:
                        app.saves.save_record(store.add, store.session_record(
                            routine.id, session_id, "set-aside", day=today))
                    self._run(RoutineRun(routine, again=again))

            app.push_screen(ResumeScreen(routine.title, left_at.settled_count,
                                         len(routine.steps)), chosen)
            return
        self._run(RoutineRun(routine, again=again))

    def start_check(self, form_key: str) -> None:
        """A self-check on its own, over wherever the person is: one step under `_check`.
        Nothing is read before it opens (it resumes nothing and counts no session); once
        open, its step reads when its form was last taken."""
        from coach.practice.questionnaires import FORMS
        from coach.routine.model import Routine
        from coach.routine.steps.check import CheckStep
        from coach.tui.screens.self_check import SelfCheckScreen

        form = FORMS.get(form_key)
        if form is None:
            self.app.notify(f"No self-check {form_key!r}; there are {', '.join(FORMS)}.",
                            severity="error", markup=False)
            return
        step = CheckStep(id=form.key, title=f"{form.name} ({form.about})", form=form)
        routine = Routine(id=CHECK_ROUTINE, title="Self-check", steps=(step,))
        self.app.reminders.hush()
        env = replace(self.step_env(), on_its_own=True)
        self.app.push_screen(SelfCheckScreen(RoutineRun(routine), env))

    def quick_reset(self) -> None:
        """From the support plan: the quick reset, over wherever the person was; when it ends,
        they are back there as they left it (a routine they were in stays as it was)."""
        from coach.tui.screens.run import RunScreen
        from coach.tui.screens.support import SupportScreen

        app = self.app
        if isinstance(app.screen, SupportScreen):
            app.screen.dismiss(None)  # the stack changes at once: app.screen is what was below
        below = app.screen
        if isinstance(below, RunScreen) and below.routine_run.routine.id == QUICK_RESET:
            return  # already in it: back to where it was
        self.start(QUICK_RESET, fresh=True)

    def step_env(self) -> StepEnv:
        from coach.tui.steps import StepEnv  # the step widgets load when a routine starts

        app = self.app
        return StepEnv(clock=app.clock, store=app.store, today=app.store.today(),
                       reduced_motion=app.settings.reduced_motion, bell=app.settings.bell)

    def _run(self, run: RoutineRun) -> None:
        from coach.tui.screens.run import RunScreen

        self.app.push_screen(RunScreen(run, self.step_env()))
