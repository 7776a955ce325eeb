"""What the app's keys and the command palette open: the support plan, help, history,
"I need something now", a note on settings."""

from __future__ import annotations

from textual.app import App

from coach.tui.app_access import coach_app


class Openers(App[None]):
    """A layer of the app class: Textual looks up a binding's `action_` method on the App."""

    def action_support(self) -> None:
        """Open the support plan over whatever is on screen (which keeps its state), or close
        it with the same key."""
        from coach.tui.screens.statement import StatementScreen
        from coach.tui.screens.support import SupportScreen

        if isinstance(self.screen, SupportScreen):
            self.screen.dismiss(None)
            return
        if isinstance(self.screen, StatementScreen):
            self.screen.dismiss(None)  # the key it names: read (and, the first time, remembered)
            if isinstance(self.screen, SupportScreen):
                return  # it was opened from the plan: back to the plan, not a second one
        self.push_screen(SupportScreen())

    def action_now(self) -> None:
        """"I need something now", over wherever the person is (not a second time)."""
        from coach.tui.screens.now import NowScreen

        if not any(isinstance(screen, NowScreen) for screen in self.screen_stack):
            coach_app(self.screen).reminders.hush()
            self.push_screen(NowScreen())

    def action_help(self) -> None:
        """Help about the screen on top (its keys, the step it shows); the key again closes
        it."""
        from coach.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss(None)
            return
        self.push_screen(HelpScreen(self.screen))

    def open_history(self) -> None:
        """The history screen, for the routine highlighted on home if home is on top."""
        from coach.tui.screens.history import HistoryScreen
        from coach.tui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.action_history()
            return
        self.push_screen(HistoryScreen())

    def settings_note(self) -> None:
        from coach.foundation.paths import config_dir
        from coach.config.settings import SETTINGS_FILE_NAME

        self.notify(f"Your settings are in {config_dir() / SETTINGS_FILE_NAME}. Change them "
                    "with 'coach edit settings' in a terminal; coach reads them when it opens.",
                    title="Settings", timeout=15)

    def action_help_quit(self) -> None:
        """Ctrl+C in a terminal app often means "quit": say which key does, in plain words."""
        self.notify("Press ctrl+q to quit. What you typed is kept.", title="Quit?")
