"""Reads in workers: Pilot waits for them, so a test sees what they read.

Reading in a worker, a screen shows what it read a moment later; Pilot is made to wait for
those workers (READ_GROUPS) before keys and at each of its waits (tests/conftest.py), so a
test sees the screen filled in, as it did when the reads were made on the UI thread.
"""

from __future__ import annotations

from typing import Any

#: The groups of the workers that read what a screen shows at once: home's state today,
#: and a routine about to start.
READ_GROUPS = frozenset({"home-today", "routine-start"})


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
