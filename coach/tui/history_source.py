"""All of history as the figures need it, kept converted between visits to the history
screen (made on the first visit; see coach.insight.history)."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from coach.tui.collector import keep_out_of_collections

if TYPE_CHECKING:
    from coach.insight.history import History, HistoryLoader
    from coach.store import Store


class HistorySource:
    """The one loader of all history, kept between visits to the history screen, so each
    month's digest is converted once while it is unchanged. The home screen's strength
    reads the routines' series instead."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.loader: HistoryLoader | None = None
        self._loader_made = threading.Lock()

    def loader_now(self) -> HistoryLoader:
        from coach.insight.history import HistoryLoader

        with self._loader_made:  # the screen and its worker may ask at once
            if self.loader is None:
                self.loader = HistoryLoader(self.store)
            return self.loader

    def load(self) -> History:
        """All history, from the shared loader (in a worker: it may read digests)."""
        loader = self.loader_now()
        before = loader.latest
        history = loader.load()
        if history is not before:
            keep_out_of_collections()
        return history
