"""coach over a real ssh connection (OpenSSH, a private sshd on 127.0.0.1): the ssh client
runs in an 80x24 tmux pane, as a person's terminal, and coach runs on the server's side
with the tests' pinned clock. What is stored is read here, in the test process."""

from __future__ import annotations

import re
import shlex
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

from coach.store import Store
from tests.conftest import PINNED_NOW
from tests.e2e.tmux import Terminal, coach_executable, terminal
from tests.remind.conftest import wait_for
from tests.ssh.conftest import LOCAL_ENV, Remote, remote_env

TODAY = date(2026, 11, 22)  # the pinned day (tests/conftest.py PINNED_NOW)


def outcomes(dirs: dict[str, Path], routine: str) -> dict[str, tuple[str, dict]]:
    """What is stored for `routine` today, step by step: (status, data)."""
    stored = Store(dirs["data"]).day_outcomes(routine, TODAY)
    return {step: (outcome.status, outcome.data) for step, outcome in stored.items()}


def client_pid(term: Terminal) -> int:
    """The ssh client's process: the pane runs it directly."""
    return int(term.tmux("display-message", "-p", "-t", term.name, "#{pane_pid}").stdout)


def settle() -> None:
    """A step is painted a moment before its first field has focus."""
    time.sleep(0.5)


def test_the_morning_routine_with_keys_alone(remote: Remote, coach_dirs: dict[str, Path]) -> None:
    with terminal(remote.command(), LOCAL_ENV) as term:
        term.wait_for_all("Morning routine", "⏎ Start  q Quit", timeout=20)
        term.send("Enter")
        term.wait_for_all("Step 1 of 4", "Breathe in")
        term.send("Enter")  # finish early
        term.wait_for_text("Step 2 of 4")
        settle()
        for thing in ("tea in the garden", "a letter", "warm socks"):
            term.type(thing)
            term.wait_for_text(thing)
            term.send("Enter")  # the next line, then on from the last
            # Keys sent at once after Enter can still land in the field Enter left (they
            # are queued for it before it moves the focus): a person pauses this long.
            time.sleep(0.3)
        term.wait_for_text("Step 3 of 4")
        settle()
        term.type("walk by the river")
        term.wait_for_text("walk by the river")
        term.send("Tab")
        time.sleep(0.3)  # as after Enter: Tab moves the focus after keys already queued
        term.type("18:30")
        term.wait_for_text("18:30")
        term.send("Tab")
        time.sleep(0.3)
        term.type("7")
        term.wait_for(lambda screen: re.search(r"walk by the river +18:30 +7\b", screen))
        term.send("C-n")
        term.wait_for_all("Step 4 of 4", "Mood check-in")
        settle()
        term.send("8")
        term.wait_for_text("[8]")
        term.send("Tab")
        time.sleep(0.3)
        term.send("Space")  # the first word: calm
        term.wait_for_text("● calm")
        term.send("C-n")
        screen = term.wait_for_text("Thank you for taking this time for yourself.")
        assert "Your mood: 8 out of 10." in screen
        term.send("Enter")
        term.wait_for_text("✓ done today")
        term.send("q")
        term.wait_until_closed()
    stored = outcomes(coach_dirs, "morning")
    assert stored["morning-breathing"][0] == "done"
    assert stored["gratitude"] == ("done", {"items": ["tea in the garden", "a letter",
                                                      "warm socks"]})
    (activity,) = stored["plan-activities"][1]["activities"]
    assert (activity["name"], activity["time"], activity["predicted"]) == (
        "walk by the river", "18:30", 7)
    assert stored["morning-mood"][0] == "done"
    assert stored["morning-mood"][1]["rating"] == 8
    assert stored["morning-mood"][1]["feelings"] == ["calm"]
    assert TODAY in Store(coach_dirs["data"]).finished_days("morning", TODAY)


