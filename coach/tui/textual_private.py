"""Every use of Textual's private API in coach goes through here.

Textual has no public way to take back a notification, to leave out one not shown yet, to
know which bindings the app has over a modal screen, or to end without printing its
traceback (whose local variables may hold what the person wrote). These names begin with an
underscore and may change in any Textual release: tests/tui/test_textual_private.py checks
each one, so an upgrade that changes them fails there, by name, rather than somewhere in a
screen. Textual's own handlers that coach's fields extend (`Input._on_key`, `_on_paste`,
`TextArea._replace_via_keyboard`, in coach/tui/widgets/fields.py) are checked there too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.notifications import Notification, Notify

if TYPE_CHECKING:
    from textual.binding import Binding


def is_shown(app: App[Any], notification: Notification) -> bool:
    """Whether `notification` is among those on screen now."""
    return notification in app._notifications


def take_back(app: App[Any], notification: Notification) -> None:
    """Take a shown notification off the screen (after `refresh_notifications`)."""
    app._unnotify(notification, refresh=False)


def refresh_notifications(app: App[Any]) -> None:
    app._refresh_notifications()


def app_bindings(app: App[Any]) -> dict[str, list[Binding]]:
    """Every key the app itself binds, with its bindings (priority ones included)."""
    return app._bindings.key_to_bindings


class TextualHooks(App[None]):
    """The App's private methods coach extends. A layer of the app class, since Textual
    calls these on the App itself."""

    #: The error that ended the app, if one did: run_app reports it.
    crash: Exception | None = None

    def notification_wanted(self, notification: Notification) -> bool:
        """Whether a notification posted is still to be shown (see coach.tui.notifying)."""
        return True

    def _on_notify(self, event: Notify) -> None:
        # Textual calls the `_on_notify` of every class of the app in turn, App's last:
        # only preventing the default keeps a notification from being shown.
        if not self.notification_wanted(event.notification):
            event.prevent_default()

    def _handle_exception(self, error: Exception) -> None:
        self.crash = error
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """Exit without printing Textual's traceback: its local variables may hold what the
        person wrote. run_app logs the error privately and says so in one line."""
        self._close_messages_no_wait()
