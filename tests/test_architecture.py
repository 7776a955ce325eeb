"""What the import linter cannot check: the core's contract names every module of the core,
the store starts without the terminal, and each screen imports on its own.

The rules themselves (the core never imports coach.tui, Textual or Rich; the store knows
nothing of the session; no import cycle outside coach.tui) are import-linter contracts in
pyproject.toml, checked by `lint-imports`, which `make test` runs before pytest.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "coach"
#: The modules directly under coach that are not the core: the app, the commands and the
#: entry points, which have a contract of their own.
NOT_CORE = {"tui", "cli", "main", "__main__", "__init__"}

TUI_MODULES = sorted(
    ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
    for path in (PACKAGE / "tui").rglob("*.py")
)


def contract(name_starts: str) -> dict:
    """The contract in pyproject.toml whose name begins with `name_starts`."""
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    return next(c for c in contracts if c["name"].startswith(name_starts))


def test_the_core_contract_names_every_module_of_the_core() -> None:
    """A module added beside the others (coach/new.py, coach/new/) is kept from the
    terminal too: the contract lists modules by name, so a new one must be added there."""
    core = {f"coach.{path.stem}" for path in PACKAGE.iterdir()
            if path.stem not in NOT_CORE and not path.name.startswith((".", "_"))
            and (path.suffix == ".py" or (path / "__init__.py").is_file())}
    listed = set(contract("The core knows nothing of the terminal")["source_modules"])
    assert core - listed == set(), "add these to the first contract in pyproject.toml"


def test_the_store_starts_without_the_terminal_or_the_session() -> None:
    """What the contracts promise, seen in a fresh interpreter: importing the store loads
    neither Textual nor Rich, nor the session and the routines it records."""
    code = ("import sys, coach.store\n"
            "print(' '.join(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('textual', 'rich') or m.startswith(('coach.tui', 'coach.session', "
            "'coach.routine')))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == []


@pytest.fixture(scope="module")
def tui_import_failures() -> dict[str, str]:
    """Each TUI module imported first: in one process, with every TUI module forgotten before
    each import. Textual and the core stay loaded, which saves the time: the core never
    imports coach.tui, so no cycle through a TUI module passes through the core."""
    code = """
import importlib, sys
for name in sys.argv[1:]:
    for loaded in [m for m in sys.modules if m == "coach.tui" or m.startswith("coach.tui.")]:
        del sys.modules[loaded]
    try:
        importlib.import_module(name)
    except Exception as err:
        print(f"{name}\\t{type(err).__name__}: {err}".replace("\\n", " "))
"""
    result = subprocess.run([sys.executable, "-c", code, *TUI_MODULES], capture_output=True,
                            text=True, check=True)
    return dict(line.split("\t", 1) for line in result.stdout.splitlines())


@pytest.mark.parametrize("module", TUI_MODULES)
def test_each_tui_module_imports_on_its_own(module: str,
                                            tui_import_failures: dict[str, str]) -> None:
    """Screens are imported lazily, when a key opens them: each must import first without
    an import cycle (inside one test run, other modules came first)."""
    assert tui_import_failures.get(module) is None


#: Modules the first painted screen does not need: other screens, the step widgets, habit
#: strength and history (worked out after the paint, from the store's series), the commands
#: and their parsers, the step types no shipped routine uses (a type's module comes with its
#: first step), and TinyDB (only writing uses it).
# PyYAML is not listed: the first screen shows the routines, read from their files at
# every start (the routine cache saved 12-23 ms of it and was taken out).
NOT_BEFORE_THE_FIRST_PAINT = (
    "coach.tui.screens.history", "coach.tui.screens.run", "coach.tui.screens.summary",
    "coach.tui.screens.support", "coach.tui.screens.entries", "coach.tui.steps",
    "coach.insight.history", "coach.insight.strength", "coach.insight.words",
    "coach.insight.overview", "coach.cli", "click",
    "coach.routine.steps.affirmation", "coach.routine.steps.instruction",
    "coach.store.series", "tinydb",
)


def test_the_app_loads_only_what_the_first_screen_needs() -> None:
    """Every module imported before the first frame is time the person waits for it:
    what other screens or later work need is imported when they come. The app reads the
    routines before its first frame; here, the shipped ones."""
    code = ("import sys, coach.main, coach.tui.app\n"
            "from coach.foundation.paths import shipped_routines_dir\n"
            "from coach.routine.catalog import RoutineDir, load_catalog\n"
            "assert load_catalog([RoutineDir(shipped_routines_dir(), True)]).routines\n"
            f"print(' '.join(m for m in {NOT_BEFORE_THE_FIRST_PAINT!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.split() == []
