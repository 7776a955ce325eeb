"""The low-mood safety net: after a mood check-in, if recent check-ins have been low
(coach.support.net), what the person wrote for such days, once a day, stopping nothing."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from coach.session.run import RoutineRun
from coach.store import StoreError

if TYPE_CHECKING:
    from textual.worker import Worker

    from coach.support.load import PlanResult
    from coach.tui.app import CoachApp


class SupportNet:
    def __init__(self, app: CoachApp) -> None:
        self.app = app

    def offer_after_checkin(self, rating: int | None, today: date,
                            run: RoutineRun) -> Worker[None]:
        """In a worker thread: it reads check-ins and the plan, and remembers the offer."""
        return self.app.run_worker(lambda: self._offer(rating, today, run), thread=True,
                                   exit_on_error=False, group="net")

    def _offer(self, rating: int | None, today: date, run: RoutineRun) -> None:
        from coach.support.memory import Memory
        from coach.support.net import load_mood_days, should_offer

        app = self.app
        memory = Memory(app.store.directory)
        try:
            days = load_mood_days(app.store, today, app.settings.low_mood_days)
        except StoreError:
            days = {}
        # The rating counts for today whether or not its save has reached the disk (e4c662f).
        if not should_offer(days, today, rating, app.settings, memory.offered_on()):
            return
        result = app.support_loader()
        if app.call_from_thread(self._show, result, run):
            memory.mark_offered(today)

    def _show(self, result: PlanResult, run: RoutineRun) -> bool:
        """On the run it follows, or on its summary, even under the support plan; if the
        person has already gone home, not at all (and not marked as offered)."""
        from coach.tui.screens.run import RunScreen
        from coach.tui.screens.summary import SummaryScreen

        for screen in reversed(self.app.screen_stack):
            if isinstance(screen, (RunScreen, SummaryScreen)) and screen.routine_run is run:
                screen.show_net(result)
                return True
        return False
