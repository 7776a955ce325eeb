"""coach/tui stays easy to carry on: the app only composes, screens reach it typed, and the
tui's modules import one another one way only."""

from __future__ import annotations

import ast
import re
from pathlib import Path

TUI = Path(__file__).resolve().parents[2] / "coach" / "tui"


def imported_modules(path: Path) -> set[str]:
    """Every coach module `path` imports: at the top, inside functions, for type checking."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in names if name.startswith("coach.")}


def test_the_palette_does_not_import_the_app_that_lists_it() -> None:
    assert not {m for m in imported_modules(TUI / "commands.py") if m.startswith("coach.tui.app")}


def test_the_fields_do_not_import_the_steps_that_hold_them() -> None:
    imported = imported_modules(TUI / "widgets" / "fields.py")
    assert not {m for m in imported if m.startswith("coach.tui.steps")}


def test_the_app_module_only_composes() -> None:
    lines = len((TUI / "app.py").read_text(encoding="utf-8").splitlines())
    assert lines < 250, f"coach/tui/app.py has {lines} lines: give a concern a module of its own"


def test_few_type_ignores_each_with_its_reason() -> None:
    """Screens and widgets reach the app through coach_app (coach.tui.app_access), typed."""
    ignores = [f"{path.relative_to(TUI)}:{number}: {line.strip()}"
               for path in TUI.rglob("*.py")
               for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
               if "type: ignore" in line]
    assert len(ignores) <= 5, ignores
    unexplained = [i for i in ignores if not re.search(r"type: ignore\[[\w,-]+\]\s+#\s*\S", i)]
    assert unexplained == []
