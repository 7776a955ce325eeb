"""The app's saves: written in one thread, in order, and what came of each said on screen.

Every screen saves through the app (`app.saves.save`), never through a worker of its own:
Textual cancels a screen's workers when the screen closes, and a worker cancelled before
its thread started never writes. A finished routine closes its screen at once, so its
last step and its end would be lost on a busy machine. The app waits for the writes before
it ends.

A save that fails for a reason that can pass (a full disk, a drive gone) is kept and
tried again, every few seconds and whenever another save is asked for, in the order the
saves were made, until it lands (coach.store.writer). Meanwhile one calm line says that
saving is behind, and screens that speak of what was saved ask `behind` first. What is
still waiting when coach ends is written to a file of its own, which `coach import` reads
(`rescue`).
"""

from __future__ import annotations

import asyncio
import contextvars
import os
from collections.abc import Callable
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.store import StoreError
from coach.store.writer import Writer

if TYPE_CHECKING:
    from textual.notifications import Notification
    from textual.timer import Timer

    from coach.tui.app import CoachApp

#: How long coach waits, when it ends, for saves still being written (a slow disk).
WAIT_AT_EXIT = 10.0
#: How often saves that could not be written are tried again.
RETRY_SECONDS = 5.0

#: What the store raises when it cannot keep something; said to the person as it is.
EXPECTED = (StoreError, ValueError)


def can_pass(err: BaseException) -> bool:
    """A save that failed on the file system (full, gone, read-only for now) may work later;
    one the store refused (a record it cannot hold) will not."""
    return isinstance(err, OSError) or (isinstance(err, StoreError)
                                        and isinstance(err.__cause__, OSError))


def why_behind(err: BaseException) -> str:
    """'no space left on device', from the file system's own words."""
    cause = err.__cause__ if isinstance(err, StoreError) else err
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror.lower()
    return str(err)


class Saves:
    """Store work for one app, done in the writer thread; the outcome comes back in the
    event loop: `done(result)`, or `failed(error)` for a store's refusal (by default a
    notification), and any other error is logged and said."""

    def __init__(self, app: CoachApp) -> None:
        self.app = app
        self.writer = Writer(passing=can_pass, behind=self._behind_from_writer)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._context: contextvars.Context | None = None
        #: Why saving is behind, while it is: the writer's first failed save waits.
        self.behind: BaseException | None = None
        self._behind_note: Notification | None = None
        self._retrying: Timer | None = None
        #: Records that could not be written at once as coach ended (see WaysOut).
        self.not_written: list[dict[str, Any]] = []

    def save(self, work: Callable[[], Any], *, done: Callable[[Any], object] | None = None,
             failed: Callable[[Exception], object] | None = None, again: bool = True,
             record: dict[str, Any] | None = None) -> None:
        """Run `work` after every save asked for before it. Call from the event loop.
        With `again` (the default), a failure that can pass is tried again until it lands;
        `record` is what the work stores, kept in a file if coach ends before it lands."""
        self._loop = loop = asyncio.get_running_loop()
        # Textual's active app, for the callbacks (a timer made without it never runs).
        self._context = context = contextvars.copy_context()

        def settled(future: Future[Any]) -> None:
            try:
                loop.call_soon_threadsafe(self._settled, future, done, failed, context=context)
            except RuntimeError:
                pass  # the event loop has ended: coach is closing, and no one is there to tell

        self.writer.put(work, again=again, record=record).add_done_callback(settled)

    def save_record(self, add: Callable[[dict[str, Any]], object],
                    record: dict[str, Any]) -> None:
        """Store a record made now (`add` is the store's): kept until it lands."""
        self.save(partial(add, record), record=record)

    async def written(self, timeout: float | None = None) -> bool:
        """Wait until every save asked for so far is written; whether they were in time.
        While saving is behind they are not: that is said at once."""
        if self.writer.idle:  # saves are asked for in this thread, so none is on its way
            return True
        if self.writer.stalled is not None:
            return False
        marker = self.writer.put(lambda: None)
        try:
            await asyncio.wait_for(asyncio.wrap_future(marker), timeout)
        except TimeoutError:
            return False
        return True

    @property
    def waiting(self) -> int:
        """How many records are not on disk yet."""
        return len(self.writer.waiting_records()) + len(self.not_written)

    # -- behind ----------------------------------------------------------------------------

    def _behind_from_writer(self, err: BaseException | None) -> None:
        if self._loop is None:
            return
        try:
            self._loop.call_soon_threadsafe(self._behind_changed, err, context=self._context)
        except RuntimeError:
            pass  # the event loop has ended: what waits is rescued as coach ends

    def _behind_changed(self, err: BaseException | None) -> None:
        from coach.tui.messages import SavingChanged

        self.behind = err
        if err is not None:
            self.say_behind()
            if self._retrying is None:
                self._retrying = self.app.set_interval(RETRY_SECONDS, self.writer.retry)
        else:
            if self._behind_note is not None:
                self.app.withdraw([self._behind_note])
                self._behind_note = None
            if self._retrying is not None:
                self._retrying.stop()
                self._retrying = None
            self.app.notify("Everything is saved now.", title="Saving", timeout=6)
        for screen in self.app.screen_stack:
            screen.post_message(SavingChanged())

    def say_behind(self) -> None:
        """The one short note that saving is behind, shown until it has caught up."""
        if self.behind is None:
            return
        if self._behind_note is not None:
            self.app.withdraw([self._behind_note])
        self._behind_note = self.app.notify(
            f"{why_behind(self.behind).capitalize()}. coach keeps trying; nothing is lost "
            "while it is open.", title="Saving is behind", severity="warning",
            timeout=24 * 3600)

    def retry_now(self) -> None:
        self.writer.retry()

    def rescue(self, places: list[Path]) -> Path:
        """Write the records not yet on disk to a file `coach import` reads, in the first of
        `places` (folders) where it can be written; the file. OSError if none."""
        from coach.store.days import iso_utc, utc_now
        from coach.store.export import json_chunks

        records = [*self.writer.waiting_records(), *self.not_written]
        stamp = iso_utc(utc_now()).replace(":", "").replace("-", "")[:15]
        data = "".join(json_chunks([records], iso_utc(utc_now()))).encode()
        last: OSError | None = None
        for folder in places:
            path = folder / f"coach-unsaved-{stamp}.json"
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
                try:
                    with os.fdopen(fd, "wb") as handle:
                        handle.write(data)
                        handle.flush()
                        os.fsync(handle.fileno())
                except OSError:
                    path.unlink(missing_ok=True)
                    raise
            except OSError as err:
                last = err
                continue
            return path
        raise last or OSError("no folder to write to")

    # -- outcomes --------------------------------------------------------------------------

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
        from coach.foundation.crash import log_error

        self.app.notify(f"An unexpected problem came up while saving, so this may not have "
                        f"been kept. {log_error(err)}", title="Could not save",
                        severity="error", timeout=30, markup=False)


def rescue_places(data_dir: Path) -> list[Path]:
    """Where records that could not be saved go, best first: the home folder (kept, and
    where a person looks), the folder coach was started in, then the per-user runtime
    folder and the system's temporary one (often in memory: they work when the disk is
    full, though not kept across a restart)."""
    places = [Path.home(), Path.cwd()]
    if runtime := os.environ.get("XDG_RUNTIME_DIR"):
        places.append(Path(runtime))
    places.append(Path(os.environ.get("TMPDIR") or "/tmp"))
    return [p for p in dict.fromkeys(places) if p != data_dir]
