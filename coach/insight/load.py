"""Load the figures for all of history in one pass over the store.

The records are parsed, summarised and released while the garbage collector
is paused, so it never scans them: they hold no cycles and reference
counting frees them. Only the small Figures object outlives the pause.
"""

from __future__ import annotations

from coach.gcpause import gc_paused
from coach.insight.figures import Figures, compute_figures
from coach.store import Store


def load_figures(store: Store) -> Figures:
    with gc_paused():
        return compute_figures(store.records(ordered=False))
