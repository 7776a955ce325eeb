"""Pause Python's cyclic garbage collector around bulk work on many small objects.

Records parsed from the store hold no reference cycles, but creating and
walking hundreds of thousands of them makes the collector rescan them again
and again: over ten years of history that took longer than the work itself.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


_lock = threading.Lock()
_pausers = 0
_enable_after = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """The collector is off while any thread is inside; the last one out puts it back as the
    first one in found it (two threads saving and restoring it each could leave it off)."""
    global _pausers, _enable_after
    with _lock:
        if _pausers == 0:
            _enable_after = gc.isenabled()
            gc.disable()
        _pausers += 1
    try:
        yield
    finally:
        with _lock:
            _pausers -= 1
            if _pausers == 0 and _enable_after:
                gc.enable()
