"""Keys are handled one after another, each once the one before is done with.

Textual hands a key to the focused widget's queue and goes on with the next key at once;
bindings that are not priority ones (Tab, Enter in a field, Backspace) run only when the
key comes back up to the app. Keys typed quickly (or replayed by the terminal) would then
reach a field before an earlier Tab moved the keyboard away, and Next (a priority key)
would read a field before the keys typed ahead of it had changed it. So a key that goes to
a widget holds the keys after it until it is back. A paste (bracketed) waits its turn
among the keys in the same way.
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING, Any

from textual import events
from textual.app import App
from textual.message import Message

if TYPE_CHECKING:
    from textual.timer import Timer

#: How long a key may take to be handled before the keys after it go on anyway (its
#: widget went away before it was handled, say): the app must never stop taking keys.
KEY_WAIT_SECONDS = 0.5


class KeyThrough(Message):
    """Sent after a key to the widget the key went to: it comes back to the app along the
    same way once that key is handled, by the widget and by every binding up to the app."""

    def __init__(self, number: int) -> None:
        super().__init__()
        self.number = number


class KeysInOrder(App[None]):
    """A layer of the app class, since Textual gives every event to `App.on_event` and the
    KeyThrough message comes back to a handler on the App."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: Keys that came while an earlier key was still being handled.
        self._keys_waiting: deque[events.Key | events.Paste] = deque()
        #: The number of the key being handled by a widget, None when none is.
        self._key_away: int | None = None
        self._keys_sent = 0
        self._key_timer: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._keys_waiting.append(event)
            await self._send_keys()
            return
        await super().on_event(event)

    async def _send_keys(self) -> None:
        while self._keys_waiting and self._key_away is None:
            key = self._keys_waiting.popleft()
            await super().on_event(key)
            if key.is_forwarded:  # gone to a widget, not taken by a priority binding
                self._keys_sent += 1
                self._key_away = number = self._keys_sent
                (self.focused or self.screen).post_message(KeyThrough(number))
                self._key_timer = self.set_timer(KEY_WAIT_SECONDS,
                                                 lambda: self._key_back(number))

    async def on_key_through(self, message: KeyThrough) -> None:
        message.stop()
        await self._key_back(message.number)

    async def _key_back(self, number: int) -> None:
        if self._key_away == number:
            self._key_away = None
            if self._key_timer is not None:
                self._key_timer.stop()
                self._key_timer = None
            await self._send_keys()
