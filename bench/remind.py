"""What reminders cost and how punctual they are.

1. One reminder pass in-process (routines, settings, zone, what was sent and done), with
   no data and with ten years of history (bench/storage.py's synthetic daily use),
   alternating so both see the same machine load: with nothing due, and with one
   reminder due (claimed in the store and delivered by a command, `true`).
2. `coach remind --once` as a whole process (what cron runs every minute), likewise.
3. The loop for real: `coach remind` with a routine due at the start of the next minute
   (the command way records the moment it is called): how late the reminder arrives,
   and the processor time the loop used while it waited (it sleeps, it does not poll).
4. Delivery time of the desktop way (plyer and notify-send, in a private D-Bus session
   with tests/remind/fake_notifications.py as the notification service) and the tmux way
   (a private tmux server with one client attached), when those tools are installed.

Usage: python bench/remind.py [RUNS]
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from tenyears import COACH, build_history

from coach.remind.backends.base import Backend, Message
from coach.remind.engine import ReminderEngine
from coach.store import Store

REPO = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 22, 20, 0, tzinfo=timezone.utc)
ZONE_NAME = "Europe/Berlin"
#: Each pass is on a day of its own, so a due reminder is never one already claimed.
DAYS_BACK = itertools.count()
STAMP = """\
import sys, time
with open(sys.argv[1], "a") as out:
    out.write(f"{time.time()} {sys.argv[2]}\\n")
