"""A self-check on its own (`coach check phq9`, the command palette): the runner with one
check step, under the reserved routine id `_check`.

It is not a routine: no session record is written for it (nothing "started" or "finished"
is counted), only the check's own step record once its score has been shown. Skip would
store a skipped step for nothing, so it is not offered: Esc leaves, and leaving before the
score keeps nothing. When it is done, the person is back where they opened it.
"""

from __future__ import annotations

from coach.tui.app_access import coach_app
from coach.tui.screens.run import RunScreen, clock_text

SAVED_WITHIN = 3.0


class SelfCheckScreen(RunScreen):
    #: Reminders wait on home rather than appear over this screen (see tui.reminders).
    HOLDS_REMINDER_TOASTS = True

    def save_session(self, event: str) -> None:
        """No session records under `_check`: a self-check is not a routine run."""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "skip":
            return False
        return super().check_action(action, parameters)

    async def action_skip(self) -> None:
        """^s is not offered here; pressed all the same, it does nothing."""

    def show_position(self) -> None:
        from textual.content import Content
        from textual.widgets import Static

        self.query_one("#run-position", Static).update(
            Content.styled(clock_text(self.elapsed()), "dim"))

    async def _after_step(self) -> None:
        self.keeper.settled()
        if self.routine_run.finished:
            # What the person goes back to reads the check (home's self-check line): it is
            # written first, waiting no longer than SAVED_WITHIN for a slow disk.
            await coach_app(self).saves.written(SAVED_WITHIN)
            self.dismiss(None)
        else:
            await self.show_step()
