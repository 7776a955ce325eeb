"""The last line of defence: log an unexpected error and tell the person in plain words."""

from __future__ import annotations

import os
import sys
import time
import traceback


def report_crash(err: BaseException) -> int:
    """Write the traceback to the log file, print a short message, return the exit status."""
    from coach.paths import data_dir

    log_path = data_dir() / "logs" / "errors.log"
    where = f"Details were written to {log_path}."
    try:
        log_path.parent.parent.mkdir(parents=True, exist_ok=True, mode=0o700)  # the data folder
        log_path.parent.mkdir(exist_ok=True, mode=0o700)
        fd = os.open(log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        with open(fd, "a", encoding="utf-8") as log:
            log.write(f"--- {time.strftime('%Y-%m-%d %H:%M:%S')}\n")
            log.write("".join(traceback.format_exception(err)))
    except OSError:
        where = "The details could not be written to a log file."
    print(f"coach stopped because of an unexpected problem: {type(err).__name__}: {err}\n"
          f"{where}", file=sys.stderr)
    return 70
