"""The installed `coach remind` as a person (or cron, or systemd) runs it, its clock pinned
with faketime: one pass, the coming reminders, the loop stopping on SIGTERM and Ctrl+C,
and the unit it installs."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import faketime_env
from tests.e2e.tmux import coach_executable

#: The pinned clock's moment, for the subprocesses: Sunday 22 November 2026, 20:00 UTC.
FAKETIME = "@2026-11-22 20:00:00"

RECORD_ARGS = """\
import json, sys
with open(sys.argv[1], "a", encoding="utf-8") as out:
    out.write(json.dumps(sys.argv[2:]) + "\\n")
"""


def record_reminders(config: Path, tmp_path: Path) -> Path:
    """Settings that send reminders by the `command` way only, to a command that writes what
    it gets to the file returned."""
    script = tmp_path / "record_args.py"
    script.write_text(RECORD_ARGS, encoding="utf-8")
    received = tmp_path / "received.jsonl"
    config.mkdir(parents=True, exist_ok=True)
    (config / "settings.yaml").write_text(
        f"reminders_via: [command]\nreminder_command: [{json.dumps(sys.executable)}, "
        f"{json.dumps(str(script))}, {json.dumps(str(received))}, \"{{title}}\", \"{{body}}\"]\n",
        encoding="utf-8")
    return received


@pytest.fixture
def setup(coach_dirs: dict[str, Path], tmp_path: Path) -> dict[str, Path]:
    """A routine due at 19:30 UTC, and the `command` way writing what it gets to a file."""
    routines = coach_dirs["routines"]
    routines.mkdir(parents=True)
    (routines / "evening.yaml").write_text(
        'title: Evening wind-down\nschedule:\n  at: "19:30"\n'
        "steps:\n  - type: journal\n    title: A few lines\n", encoding="utf-8")
    return {"received": record_reminders(coach_dirs["config"], tmp_path), **coach_dirs}


def coach(*args: str, when: str = FAKETIME, timeout: float = 30,
          **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([coach_executable(), *args], capture_output=True, text=True,
                          timeout=timeout, env=faketime_env(when),
                          **kwargs)  # type: ignore[call-overload]


def received(setup: dict[str, Path]) -> list[list[str]]:
    path = setup["received"]
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_once_sends_what_is_due_and_only_once(setup: dict[str, Path]) -> None:
    first = coach("remind", "--once")
    assert first.returncode == 0, first.stderr
    assert "reminded: Evening wind-down, by command" in first.stdout
    assert received(setup) == [["coach", "Evening wind-down is ready when you are "
                                "(about 5 min)"]]
    again = coach("remind", "--once")
    assert again.returncode == 0 and again.stdout == "" and again.stderr == ""
    assert len(received(setup)) == 1


def test_once_sends_nothing_for_a_routine_done_today(setup: dict[str, Path]) -> None:
    from coach.store import Store

    Store(setup["data"]).record_session("evening", "s1", "finished")
    result = coach("remind", "--once")
    assert result.returncode == 0, result.stderr
    assert "no reminder for Evening wind-down: it is done for today" in result.stdout
    assert received(setup) == []


def test_once_before_the_time_sends_nothing(setup: dict[str, Path]) -> None:
    result = coach("remind", "--once", when="@2026-11-22 19:29:00")
    assert result.returncode == 0 and result.stdout == ""
    assert received(setup) == []


def test_once_sends_a_mood_reminder_through_the_command_with_nothing_private(
        setup: dict[str, Path]) -> None:
    from datetime import date

    from coach.session.quick_mood import mood_record
    from coach.store import Store

    settings = setup["config"] / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + 'mood_reminders: ["19:45"]\n', encoding="utf-8")
    store = Store(setup["data"])
    store.add(mood_record(store, 3, "words of mine"))  # the pinned clock's 20:00, a day before
    store.record_session("evening", "s1", "finished", day=date(2026, 11, 23))
    first = coach("remind", "--once", when="@2026-11-23 19:50:00")
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1].endswith("reminded: Mood check-in, by command")
    assert received(setup) == [["coach", "Time for a quick mood check-in: m in coach, or "
                                "coach mood"]]
    coach("remind", "--once", when="@2026-11-23 19:51:00")
    assert len(received(setup)) == 1


def test_next_lists_the_coming_day_and_each_routine_s_next(setup: dict[str, Path]) -> None:
    (setup["routines"] / "sunday.yaml").write_text(
        'title: Sunday review\nschedule:\n  at: "10:00"\n  days: [sun]\n'
        "steps:\n  - type: journal\n    title: The week\n", encoding="utf-8")
    result = coach("remind", "--next")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Coming reminders (UTC time):",
        "  Mon 23 Nov 07:30  Morning routine",  # a shipped routine
        "  Mon 23 Nov 19:30  Evening wind-down",
        "  Sun 29 Nov 10:00  Sunday review",
        "They would reach you by command."]


def test_next_says_when_today_is_done(setup: dict[str, Path]) -> None:
    from coach.store import Store

    Store(setup["data"]).record_session("evening", "s1", "finished")
    result = coach("remind", "--next", when="@2026-11-22 10:00:00")
    assert result.stdout.splitlines()[1:3] == [
        "  Sun 22 Nov 19:30  Evening wind-down                         done, so none",
        "  Mon 23 Nov 07:30  Morning routine"]


def test_next_lists_the_mood_times_and_one_a_check_in_makes_needless(
        setup: dict[str, Path]) -> None:
    from coach.session.quick_mood import mood_record
    from coach.store import Store

    settings = setup["config"] / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + 'mood_reminders: ["12:30", "20:30"]\n', encoding="utf-8")
    assert coach("remind", "--next").stdout.splitlines()[1:5] == [
        "  Sun 22 Nov 20:30  Mood check-in",
        "  Mon 23 Nov 07:30  Morning routine",
        "  Mon 23 Nov 12:30  Mood check-in",
        "  Mon 23 Nov 19:30  Evening wind-down"]
    store = Store(setup["data"])
    store.add(mood_record(store, 6, "private"))  # at the pinned 20:00
    result = coach("remind", "--next", when="@2026-11-22 20:05:00")
    assert result.stdout.splitlines()[1] == \
        "  Sun 22 Nov 20:30  Mood check-in                             checked in lately, so none"
    assert "private" not in result.stdout


def test_doctor_counts_the_mood_times_among_the_reminders(setup: dict[str, Path]) -> None:
    settings = setup["config"] / "settings.yaml"
    settings.write_text(settings.read_text(encoding="utf-8")
                        + 'mood_reminders: ["20:30", "12:30"]\n', encoding="utf-8")
    result = coach("doctor")
    assert "routines with a schedule and reminders on, mood check-ins at 12:30 " \
        "and 20:30; the ways, in your order:" in result.stdout


def as_a_shell_starts_it() -> None:
    """Ctrl+C and Ctrl+\\ at their defaults in the loop, as in a terminal. A signal ignored
    in a process stays ignored in what it starts, and in full runs of the suite the pytest
    worker was found ignoring SIGINT and SIGQUIT after other tests (the started loop's
    SigIgn had both): the loop never heard the SIGINT and the test timed out."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGQUIT, signal.SIG_DFL)


