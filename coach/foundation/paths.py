"""Where coach keeps the user's routines and data.

The config directory holds what the person edits (their routines); the data
directory holds what coach records. Both follow the platform's conventions
and can be moved with COACH_CONFIG_DIR and COACH_DATA_DIR. The state directory
holds what belongs to this device alone (its id), never to be synced with the
other two: COACH_STATE_DIR moves it.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "coach"
ROUTINE_SUFFIXES = (".yaml", ".yml")
SCHEMA_FILE_NAME = "routine.schema.json"
SUPPORT_FILE_NAME = "support.yaml"
SUPPORT_SCHEMA_FILE_NAME = "support.schema.json"
#: The last valid support plan, kept in the data directory, shown while support.yaml is broken.
SUPPORT_LAST_GOOD_NAME = "support-last-good.yaml"
#: The last valid version of each of the person's routine files, kept in the data directory.
ROUTINES_LAST_GOOD_NAME = "routines-last-good"


def config_dir() -> Path:
    """The user's config directory (COACH_CONFIG_DIR wins)."""
    override = os.environ.get("COACH_CONFIG_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME)


def data_dir() -> Path:
    """The user's data directory (COACH_DATA_DIR wins)."""
    override = os.environ.get("COACH_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME)


def state_dir() -> Path:
    """This device's own directory (COACH_STATE_DIR wins): `$XDG_STATE_HOME/coach`, by
    default `~/.local/state/coach`, on every platform. Not the platform's state folder:
    on macOS that is the data folder itself, which a person may sync to other devices."""
    override = os.environ.get("COACH_STATE_DIR")
    if override:
        return Path(override).expanduser()
    xdg = os.environ.get("XDG_STATE_HOME")
    base = Path(xdg).expanduser() if xdg and os.path.isabs(xdg) else \
        Path.home() / ".local" / "state"
    return base / APP_NAME


def user_routines_dir() -> Path:
    """Routines the person wrote or copied with `coach init`."""
    return config_dir() / "routines"


#: The coach package's folder (this module sits in coach/foundation/).
_PACKAGE = Path(__file__).resolve().parent.parent


def shipped_routines_dir() -> Path:
    """The routines that come with coach.

    In an installed wheel they sit inside the package; in a source checkout
    (and an editable install) they are the repository's top-level routines/.
    """
    package_dir = _PACKAGE
    inside = package_dir / "routines"
    if inside.is_dir():
        return inside
    return package_dir.parent / "routines"


def support_file() -> Path:
    """The person's support plan: private to them (their contacts), in the config directory."""
    return config_dir() / SUPPORT_FILE_NAME


def support_last_good_file() -> Path:
    """The copy of the last valid support plan, in the data directory."""
    return data_dir() / SUPPORT_LAST_GOOD_NAME


def routines_last_good_dir() -> Path:
    """The copies of the person's routine files as they last read without a mistake."""
    return data_dir() / ROUTINES_LAST_GOOD_NAME


def shipped_support_example() -> Path:
    """The example support plan that comes with coach, inside the package."""
    return _PACKAGE / "support" / "example.yaml"