"""
#: The loop's own routine; the shipped ones may be due when the benchmark runs.
LOOP_TITLE = "Bench reminder"


def routine_file(folder: Path, at: str, title: str = "Evening wind-down") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    # Not one of the history's routines, which were finished every day.
    (folder / "nightly.yaml").write_text(
        f'title: {title}\nschedule:\n  at: "{at}"\n'
        "steps:\n  - type: journal\n    title: A few lines\n", encoding="utf-8")


def settings_file(config: Path, command: list[str]) -> None:
    (config / "settings.yaml").write_text(
        f"reminders_via: [command]\nreminder_command: {json.dumps(command)}\n",
        encoding="utf-8")


def folders(root: Path, name: str) -> tuple[Path, Path]:
    config, data = root / name / "config", root / name / "data"
    config.mkdir(parents=True)
    return config, data


def pass_times(config: Path, data: Path, at: str, runs: int) -> list[float]:
    """Seconds per pass; with a due routine, each run claims a reminder of an earlier day
    (in the month files the history fills)."""
    os.environ["COACH_CONFIG_DIR"], os.environ["COACH_DATA_DIR"] = str(config), str(data)
    routine_file(config / "routines", at)
    times = []
    for _ in range(runs):
        now = NOW - timedelta(days=next(DAYS_BACK))
        store = Store(data, now=lambda now=now: now,  # type: ignore[misc]
                      zone=(__import__("zoneinfo").ZoneInfo(ZONE_NAME), ZONE_NAME))
        engine = ReminderEngine(store)
        start = time.perf_counter()
        engine.run_pass()
        times.append(time.perf_counter() - start)
    return times


def whole_process(config: Path, data: Path, runs: int) -> list[float]:
    env = {**os.environ, "COACH_CONFIG_DIR": str(config), "COACH_DATA_DIR": str(data),
           "TZ": ZONE_NAME}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run([COACH, "remind", "--once"], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def ms(values: list[float]) -> str:
    return f"median {1000 * statistics.median(values):.1f} ms (worst {1000 * max(values):.1f})"


def compare_times(runs: int, root: Path, years: float = 10) -> dict:
    """Seconds of each pass (nothing due, one reminder due) and of each whole `coach remind
    --once`, by label and by "empty" and "ten years", alternating."""
    empty = folders(root, "empty")
    with_years = folders(root, "tenyears")
    result: dict = {"records": build_history(with_years[1], years)}
    Store(with_years[1]).check()  # the month digests, as the app builds them after its first start
    for config, _ in (empty, with_years):
        settings_file(config, ["true"])
    for label, at in (("nothing due", "23:30"), ("one reminder due", "20:55")):
        results: dict[str, list[float]] = {"empty": [], "ten years": []}
        for _ in range(3):
            for name, (config, data) in (("empty", empty), ("ten years", with_years)):
                results[name] += pass_times(config, data, at, max(1, runs // 3))
        result[label] = results
    results = {"empty": [], "ten years": []}
    for _ in range(runs):
        for name, (config, data) in (("empty", empty), ("ten years", with_years)):
            results[name] += whole_process(config, data, 1)
    result["coach remind --once"] = results
    return result


def compare(runs: int, root: Path) -> None:
    result = compare_times(runs, root)
    print(f"ten years: {result['records']} records")
    for label in ("nothing due", "one reminder due"):
        results = result[label]
        print(f"one pass, {label}: no data {ms(results['empty'])}; "
              f"ten years {ms(results['ten years'])}")
    results = result["coach remind --once"]
    print(f"coach remind --once (whole process): no data {ms(results['empty'])}; "
          f"ten years {ms(results['ten years'])}")


def punctuality(root: Path) -> None:
    config, data = folders(root, "loop")
    stamps = root / "stamps.txt"
    script = root / "stamp.py"
    script.write_text(STAMP, encoding="utf-8")
    settings_file(config, [sys.executable, str(script), str(stamps), "{body}"])
    due = datetime.now(timezone.utc).replace(second=0, microsecond=0) + timedelta(minutes=1)
    if (due - datetime.now(timezone.utc)).total_seconds() < 75:  # a minute of idling at least
        due += timedelta(minutes=1)
    routine_file(config / "routines", f"{due:%H:%M}", LOOP_TITLE)
    for shipped in ("morning", "evening"):  # your own copies replace the shipped ones
        (config / "routines" / f"{shipped}.yaml").write_text(
            f"title: {shipped}\nreminders: false\nschedule:\n  at: \"07:00\"\n"
            "steps:\n  - type: journal\n    title: A few lines\n", encoding="utf-8")
    env = {**os.environ, "COACH_CONFIG_DIR": str(config), "COACH_DATA_DIR": str(data),
           "TZ": "UTC"}
    process = subprocess.Popen([COACH, "remind"], env=env, stdout=subprocess.DEVNULL)
    try:
        time.sleep(2)  # started and settled
        before = _cpu_seconds(process.pid)
        waited_from = time.monotonic()
        while not _stamp(stamps) and time.monotonic() - waited_from < 150:
            time.sleep(0.05)
        used = _cpu_seconds(process.pid) - before
        waited = time.monotonic() - waited_from
    finally:
        process.terminate()
        process.wait(10)
    stamp = _stamp(stamps)
    if stamp is None:
        print("the loop sent nothing within 150 s")
        return
    late = stamp - due.timestamp()
    print(f"the loop: a routine due at {due:%H:%M:%S} UTC was reminded {1000 * late:.0f} ms "
          f"after its time; while waiting {waited:.0f} s it used {1000 * used:.0f} ms of "
          f"processor time ({100 * used / waited:.3f} %)")


def _stamp(stamps: Path) -> float | None:
    """When the loop's own routine was reminded of, if it was."""
    if not stamps.exists():
        return None
    for line in stamps.read_text().splitlines():
        moment, body = line.split(" ", 1)
        if body.startswith(LOOP_TITLE):
            return float(moment)
    return None


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def send_times(backend: Backend, message: Message, runs: int) -> list[float]:
    """Seconds for each check-then-send, as a pass does it."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        assert backend.available().ok and backend.send(message).ok
        times.append(time.perf_counter() - start)
    return times


def delivery_times(runs: int, root: Path) -> None:
    message = Message("coach", "Evening wind-down is ready when you are (about 15 min)")
    if shutil.which("dbus-run-session") and shutil.which("notify-send"):
        out = root / "received.jsonl"
        address_file = root / "bus-address"
        server = subprocess.Popen(
            ["dbus-run-session", "--", "/usr/bin/python3",
             str(REPO / "tests/remind/fake_notifications.py"), str(out), str(address_file)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        try:
            deadline = time.monotonic() + 10
            while not address_file.exists() and time.monotonic() < deadline:
                time.sleep(0.05)
            os.environ["DBUS_SESSION_BUS_ADDRESS"] = address_file.read_text().strip()
            from coach.remind.backends.desktop import DesktopBackend

            times = send_times(DesktopBackend(), message, runs)
            print(f"desktop way (availability check and plyer in a child process): {ms(times)}")
        finally:
            os.killpg(server.pid, 15)
            server.wait(10)
    if shutil.which("tmux"):
        folder = Path(tempfile.mkdtemp(prefix="cb-", dir="/tmp"))
        socket, viewer = folder / "s", folder / "v"
        subprocess.run(["tmux", "-S", str(socket), "new-session", "-d"], check=True)
        # A client attached from a pane of a second server, which gives it a terminal.
        subprocess.run(["tmux", "-S", str(viewer), "new-session", "-d",
                        f"env -u TMUX tmux -S {socket} attach"], check=True)
        time.sleep(1)
        try:
            from coach.remind.backends.tmux import TmuxBackend

            times = send_times(TmuxBackend(socket=socket), message, runs)
            print(f"tmux way (availability check and display-message): {ms(times)}")
        finally:
            for server in (viewer, socket):
                subprocess.run(["tmux", "-S", str(server), "kill-server"], check=False)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 15
    root = Path(tempfile.mkdtemp(prefix="coach-bench-remind-"))
    try:
        compare(runs, root)
        delivery_times(runs, root)
        punctuality(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
