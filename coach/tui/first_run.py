"""The first time coach opens: what coach is and is not, and the key to the support plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.worker import Worker

    from coach.support.memory import Memory
    from coach.tui.app import CoachApp


class FirstRunStatement:
    def __init__(self, app: CoachApp) -> None:
        self.app = app

    def show_once(self) -> Worker[None]:
        """In a worker thread: whether it was seen is a file, and so is the example plan."""
        return self.app.run_worker(self._show_once, thread=True, exit_on_error=False,
                                   group="statement")

    def _show_once(self) -> None:
        from coach.support.memory import Memory

        memory = Memory(self.app.store.directory)
        if memory.statement_seen():
            return
        from coach.support.load import place_example_plan

        place_example_plan()  # the plan to make one's own, as `coach init` does

        def seen(_: None) -> None:
            self._remember(memory)

        from coach.tui.screens.statement import StatementScreen

        self.app.call_from_thread(self.app.push_screen, StatementScreen(first_run=True), seen)

    def _remember(self, memory: Memory) -> Worker[bool]:
        # If it cannot be saved, it is shown again next time.
        return self.app.run_worker(memory.mark_statement_seen, thread=True,
                                   exit_on_error=False, group="statement")
