"""The core knows nothing of the terminal: only coach.tui may import Textual or Rich."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "coach"
CORE_MODULES = sorted(
    ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    for path in PACKAGE.rglob("*.py")
    if "tui" not in path.relative_to(PACKAGE).parts and path.name != "__main__.py"
)

TUI_MODULES = sorted(
    ".".join(path.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__")
    for path in (PACKAGE / "tui").rglob("*.py")
)


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_module_does_not_load_textual_or_rich(module: str) -> None:
    code = (f"import sys, {module}\n"
            "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich'))\n"
            "print(','.join(bad))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "", f"{module} loads {result.stdout.strip()}"


def test_only_tui_and_the_entry_points_import_tui() -> None:
    """Nothing in the core imports coach.tui, not even lazily inside a function."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE)
        # The entry points open the app: main.py, and the `coach` and `coach run` commands.
        if relative.parts[0] == "tui" or str(relative) in ("cli/__init__.py", "main.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("textual", "rich") or n.startswith("coach.tui")
                   for n in names):
                offenders.append(f"{relative}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize("module", TUI_MODULES)
def test_each_tui_module_imports_on_its_own(module: str) -> None:
    """Screens are imported lazily, when a key opens them: each must import first in a fresh
    process without an import cycle (inside one test run, other modules came first)."""
    result = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stderr.strip().splitlines()[-1:]
