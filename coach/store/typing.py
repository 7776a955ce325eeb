"""What is being typed in the open step, kept on disk as it is typed.

A run holds the step on screen in memory until the step is done or left, and a process
that is killed (kill -9, a power cut) would take it along. So, a moment after the person
types, the step as it stands is written here as the draft record it would become: one
small file per run, `typing-SESSION.json`, replaced atomically each time. It is not
appended to the month file: a journal typed for ten minutes would leave hundreds of
copies there.

Leaving a step any ordinary way stores its draft in the month file and removes this
file. A file still here later is a run that ended without a goodbye: the store takes its
draft in (coach.store.store.Store.take_in_typing) before it says what a routine left open,
once, since the draft keeps its uid. A file that cannot be read is set aside, not lost.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import orjson

from coach.foundation.files import UnusableFile, atomic_write, read_regular
from coach.store.records import record_problem

PREFIX = "typing-"
SUFFIX = ".json"
#: A draft holds at most a record's text (100,000 characters), up to 4 bytes each.
MAX_BYTES = 1024 * 1024
#: What a file that could not be read is renamed to, beside the data.
SET_ASIDE = ".unreadable"


def path_for(directory: Path, session_id: str) -> Path:
    return directory / f"{PREFIX}{session_id}{SUFFIX}"


def keep(directory: Path, record: dict[str, Any]) -> None:
    """Replace the run's kept draft with `record` (a draft step record, uid and all)."""
    atomic_write(path_for(directory, record["session"]), orjson.dumps(record))


def forget(directory: Path, session_id: str) -> None:
    path_for(directory, session_id).unlink(missing_ok=True)


def left_behind(directory: Path, besides: set[str] | frozenset[str] = frozenset()
                ) -> list[tuple[Path, dict[str, Any] | None, str]]:
    """The kept drafts in `directory`, except those of the sessions `besides` (typed in by
    this process now): (path, the record or None, why it cannot be used)."""
    try:
        names = [name for name in os.listdir(directory)
                 if name.startswith(PREFIX) and name.endswith(SUFFIX)]
    except OSError:
        return []  # no data folder yet, or one the store's own checks speak of
    found = []
    for name in sorted(names):
        session = name[len(PREFIX):-len(SUFFIX)]
        if session in besides:
            continue
        path = directory / name
        record, problem = _read(path, session)
        found.append((path, record, problem))
    return found


def _read(path: Path, session: str) -> tuple[dict[str, Any] | None, str]:
    try:
        record = orjson.loads(read_regular(path, MAX_BYTES, what="a kept draft"))
    except UnusableFile as err:
        return None, err.reason
    except orjson.JSONDecodeError:
        return None, "it is not a draft coach wrote (not JSON)"
    if problem := record_problem(record):
        return None, f"it is not a draft coach wrote ({problem})"
    if record.get("kind") != "step" or record.get("status") != "draft" or \
            record.get("session") != session:
        return None, "it is not a draft coach wrote"
    return record, ""


def done_with(path: Path) -> None:
    path.unlink(missing_ok=True)


def set_aside(path: Path, problem: str) -> str:
    """Move an unreadable kept draft out of the way; what to tell the person."""
    aside = path.with_name(path.name + SET_ASIDE)
    try:
        os.replace(path, aside)
    except OSError:
        return f"{path.name} could not be read as a draft ({problem}); it is left as it is."
    return (f"{path.name} could not be read as a draft ({problem}); it was moved to "
            f"{aside.name}, unchanged.")
