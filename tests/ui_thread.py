"""No store read on the UI thread: what the Pilot tests check, and how they wait for reads.

The store names its methods that read the data folder (coach.store.store.READS). While a
Textual app runs under Pilot, tests/conftest.py makes each of them note a call made on the
app's own thread, and fails the test: with years of history such a read takes long enough
to freeze the screen, so the app reads in worker threads. A test that itself reads what
was saved, while its app runs, says so with `reads_allowed`.

Reading in a worker, a screen shows what it read a moment later; Pilot is made to wait for
those workers (READ_GROUPS) before keys and at each of its waits, so a test sees the screen
filled in, as it did when the reads were made on the UI thread.
"""

from __future__ import annotations

import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The groups of the workers that read what a screen shows at once: home's state today,
#: and a routine about to start.
READ_GROUPS = frozenset({"home-today", "routine-start"})


def on_a_running_apps_thread() -> bool:
    """Whether this is the thread of a Textual app running under Pilot (its UI thread): the
    app's own messages, and a test's code between `async with app.run_test()` and its end.
    Not a worker thread, and not a test with no app running."""
    context = sys.modules.get("textual._context")
    app = context.active_app.get(None) if context is not None else None
    return app is not None and getattr(app, "_thread_id", None) == threading.get_ident()


class _Allowed(threading.local):
    depth = 0


_allowed = _Allowed()


class reads_allowed:
    """Within it, reads on the UI thread are the test's own (to check what was saved)."""

    def __enter__(self) -> None:
        _allowed.depth += 1

    def __exit__(self, *_: object) -> None:
        _allowed.depth -= 1


COACH = str(Path(__file__).resolve().parent.parent / "coach")
TESTS = str(Path(__file__).resolve().parent)
STORE = str(Path(COACH) / "store" / "store.py")


def _where_read() -> str:
    """The lines of coach (else of the test) that led to a read, innermost first."""
    frames = [frame for frame in traceback.extract_stack()[:-2]
              if frame.filename.startswith((COACH, TESTS))]
    ours = [frame for frame in frames if frame.filename.startswith(COACH)
            and frame.filename != STORE] or frames
    return " <- ".join(f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in ours[::-1][:4])


def guarded(name: str, read: Callable[..., Any], refused: list[str]) -> Callable[..., Any]:
    """The store method `read`, noting in `refused` each call on a running app's thread."""
    def guard(*args: Any, **kwargs: Any) -> Any:
        if _allowed.depth or not on_a_running_apps_thread():
            return read(*args, **kwargs)
        refused.append(f"Store.{name} from {_where_read()}")
        with reads_allowed():  # the reads it makes in turn are part of this one
            return read(*args, **kwargs)
    return guard


class ReadsLand:
    """Lets the workers of READ_GROUPS finish; a test of what shows before they finish
    turns it off (`waits = False`)."""

    waits = True

    async def settle(self, app: Any) -> bool:
        """Wait for them; whether there were any."""
        from textual.worker import WorkerCancelled, WorkerFailed

        waited = False
        for _ in range(10):  # what one read shows may start another
            reading = [w for w in app.workers if w.group in READ_GROUPS and not w.is_finished]
            if not self.waits or not reading:
                return waited
            waited = True
            for worker in reading:
                try:
                    await worker.wait()
                except (WorkerCancelled, WorkerFailed):
                    pass  # a failed one is the app's to say (worker_errors)
        return waited
