"""Conflict copies of month files a sync tool leaves while the app is open: merged then, not
only at the next start.

The home screen's look at the data folder every two seconds (a listing, no reads) names the
copies there; each is claimed once, by name, and taken in by a worker thread, which says
what came of it as the check at start does (coach.tui.data_check, which claims the copies
it finds the same way). A claimed copy is never tried again while the app runs: a damaged
one, left where it is for the person to look at, is said once, not every two seconds; the
next start or `coach doctor` tries it again.
"""

from __future__ import annotations

import os
import threading
import weakref
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from coach.store import StoreError

if TYPE_CHECKING:
    from textual.worker import Worker

    from coach.store import Store
    from coach.tui.app import CoachApp

#: Each app's, for as long as the app is kept.
_OF_APP: weakref.WeakKeyDictionary[CoachApp, ArrivedCopies] = weakref.WeakKeyDictionary()
_MADE = threading.Lock()


def arrived_copies(app: CoachApp) -> ArrivedCopies:
    """The app's one ArrivedCopies, made at the first ask."""
    with _MADE:
        found = _OF_APP.get(app)
        if found is None:
            found = _OF_APP[app] = ArrivedCopies()
    return found


class ArrivedCopies:
    """The conflict copies of month files an app has claimed to merge, by name."""

    def __init__(self) -> None:
        self._claimed: set[str] = set()
        self._lock = threading.Lock()

    def claim(self, names: Iterable[str]) -> list[str]:
        """Those of `names` never claimed before, now claimed (no reads: any thread)."""
        with self._lock:
            new = [name for name in names if name not in self._claimed]
            self._claimed.update(new)
        return new

    def untried(self, names: Iterable[str]) -> bool:
        """Whether any of `names` was never claimed (on the UI thread, every two seconds)."""
        with self._lock:
            return any(name not in self._claimed for name in names)

    def merge(self, store: Store, names: Iterable[str]) -> list[str]:
        """Take in the copies of `names` not claimed before: what to say of each. Reads and
        writes the store: in a worker thread only."""
        from coach.store import sync_folder

        words = []
        for name in self.claim(names):
            if not os.path.lexists(store.directory / name):
                continue  # merged and moved aside meanwhile by another coach (doctor)
            words.append(sync_folder.merge_copy(store, store.directory / name).words())
        return words

    def merge_now(self, app: CoachApp, names: list[str],
                  then: Callable[[], None]) -> Worker[None]:
        """In a worker thread: merge the copies of `names` that arrived, say what came of
        each, then call `then` on the app's thread (home reads today's state again)."""
        return app.run_worker(lambda: self._merge_and_say(app, names, then), thread=True,
                              exit_on_error=False, group="arrived-copies")

    def _merge_and_say(self, app: CoachApp, names: list[str],
                       then: Callable[[], None]) -> None:
        try:
            notices = self.merge(app.store, names)
        except StoreError as err:
            notices = [str(err)]
        for notice in notices:
            app.call_from_thread(app.notify, notice, title="Your data", severity="warning",
                                 timeout=20, markup=False)
        if notices:
            app.call_from_thread(then)
