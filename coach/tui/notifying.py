"""Notifications as coach shows them: text shown literally, and taken back when what they
speak of is over (a step's problem once the step is left)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from textual.notifications import Notification, Notify, SeverityLevel

from coach.tui.textual_private import TextualHooks, is_shown, refresh_notifications, take_back
from coach.foundation.visible import visible


class Notifying(TextualHooks):
    """A layer of the app class: screens and widgets call `notify` on the App."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Notifications taken back before they were shown (see withdraw).
        self._withdrawn: set[str] = set()

    # Textual's returns None; this one returns the notification, to withdraw it later.
    def notify(self, message: str, *, title: str = "",  # type: ignore[override]  # returns it
               severity: SeverityLevel = "information", timeout: float | None = None,
               markup: bool = False) -> Notification:
        """Every notification (screens and widgets call this one) shows its text literally:
        never as markup, and with control characters written out (file names, record text).
        Returned, so what it speaks of can take it back when it is over (see withdraw)."""
        notification = Notification(visible(str(message)), visible(str(title), one_line=True),
                                    severity,
                                    self.NOTIFICATION_TIMEOUT if timeout is None else timeout,
                                    markup=False)
        self.post_message(Notify(notification))
        return notification

    def withdraw(self, notifications: Iterable[Notification]) -> None:
        """Take notifications back before their time: what they spoke of is over (a step's
        problem once the step is left). One not shown yet is never shown."""
        for notification in notifications:
            if is_shown(self, notification):
                take_back(self, notification)
            else:
                self._withdrawn.add(notification.identity)
        refresh_notifications(self)

    def notification_wanted(self, notification: Notification) -> bool:
        if notification.identity in self._withdrawn:
            self._withdrawn.discard(notification.identity)
            return False
        return True
