"""After the first paint: repair what a crash left, merge what a sync tool left in conflict
copies, and warn if others can read the data or a config file has a conflict copy; and,
while the app is open, of a month file that arrives readable by others."""

from __future__ import annotations

from typing import TYPE_CHECKING

from coach.store import StoreError
from coach.tui.arrived_copies import arrived_copies

if TYPE_CHECKING:
    from textual.worker import Worker

    from coach.tui.app import CoachApp


def check_data(app: CoachApp) -> Worker[None]:
    """In a worker thread: it reads (and may repair) the data folder."""
    return app.run_worker(lambda: _check(app), thread=True, exit_on_error=False)


def _check(app: CoachApp) -> None:
    from coach.store.privacy import exposed_paths

    try:
        notices = [*_sync_notices(app), *app.store.check()]
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


def _sync_notices(app: CoachApp) -> list[str]:
    """Keep the .stignore and this device's file in the data folder, take in the month
    files' conflict copies, and name the config files' conflict copies: what to say."""
    from coach.foundation.paths import config_dir
    from coach.store import sync_folder
    from coach.store.device import looked_up

    directory = app.store.directory
    ignores = sync_folder.keep_ignores(directory)
    notices = [words[2:] for words in [ignores.words(directory)]
               if words is not None and words.startswith("✗")]
    # Claimed as the home screen's check claims those arriving later: each said once.
    notices += arrived_copies(app).merge(app.store, sync_folder.month_copies(directory))
    device, _ = looked_up()
    if device is not None and device.id == app.store.device and directory.is_dir():
        clash = sync_folder.keep_device_file(directory, device.id, device.name)
        notices += [clash] if clash else []
    config = config_dir()
    notices += [sync_folder.config_copy_words(copy, original, config)
                for copy, original in sync_folder.config_copies(config)]
    return notices


def say_arrived_exposed(app: CoachApp, names: list[str]) -> None:
    """Month files others can read that came while the app is open: as Syncthing delivers
    files with the folder's Ignore Permissions option on."""
    for name in names:
        app.notify(f"{name} in your data folder can be read by other users of this "
                   "computer (a sync tool may have brought it so: in Syncthing, the folder's "
                   "Ignore Permissions option does this). Run 'coach doctor --fix' to make "
                   "it private.",
                   title="Privacy", severity="warning", timeout=20, markup=False)
