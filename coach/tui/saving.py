"""The app's saves: written in one thread, in order, and what came of each said on screen.

Every screen saves through the app (`app.saves.save`), never through a worker of its own:
Textual cancels a screen's workers when the screen closes, and a worker cancelled before
its thread started never writes. A finished routine closes its screen at once, so its
last step and its end would be lost on a busy machine. The app waits for the writes before
it ends.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any

from coach.store import StoreError
from coach.store.writer import Writer

if TYPE_CHECKING:
    from textual.app import App

#: How long coach waits, when it ends, for saves still being written (a slow disk).
WAIT_AT_EXIT = 10.0

#: What the store raises when it cannot keep something; said to the person as it is.
EXPECTED = (StoreError, ValueError)


class Saves:
    """Store work for one app, done in the writer thread; the outcome comes back in the
    event loop: `done(result)`, or `failed(error)` for a store's refusal (by default a
    notification), and any other error is logged and said."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app
        self.writer = Writer()

    def save(self, work: Callable[[], Any], *, done: Callable[[Any], object] | None = None,
             failed: Callable[[Exception], object] | None = None) -> None:
        """Run `work` after every save asked for before it. Call from the event loop."""
        loop = asyncio.get_running_loop()
        context = contextvars.copy_context()  # Textual's active app, for the callbacks

        def settled(future: Future[Any]) -> None:
            try:
                loop.call_soon_threadsafe(self._settled, future, done, failed, context=context)
            except RuntimeError:
                pass  # the event loop has ended: coach is closing, and no one is there to tell

        self.writer.put(work).add_done_callback(settled)

    async def written(self, timeout: float | None = None) -> bool:
        """Wait until every save asked for so far is written; whether they were in time."""
        if self.writer.idle:  # saves are asked for in this thread, so none is on its way
            return True
        marker = self.writer.put(lambda: None)
        try:
            await asyncio.wait_for(asyncio.wrap_future(marker), timeout)
        except TimeoutError:
            return False
        return True

    def _settled(self, future: Future[Any], done: Callable[[Any], object] | None,
                 failed: Callable[[Exception], object] | None) -> None:
        try:
            err = future.exception()
            if err is None:
                if done is not None:
                    done(future.result())
            elif isinstance(err, EXPECTED):
                (failed or self._could_not_save)(err)
            else:
                self._unexpected(err)
        except Exception as err:  # noqa: BLE001 - a callback's own failure is said, not lost
            self._unexpected(err)

    def _could_not_save(self, err: Exception) -> None:
        self.app.notify(str(err), title="Could not save", severity="error", timeout=30,
                        markup=False)

    def _unexpected(self, err: BaseException) -> None:
        from coach.crash import log_error

        self.app.notify(f"An unexpected problem came up while saving, so this may not have "
                        f"been kept. {log_error(err)}", title="Could not save",
                        severity="error", timeout=30, markup=False)
