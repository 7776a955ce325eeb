"""Step types of a routine, one module each, found through the registry.

A new step type is one module here, named after its `type:`, defining a `Step` subclass
decorated with `@register`. The names of the types are the names of the modules, known
without importing them; a type's module is imported when a step of that type is first
read (or when every type is looked through, as the schema does). So loading routines
imports only the types they use, and the home screen paints sooner.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator, Mapping

from coach.routine.steps.base import REGISTERED, Step, register

# The folder is listed directly: pkgutil (with importlib.util) would be imported for this alone.
_NAMES = tuple(sorted(name[:-3] for name in os.listdir(__path__[0])
                      if name.endswith(".py") and name not in ("__init__.py", "base.py")))
_KNOWN = frozenset(_NAMES)


class StepTypes(Mapping[str, type[Step]]):
    """Each step type's class by its name; its module is imported on the first look-up.
    Listing the names, or asking whether one is known, imports nothing."""

    def __getitem__(self, name: str) -> type[Step]:
        if name not in _KNOWN:
            raise KeyError(name)
        if name not in REGISTERED:
            importlib.import_module(f"{__name__}.{name}")
        return REGISTERED[name]

    def __contains__(self, name: object) -> bool:
        return name in _KNOWN

    def __iter__(self) -> Iterator[str]:
        return iter(_NAMES)

    def __len__(self) -> int:
        return len(_NAMES)


STEP_TYPES = StepTypes()

__all__ = ["STEP_TYPES", "Step", "StepTypes", "register"]
