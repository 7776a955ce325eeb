"""The `coach` entry point: a plain `coach` opens the app at once; anything else goes to cli.py.

The command parser is loaded only when there are arguments to parse, which keeps
the app's start-up short. No traceback ever reaches the person: unexpected errors
are logged and summarised in one line.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> None:
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        if not args:
            from coach.tui.app import run_app

            run_app()
            return
        from coach.cli import cli

        cli.main(args=args, prog_name="coach")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as err:  # noqa: BLE001 - the last line of defence
        from coach.crash import report_crash

        sys.exit(report_crash(err))
