"""The `coach` entry point: a plain `coach` opens the app at once; anything else goes to cli.py.

The command parser is loaded only when there are arguments to parse, which keeps
the app's start-up short. No traceback ever reaches the person: unexpected errors
are logged and summarised in one line. The app opens only in a terminal: started from a
script, or with its output sent to a file, it says so and ends rather than running unseen.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence

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


def main(argv: Sequence[str] | None = None) -> None:
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        if not args:
            if not has_terminal():
                print(APP_NEEDS_A_TERMINAL, file=sys.stderr)
                sys.exit(1)
            import gc

            # Starting makes some 80,000 objects that live as long as the app, and the cyclic
            # collector would scan them again and again: about a tenth of the time to the
            # first frame. The app turns it on again once the home screen is painted.
            gc.disable()
            from coach.tui.app import run_app

            run_app()
            return
        import click

        from coach.cli import cli

        try:
            status = cli.main(args=args, prog_name="coach", standalone_mode=False)
        except click.ClickException as err:
            # Click's own messages quote what was typed; show it as visible text.
            from coach.visible import visible

            err.message = visible(err.message)
            err.show()
            sys.exit(err.exit_code)
        except click.Abort:
            print(file=sys.stderr)
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the last line of defence
        from coach.crash import report_crash

        sys.exit(report_crash(err))
