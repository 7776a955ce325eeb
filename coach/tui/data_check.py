"""After the first paint: repair what a crash left, and warn if others can read the data."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.store import StoreError

if TYPE_CHECKING:
    from textual.worker import Worker

    from coach.tui.app import CoachApp


def check_data(app: CoachApp) -> Worker[None]:
    """In a worker thread: it reads (and may repair) the data folder."""
    return app.run_worker(lambda: _check(app), thread=True, exit_on_error=False)


def _check(app: CoachApp) -> None:
    from coach.store.privacy import exposed_paths

    try:
        notices = app.store.check()
    except StoreError as err:
        notices = [str(err)]
    for notice in notices:
        app.call_from_thread(app.notify, notice, title="Your data", severity="warning",
                             timeout=20, markup=False)
    exposed = exposed_paths(app.store.directory)
    if exposed:
        app.call_from_thread(
            app.notify, f"{len(exposed)} of your data files or folders can be read by other "
            "users of this computer. Run 'coach doctor --fix' to make them private.",
            title="Privacy", severity="warning", timeout=20, markup=False)
