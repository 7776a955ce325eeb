"""Pause Python's cyclic garbage collector around bulk work on many small objects.

Records parsed from the store hold no reference cycles, but creating and
walking hundreds of thousands of them makes the collector rescan them again
and again: over ten years of history that took longer than the work itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
