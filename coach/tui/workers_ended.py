"""Waiting until the app's workers have ended, however each one ended.

Textual's `wait_for_complete` raises when a worker it waits for is cancelled: an
exclusive worker (home's figures, say) is cancelled whenever a newer one of its group
starts, which a reminder pass or home's two-second check can do at any moment. Quitting
then ended with a traceback instead of closing. Here a cancelled worker has simply ended,
and the newer one is waited for in its turn; a failed one has ended too (coach.tui.
worker_errors has already said so), and is given back to a caller that wants to know.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Iterable

from textual.worker import Worker, WorkerFailed

#: What one worker's end may start, rounds of it: more would be a worker restarting itself.
ROUNDS = 50


async def workers_ended(workers: Callable[[], Iterable[Worker[object]]]) -> list[WorkerFailed]:
    """Until none of `workers()` (asked again each round) is running; the failures seen."""
    failures: list[WorkerFailed] = []
    for _ in range(ROUNDS):
        running = [worker for worker in workers() if not worker.is_finished]
        if not running:
            return failures
        ends = await asyncio.gather(*(worker.wait() for worker in running),
                                    return_exceptions=True)
        failures += [end for end in ends if isinstance(end, WorkerFailed)]
    return failures
