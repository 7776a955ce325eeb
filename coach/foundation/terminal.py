"""Whether the app can open: a terminal to show it in and to answer it from.

Both `coach` (coach.main) and `coach run` (coach.cli) ask, and say the same when
there is none; it lives here, below both, so that neither imports the other back.
"""

from __future__ import annotations

import os
import sys

#: What a plain `coach` says when it is not in a terminal.
APP_NEEDS_A_TERMINAL = ("coach needs a terminal to open; from a script, use coach list, "
                        "coach history or coach remind --once")


def has_terminal() -> bool:
    """Whether the app can be seen and answered: its input and its output are both a
    terminal (not /dev/null, a file, a pipe, or closed)."""
    try:
        return os.isatty(sys.stdin.fileno()) and os.isatty(sys.stdout.fileno())
    except (AttributeError, ValueError, OSError):  # None, or closed, or not a real file
        return False