def test_a_dropped_connection_keeps_every_step_and_what_was_typed(
        remote: Remote, coach_dirs: dict[str, Path]) -> None:
    words = "a quiet walk by the river"
    with terminal(remote.command("run", "evening", "--reduced-motion"), LOCAL_ENV) as term:
        term.wait_for_all("Step 1 of 4", "Enter to begin", timeout=20)
        term.send("3")  # tension before
        term.wait_for_text("[3]")
        term.send("Enter")
        term.wait_for_text("Group 1 of 7")
        term.send("Enter")  # finish early
        term.wait_for_text("And now?")
        term.send("2", "Enter")
        term.wait_for_all("Step 2 of 4", "Nothing was planned")
        time.sleep(1)  # the review reads today's saves first
        term.send("C-n")
        term.wait_for_all("Step 3 of 4", "Journal")
        settle()
        term.type(words)
        term.wait_for_text(words)
        subprocess.run(["kill", "-KILL", str(client_pid(term))], check=True)  # the network drops
        term.wait_until_closed()
    _wait_for_coach_to_end(coach_dirs)
    assert not (coach_dirs["data"] / "logs" / "errors.log").exists()  # it ended, not crashed
    stored = outcomes(coach_dirs, "evening")
    assert stored["evening-pmr"][0] == "done"
    assert (stored["evening-pmr"][1]["distress_before"],
            stored["evening-pmr"][1]["distress_after"]) == (3, 2)
    assert stored["review-activities"] == ("done", {"activities": []})
    assert stored["journal"][0] == "draft"
    assert stored["journal"][1]["text"] == words

    # Back five minutes later (each connection's clock starts where it is told).
    later = remote.command("run", "evening", "--reduced-motion", name="again",
                           start=PINNED_NOW + timedelta(minutes=5))
    with terminal(later, LOCAL_ENV) as term:
        screen = term.wait_for_all("Go on where you stopped?", "Resume (r)", timeout=20)
        assert "earlier today (2 of" in screen
        term.send("r")
        screen = term.wait_for_all("Step 3 of 4", words)
        settle()
        term.type(", then tea")
        term.wait_for_text(", then tea")
        term.send("C-n")
        term.wait_for_all("Step 4 of 4", "Mood check-in")
        wait_for(lambda: outcomes(coach_dirs, "evening")["journal"][0] == "done",
                 "the journal saved as done")
    stored = outcomes(coach_dirs, "evening")
    assert stored["evening-pmr"][0] == stored["review-activities"][0] == "done"
    assert stored["journal"] == ("done", {**stored["journal"][1], "text": words + ", then tea"})


def _wait_for_coach_to_end(dirs: dict[str, Path], timeout: float = 10) -> None:
    """After the client is gone, sshd hangs up coach's terminal; coach saves and ends."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _coach_running(dirs):
            return
        time.sleep(0.1)
    raise AssertionError("coach still runs on the server's side after the connection dropped")


def _coach_running(dirs: dict[str, Path]) -> bool:
    """Whether a coach process with this test's data folder runs (read from /proc)."""
    wanted = f"COACH_DATA_DIR={dirs['data']}".encode()
    for environ in Path("/proc").glob("[0-9]*/environ"):
        try:
            if wanted in environ.read_bytes().split(b"\0"):
                return True
        except OSError:
            continue
    return False


def test_the_support_plan_and_history_read_over_ssh(remote: Remote,
                                                    coach_dirs: dict[str, Path]) -> None:
    store = Store(coach_dirs["data"])
    for day in (20, 21):  # Friday and Saturday done; Sunday, the pinned day, still open
        store.record_session("morning", f"s{day}", "finished", day=date(2026, 11, day))
    with terminal(remote.command(), LOCAL_ENV) as term:
        term.wait_for_all("Morning routine", "⏎ Start  q Quit", timeout=20)
        term.send("C-g")
        screen = term.wait_for_all("Your support plan", "My warning signs", "^g Close")
        assert "If you are in danger now, call your local emergency number first." in screen
        term.send("Escape")
        term.wait_for_text("⏎ Start  q Quit")
        term.send("h")
        screen = term.wait_for_all("Your progress · Morning routine", "Current run: 2 days",
                                   "● done")
        assert "Sunday 22 November: still open today" in screen
        term.send("Escape")
        term.wait_for_text("⏎ Start  q Quit")
        term.send("q")
        term.wait_until_closed()


