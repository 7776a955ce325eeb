"""The `coach` entry point: a plain `coach` opens the app at once; anything else goes to cli.py.

The command parser is loaded only when there are arguments to parse, which keeps
the app's start-up short. No traceback ever reaches the person: unexpected errors
are logged and summarised in one line. Output that cannot be written (a full disk, a closed
pipe) is caught here for every command: said in one line, or, for a pipe whose reader has
gone, not at all; either way the status is 1. The app opens only in a terminal: started
from a script, or with its output sent to a file, it says so and ends rather than running
unseen.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TextIO

from coach.foundation.terminal import APP_NEEDS_A_TERMINAL, has_terminal


def main(argv: Sequence[str] | None = None) -> None:
    args = list(argv) if argv is not None else sys.argv[1:]
    try:
        _run(args)
        status: int | str | None = 0
    except SystemExit as done:
        status = done.code
    except Exception as err:  # noqa: BLE001 - the last line of defence
        status = _unwritable_output(err)
        if status is None:
            from coach.foundation.crash import report_crash

            status = report_crash(err)
    # Flushed here, so that output which cannot be written is said now, not in a message
    # from the interpreter as it shuts down.
    flushed = _flush_output()
    sys.exit(status if flushed is None else flushed)


def _run(args: list[str]) -> None:
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
            from coach.foundation.visible import visible

            err.message = visible(err.message)
            err.show()
            sys.exit(err.exit_code)
        except click.Abort:
            print(file=sys.stderr)
            sys.exit(1)
        sys.exit(status if isinstance(status, int) else 0)
    except KeyboardInterrupt:
        sys.exit(130)


def _unwritable_output(err: Exception) -> int | None:
    """The exit status when `err` means standard output or error cannot be written; None
    for any other error."""
    from coach.cli.output import OutputFailed

    if isinstance(err, OutputFailed):  # coach's own echo
        return _output_failed(err.error, sys.stderr if err.to_stderr else sys.stdout)
    if isinstance(err, OSError):
        stream = _stream_click_wrote(err)
        if stream is not None:
            return _output_failed(err, stream)
    return None


def _stream_click_wrote(err: OSError) -> TextIO | None:
    """Standard output or error, when `err` came from click.echo writing to it: click prints
    help, --version and a few commands' output itself, not through coach's echo."""
    trace = err.__traceback__
    while trace is not None and trace.tb_next is not None:
        trace = trace.tb_next
    if trace is None:
        return None
    frame = trace.tb_frame
    if (frame.f_globals.get("__name__"), frame.f_code.co_name) != ("click.utils", "echo"):
        return None
    written = frame.f_locals.get("file")
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and written is not None and _fileno(written) == _fileno(stream):
            return stream
    return None


def _fileno(stream: object) -> int | None:
    try:
        return stream.fileno()  # type: ignore[attr-defined, no-any-return]
    except (AttributeError, OSError, ValueError):
        return None


def _flush_output() -> int | None:
    """Flush standard output and error; the exit status if one of them cannot be written."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except OSError as err:
            return _output_failed(err, stream)
        except ValueError:  # closed
            pass
    return None


def _output_failed(err: OSError, stream: TextIO) -> int:
    """Say in one line that the output could not be written, and end with 1; quietly when
    the reader of a pipe has gone (`coach history | head -1`), as click does for its own
    output. The stream then leads nowhere, so it does not fail again at shutdown."""
    import errno

    from coach.foundation.files import write_error_words

    _lead_nowhere(stream)
    if stream is not sys.stderr and err.errno != errno.EPIPE:
        try:
            print(f"coach: could not write the output: {write_error_words(err)}",
                  file=sys.stderr, flush=True)
        except OSError:  # nowhere to say it either
            _lead_nowhere(sys.stderr)
    return 1


def _lead_nowhere(stream: TextIO | None) -> None:
    """Point `stream`'s descriptor at /dev/null, so what its buffer still holds is dropped."""
    import os

    try:
        fd = stream.fileno()  # type: ignore[union-attr]
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, fd)
        os.close(null)
    except (AttributeError, OSError, ValueError):
        pass
