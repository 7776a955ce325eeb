"""The last line of defence: log an unexpected error and tell the person in plain words."""

from __future__ import annotations

import os
import sys
import time
import traceback


def log_error(err: BaseException) -> str:
    """Append the traceback to the error log; a sentence saying where it went."""
    from coach.foundation.files import NotCoachFile, make_private_dirs, open_own
    from coach.foundation.paths import data_dir

    log_path = data_dir() / "logs" / "errors.log"
    try:
        make_private_dirs(log_path.parent)
        # Never through a link, and never waiting on a named pipe, put in the log's place.
        fd = open_own(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
        with open(fd, "a", encoding="utf-8") as log:
            log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
            log.write("".join(traceback.format_exception(err)))
    except NotCoachFile as problem:
        return f"The details could not be written to a log file: {problem}."
    except OSError:
        return "The details could not be written to a log file."
    return f"Details were written to {log_path}."


def report_crash(err: BaseException) -> int:
    """Write the traceback to the log file, print a short message, return the exit status."""
    where = log_error(err)
    from coach.foundation.visible import shorten, visible

    print(visible(f"coach stopped because of an unexpected problem: {type(err).__name__}: "
                  f"{shorten(str(err), 300)}\n{where}"), file=sys.stderr)
    return 70
