"""Located problems found in a routine file, printed as PATH:LINE:COLUMN (or PATH: for a
file that cannot be read at all)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) at a place in a file.

    Line and column are 1-based, as editors count them; 0 means the problem is
    with the file (or folder) as a whole, and it prints as PATH: message.
    """

    path: Path | None
    line: int
    column: int
    message: str
    severity: Severity = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        where = str(self.path) if self.path is not None else "<routine>"
        if self.line:
            where = f"{where}:{self.line}:{self.column}"
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{where}: {prefix}{self.message}"


#: More than a person can take in at once; the rest are counted in one last problem.
MAX_PROBLEMS = 50


class ProblemList:
    """Collects problems while a file is read, so all of them are reported at once.

    At most MAX_PROBLEMS are kept, then one more that says how many were left
    out: a file of 10,000 unknown keys makes 51 lines, not 10,000.
    """

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.items: list[Problem] = []
        self.left_out = 0

    def add(self, line: int, column: int, message: str, severity: Severity = "error") -> None:
        if len(self.items) < MAX_PROBLEMS:
            self.items.append(Problem(self.path, line, column, message, severity))
            return
        self.left_out += 1
        if self.left_out == 1:
            self.items.append(Problem(self.path, line, column, "", severity))
        first = self.items[MAX_PROBLEMS]
        more = f"{self.left_out:,} more problem{'s' if self.left_out != 1 else ''}"
        self.items[MAX_PROBLEMS] = Problem(
            self.path, first.line, first.column, f"{more} from here on are not shown; fix "
            "the ones above first", "error" if "error" in (first.severity, severity)
            else "warning")

    @property
    def has_errors(self) -> bool:
        return any(p.is_error for p in self.items)
