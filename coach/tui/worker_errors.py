"""A worker thread that fails is never lost without a word.

coach's workers run with `exit_on_error=False`: a problem in the background (a file that
cannot be read, say) must not end the app and what the person is doing. Textual then only
marks the worker as failed and tells the node that started it. Every node that starts
workers (the app, and each screen or widget with a `@work` method) takes this layer, which
logs the error privately (coach.foundation.crash.log_error) and says so in one calm notification.
tests/tui/test_worker_errors.py checks that every such class has it.
"""

from __future__ import annotations

from textual.worker import Worker, WorkerState


class ReportsWorkerErrors:
    """A layer for an App, Screen or Widget that starts workers: Textual calls each
    `on_worker_state_changed` along the class's bases, so a class's own handler stays."""

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR and event.worker.error is not None:
            report_worker_error(event.worker)


def report_worker_error(worker: Worker[object]) -> None:
    from coach.foundation.crash import log_error

    error = worker.error
    assert error is not None
    where = log_error(error)
    worker.node.app.notify(f"Something coach was doing in the background stopped because of "
                           f"an unexpected problem. What you did is kept. {where}",
                           title="A problem in the background", severity="warning",
                           timeout=20, markup=False)