REMINDER = "coach: Evening wind-down is ready when you are"


def test_remind_once_over_ssh_goes_through_tmux_without_a_bus(
        remote: Remote, coach_dirs: dict[str, Path], tmp_path: Path) -> None:
    """No session bus and an empty runtime folder, as on a server: the desktop way says
    why not, and the reminder reaches the person's tmux session (here on the server)."""
    routines = coach_dirs["routines"]
    routines.mkdir(parents=True)
    (routines / "evening.yaml").write_text(
        'title: Evening wind-down\nschedule:\n  at: "20:00"\n'
        "steps:\n  - type: journal\n    title: A few lines\n", encoding="utf-8")
    empty = tmp_path / "xdg"
    empty.mkdir()
    log = tmp_path / "remind.log"
    clock = remote_env(coach_dirs, remote.runtime)
    pinned = shlex.join(["env", f"LD_PRELOAD={clock['LD_PRELOAD']}",
                         f"FAKETIME={clock['FAKETIME']}", coach_executable()])
    status = tmp_path / "status"
    once = f"{pinned} remind --once > {log} 2>&1; echo $? > {status}; sleep 60"
    command = remote.command(
        name="remind", env={"DBUS_SESSION_BUS_ADDRESS": None, "XDG_RUNTIME_DIR": str(empty),
                            "LD_PRELOAD": None, "FAKETIME": None},
        program=["tmux", "-S", str(remote.runtime / "far"), "new-session", "-s", "far", once])
    try:
        with terminal(command, LOCAL_ENV) as term:
            try:
                screen = term.wait_for_text(REMINDER, timeout=20)
            except AssertionError as err:
                raise AssertionError(f"{err}\ncoach remind --once said:\n"
                                     f"{log.read_text(errors='replace')}") from None
            assert screen.rstrip("\n").splitlines()[-1].startswith(REMINDER)  # tmux's status line
            # The pane showed its own echo only once the message was gone (tmux 3.3a,
            # ten seconds): the status is read from a file.
            wait_for(lambda: status.exists() and status.read_text().strip(), "the exit status")
            assert status.read_text().strip() == "0"
            assert "Traceback" not in term.screen()
    finally:
        subprocess.run(["tmux", "-S", str(remote.runtime / "far"), "kill-server"],
                       capture_output=True, check=False)
    said = log.read_text()
    assert "reminded: Evening wind-down, by tmux" in said, said
    assert "Traceback" not in said
    assert not list(empty.iterdir())  # nothing was started in the runtime folder


def test_half_a_minute_of_breathing_sends_under_3_kb_a_second(
        remote: Remote, coach_dirs: dict[str, Path], tmp_path: Path) -> None:
    """What the ssh client receives (and writes to its terminal) while the pacer runs:
    counted from the tmux pane with pipe-pane, from the first "Breathe in" to the end.
    Half a minute (the shortest a breathing step may be) is three breaths of the relaxed
    pattern: every phase and its redraws, as a longer session repeats them."""
    routines = coach_dirs["routines"]
    routines.mkdir(parents=True)
    (routines / "breath.yaml").write_text(
        "title: Breath\nsteps:\n  - type: breathing\n    pattern: relaxed\n"
        "    minutes: 0.5\n", encoding="utf-8")
    received = tmp_path / "received"
    received.touch()
    with terminal(remote.command("run", "breath"), LOCAL_ENV) as term:
        term.tmux("pipe-pane", "-o", "-t", term.name, f"cat >> {received}")
        term.wait_for_text("Breathe in", timeout=20)
        start, before = time.monotonic(), received.stat().st_size
        term.wait_for_text("Well done.", timeout=45)  # the half minute is over
        seconds, sent = time.monotonic() - start, received.stat().st_size - before
    assert seconds > 27, f"the step ended after {seconds:.0f} s"
    rate = sent / seconds
    print(f"{sent} bytes in {seconds:.1f} s = {rate / 1024:.2f} KB/s")
    assert rate < 3 * 1024, f"{rate / 1024:.2f} KB/s over ssh"
