"""Step types of a routine, one module each, found through the registry.

A new step type is one module here defining a `Step` subclass decorated
with `@register`; importing this package imports every module in it.
"""

from __future__ import annotations

import importlib
import pkgutil

from coach.routine.steps.base import STEP_TYPES, Step, register

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")

__all__ = ["STEP_TYPES", "Step", "register"]
