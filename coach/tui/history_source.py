"""The history screen's reader, kept between visits (see coach.insight.history_figures),
made on the first visit so that its modules load then, not before home's first paint."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.insight.history_figures import HistoryFigures
    from coach.store import Store


class HistorySource:
    """The one HistoryFigures of the app, so a second visit reads only what changed."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._figures: HistoryFigures | None = None
        self._made = threading.Lock()

    def figures(self) -> HistoryFigures:
        from coach.insight.history_figures import HistoryFigures

        with self._made:  # the screen and its worker may ask at once
            if self._figures is None:
                self._figures = HistoryFigures(self.store)
            return self._figures
