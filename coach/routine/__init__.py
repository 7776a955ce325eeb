"""Routines: the model, the YAML loader with located errors, and the catalog of files.

This package knows nothing of the terminal UI. Its names load on first use
(`from coach.routine import Routine` works as ever), so that importing one of
its modules imports only what that module needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.routine.loader import LoadResult, load_routine_bytes, load_routine_file
    from coach.routine.model import Routine, Schedule
    from coach.routine.problems import Problem
    from coach.routine.steps import STEP_TYPES, Step

_WHERE = {
    "LoadResult": "loader", "load_routine_bytes": "loader", "load_routine_file": "loader",
    "Routine": "model", "Schedule": "model", "Problem": "problems",
    "STEP_TYPES": "steps", "Step": "steps",
}

__all__ = ["STEP_TYPES", "LoadResult", "Problem", "Routine", "Schedule", "Step",
           "load_routine_bytes", "load_routine_file"]


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
