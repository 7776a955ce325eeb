"""Step types of a routine, one module each, found through the registry.

A new step type is one module here defining a `Step` subclass decorated
with `@register`; importing this package imports every module in it, in the
order of their names.
"""

from __future__ import annotations

import importlib
import os

from coach.routine.steps.base import STEP_TYPES, Step, register

# The folder is listed directly: pkgutil (with importlib.util) would be imported for this alone.
for _name in sorted(os.listdir(__path__[0])):
    if _name.endswith(".py") and _name not in ("__init__.py", "base.py"):
        importlib.import_module(f"{__name__}.{_name[:-3]}")

__all__ = ["STEP_TYPES", "Step", "register"]
