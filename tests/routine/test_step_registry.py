"""The step registry: a type's module is imported only when a step of that type is read,
and every module in the folder is the type of its name."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys

import coach.routine.steps as steps
from coach.routine.steps.base import REGISTERED, Step


def step_modules_loaded_after(code: str) -> list[str]:
    """The step type modules a fresh interpreter holds after running `code`."""
    probe = code + ("\nimport sys\nprint(' '.join(sorted(m for m in sys.modules "
                    "if m.startswith('coach.routine.steps.') and m != 'coach.routine.steps.base')))")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            check=True)
    return result.stdout.split()


def test_every_module_in_the_folder_is_the_step_type_of_its_name() -> None:
    """A type is found by its module's name: a module registering another name (or none)
    would make its steps unknown."""
    names = sorted(name[:-3] for name in os.listdir(steps.__path__[0])
                   if name.endswith(".py") and name not in ("__init__.py", "base.py"))
    for name in names:
        module = importlib.import_module(f"coach.routine.steps.{name}")
        classes = [value for value in vars(module).values()
                   if isinstance(value, type) and issubclass(value, Step) and value is not Step
                   and value.__module__ == module.__name__]
        assert [cls.type_name for cls in classes] == [name]
    assert sorted(REGISTERED) == names == list(steps.STEP_TYPES)
    assert {name: steps.STEP_TYPES[name] for name in names} == REGISTERED


def test_the_names_of_the_step_types_import_no_step_module() -> None:
    """Listing the types (as an unknown type's message does) and asking whether one is
    known import none of them."""
    assert step_modules_loaded_after(
        "from coach.routine.steps import STEP_TYPES\n"
        "assert len(STEP_TYPES) == 12 and 'pmr' in STEP_TYPES and 'base' not in STEP_TYPES\n"
        "assert sorted(STEP_TYPES)[0] == 'activity_plan'") == []


def test_a_routine_loads_only_the_step_types_it_uses() -> None:
    assert step_modules_loaded_after(
        "from coach.routine.loader import load_routine_bytes\n"
        "result = load_routine_bytes(b'title: t\\nsteps:\\n  - type: mood\\n  - type: Journal\\n"
        "  - type: breath\\n')\n"
        "assert result.routine is None and 'did you mean' in result.errors[0].message") == [
        "coach.routine.steps.journal", "coach.routine.steps.mood"]


def test_an_unknown_name_imports_nothing_and_is_unknown() -> None:
    for name in ("base", "__init__", "../steps", "os", ""):
        assert steps.STEP_TYPES.get(name) is None
        assert name not in steps.STEP_TYPES
