"""Find the person's text editor and build the command that opens a file at a line."""

from __future__ import annotations

import os
import shlex
import shutil
from pathlib import Path

FALLBACK_EDITORS = ("sensible-editor", "editor", "nano", "vim", "vi")
# Editors that understand `+LINE FILE`.
PLUS_LINE_EDITORS = frozenset({"vi", "vim", "nvim", "gvim", "view", "nano", "pico", "emacs",
                               "emacsclient", "micro", "kak", "joe", "jed", "mg", "ne", "hx",
                               "helix", "sensible-editor", "editor"})
# Editors that take `-g FILE:LINE` (VS Code and relatives).
GOTO_EDITORS = frozenset({"code", "codium", "code-insiders", "cursor"})


class NoEditorError(Exception):
    """No editor is set and none of the usual ones is installed."""


def editor_command() -> list[str]:
    for variable in ("VISUAL", "EDITOR"):
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                words = shlex.split(value)
            except ValueError as err:  # an unbalanced quote
                raise NoEditorError(f"${variable} cannot be read as a command ({err}); "
                                    f"fix it, for example export {variable}=nano") from None
            if words and words[0]:
                return words
    for name in FALLBACK_EDITORS:
        if shutil.which(name):
            return [name]
    raise NoEditorError("no editor found: set $EDITOR (for example export EDITOR=nano)")


def open_at_line(command: list[str], path: Path, line: int | None) -> list[str]:
    name = Path(command[0]).name
    if line and name in PLUS_LINE_EDITORS:
        return [*command, f"+{line}", str(path)]
    if line and name in GOTO_EDITORS:
        return [*command, "-g", f"{path}:{line}"]
    return [*command, str(path)]
