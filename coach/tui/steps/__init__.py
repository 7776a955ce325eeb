"""One widget per step type, found by the step's type through the registry."""

from __future__ import annotations

import importlib
import pkgutil

from coach.tui.steps.base import StepEnv, StepWidget

WIDGETS: dict[str, type[StepWidget]] = {}

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")


def _register(cls: type[StepWidget]) -> None:
    for subclass in cls.__subclasses__():
        if subclass.step_type:
            WIDGETS[subclass.step_type] = subclass
        _register(subclass)


_register(StepWidget)

__all__ = ["WIDGETS", "StepEnv", "StepWidget"]
