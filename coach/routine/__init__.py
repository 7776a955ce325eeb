"""Routines: the model, the YAML loader with located errors, and the catalog of files.

This package knows nothing of the terminal UI.
"""

from coach.routine.loader import LoadResult, load_routine_bytes, load_routine_file
from coach.routine.model import Routine, Schedule
from coach.routine.problems import Problem
from coach.routine.steps import STEP_TYPES, Step

__all__ = ["STEP_TYPES", "LoadResult", "Problem", "Routine", "Schedule", "Step",
           "load_routine_bytes", "load_routine_file"]
