"""Keep the data directory private: find what others could read, and tighten it."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


@dataclass(frozen=True)
class Exposed:
    path: Path
    mode: int

    @property
    def is_dir(self) -> bool:
        return stat.S_ISDIR(self.mode)

    def describe(self) -> str:
        who = []
        if self.mode & (stat.S_IRGRP | stat.S_IWGRP | stat.S_IXGRP):
            who.append("your group")
        if self.mode & (stat.S_IROTH | stat.S_IWOTH | stat.S_IXOTH):
            who.append("every user")
        kind = "folder" if self.is_dir else "file"
        return (f"{self.path} ({kind}, {stat.filemode(self.mode)}) is open to "
                f"{' and '.join(who)}")


def exposed_paths(directory: Path) -> list[Exposed]:
    """The data directory and everything in it that group or others can access; not
    Syncthing's marker folder (.stfolder) at its top, which Syncthing makes open to others
    (0755) and which holds none of the person's data."""
    from coach.store.sync_folder import STFOLDER

    found: list[Exposed] = []
    if not directory.exists():
        return found
    for root, dirs, files in os.walk(directory):
        if root == str(directory) and STFOLDER in dirs:
            dirs.remove(STFOLDER)
        for name in [None, *files]:
            path = Path(root) if name is None else Path(root) / name
            try:
                # The data folder itself may be a link to the real one: follow that one.
                mode = path.stat().st_mode if name is None else path.lstat().st_mode
            except OSError:
                continue
            if stat.S_ISLNK(mode):
                continue
            if mode & 0o077:
                found.append(Exposed(path, mode))
        dirs.sort()
    return found


def tighten(exposed: list[Exposed]) -> list[Path]:
    """Make each exposed path private to its owner; the paths that were changed."""
    changed = []
    for item in exposed:
        os.chmod(item.path, PRIVATE_DIR if item.is_dir else PRIVATE_FILE)
        changed.append(item.path)
    return changed
