"""The names file-sync tools give the copies they make when a file changed on two devices.

Syncthing keeps the losing side as `NAME.sync-conflict-YYYYMMDD-HHMMSS-DEVICE.EXT` (a copy
of a copy gets a second such part). Nextcloud, ownCloud and Dropbox add words in
brackets before the extension: `NAME (conflicted copy).EXT`, `NAME (conflicted copy
2026-12-07 120000).EXT`, `NAME (Sam's conflicted copy 2026-12-07).EXT`. These are only
names: what coach does with such a copy is decided where the file is used.
"""

from __future__ import annotations

import re

_SYNCTHING = re.compile(r"(?P<stem>.+?)\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7}"
                        r"(?P<rest>(?:\.sync-conflict-\d{8}-\d{6}-[A-Z0-9]{7})*)"
                        r"(?P<ext>\.[^.]+)?")
_BRACKETED = re.compile(r"(?P<stem>.+?) \([^()]*conflicted copy[^()]*\)(?P<ext>\.[^.() ]+)?")


def conflict_original(name: str) -> str | None:
    """The name of the file that `name` is a sync tool's conflict copy of, or None if it
    is not one: "records-2026-12.json" for "records-2026-12.sync-conflict-20261207-120000-
    ABCDEFG.json" and for "records-2026-12 (conflicted copy).json"."""
    for pattern in (_SYNCTHING, _BRACKETED):
        match = pattern.fullmatch(name)
        if match is not None:
            return match.group("stem") + (match.group("ext") or "")
    return None


def is_conflict_copy(name: str) -> bool:
    return conflict_original(name) is not None
