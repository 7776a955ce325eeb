"""Pause Python's cyclic garbage collector while all of history is read into one list.

Records parsed from the store hold no reference cycles, but while tens of thousands
of them pile up in one list the collector rescans the pile again and again. Measured
with bench/gcpause.py on ten years of history (69,407 records, Python 3.11, the app's
modules loaded, process CPU, median of 7 runs each):

- Store.records() over all history: 277 ms paused, 331 ms not (another run: 292, 317);
- Store.well_formed() over all history, checking every month: 1020 ms, 1185 ms (971,
  1108).

Work done a month at a time (export, search, digests) keeps one month in memory, and
pausing each month bought nothing measurable (969 against 995 ms, 1154 against 1095,
752 against 768): it runs with the collector on. A pause never spans a `yield`, or the
collector would stay off in every thread for as long as a caller took to iterate.
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