@pytest.mark.parametrize("how", [signal.SIGTERM, signal.SIGINT])
def test_the_loop_sends_then_stops_cleanly(setup: dict[str, Path], tmp_path: Path,
                                           how: signal.Signals) -> None:
    out, err = tmp_path / "out.log", tmp_path / "err.log"
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        process = subprocess.Popen([coach_executable(), "remind"], stdout=stdout,
                                   stderr=stderr, env=faketime_env(FAKETIME),
                                   preexec_fn=as_a_shell_starts_it)
    try:
        deadline = time.monotonic() + 20
        while "reminded:" not in out.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert received(setup), f"the loop sent nothing: {out.read_text()}"
        process.send_signal(how)  # while it naps
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            status = Path(f"/proc/{process.pid}/status").read_text()
            wchan = Path(f"/proc/{process.pid}/wchan").read_text()
            raise AssertionError(
                f"the loop did not stop on {how.name}; it was in {wchan}; "
                f"{[line for line in status.splitlines() if line.startswith('Sig')]}; "
                f"it wrote: {out.read_text()}{err.read_text()}") from None
    finally:
        process.kill()
    assert process.returncode == 0
    assert err.read_text() == ""
    lines = [line.split(" ", 2)[2] for line in out.read_text().splitlines()]
    assert lines == [
        "reminding of Morning routine at 07:30, Evening wind-down at 19:30 (UTC time), by "
        "command; Ctrl+C stops",
        "reminded: Evening wind-down, by command",
        "stopped"]


def test_install_writes_a_unit_that_runs_this_coach(setup: dict[str, Path],
                                                    tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    result = coach("remind", "--install", "--yes")
    assert result.returncode == 0, result.stderr
    unit = tmp_path / "xdg" / "systemd" / "user" / "coach-remind.service"
    text = unit.read_text(encoding="utf-8")
    assert f"ExecStart={Path(coach_executable()).resolve()} remind\n" in text
    assert f'Environment="COACH_DATA_DIR={setup["data"]}"' in text
    assert "remind --once" in result.stdout  # the crontab line
    assert "loginctl enable-linger" in result.stdout


def test_install_asks_first_and_writes_nothing_on_no(setup: dict[str, Path], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    result = coach("remind", "--install", input="n\n")
    assert result.returncode == 0, result.stderr
    assert "Nothing written." in result.stdout
    assert not (tmp_path / "xdg").exists()


def test_one_mode_at_a_time(setup: dict[str, Path]) -> None:
    result = coach("remind", "--once", "--next")
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: choose one of --once, --next"


def test_install_with_no_one_to_answer_writes_nothing(setup: dict[str, Path], tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    result = coach("remind", "--install", stdin=subprocess.DEVNULL)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.rstrip().endswith("Nothing written.")
    assert not (tmp_path / "xdg").exists()


def test_test_sends_a_sample_through_the_command_way(setup: dict[str, Path]) -> None:
    result = coach("remind", "--test")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "✓ command: sent" in result.stdout and "Sent by 1 way. Did it arrive?" in result.stdout
    assert len(received(setup)) == 1


def test_test_that_sends_nothing_exits_1_and_says_why(setup: dict[str, Path]) -> None:
    """A script or a person checking `coach remind --test && ...` must not be told all is well
    when no way worked: here the one way, a command, fails."""
    (setup["config"] / "settings.yaml").write_text(
        f"reminders_via: [command]\nreminder_command: [{json.dumps(sys.executable)}, \"-c\", "
        "\"import sys; sys.exit(3)\"]\n", encoding="utf-8")
    result = coach("remind", "--test")
    assert result.returncode == 1
    assert "· command: could not send" in result.stdout
    assert "Nothing could be sent from here." in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_test_with_no_way_available_exits_1(setup: dict[str, Path]) -> None:
    """The usual ways over SSH: no session bus, no tmux server (see tests/conftest.py)."""
    (setup["config"] / "settings.yaml").write_text("reminders_via: [desktop, tmux]\n",
                                                  encoding="utf-8")
    result = coach("remind", "--test")
    assert result.returncode == 1
    assert "· desktop: not available here" in result.stdout
    assert "· tmux: not available here" in result.stdout
    assert "Nothing could be sent from here." in result.stderr
