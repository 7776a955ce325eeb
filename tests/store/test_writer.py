"""The save writer: one thread, saves in the order asked, each to the end, errors handed back."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest

from coach.store.writer import Writer


def test_saves_run_in_order_in_one_thread_of_their_own() -> None:
    writer = Writer()
    done: list[tuple[int, str]] = []
    gate = threading.Event()

    def first() -> None:
        gate.wait()
        done.append((1, threading.current_thread().name))

    futures = [writer.put(first)]
    futures += [writer.put(lambda n=n: done.append((n, threading.current_thread().name)))
                for n in range(2, 6)]
    assert not writer.idle
    gate.set()
    for future in futures:
        future.result()
    assert [n for n, _ in done] == [1, 2, 3, 4, 5]
    assert {name for _, name in done} == {"coach-saves"}
    assert writer.wait_idle(5) and writer.idle


def test_an_error_goes_back_to_whoever_asked_and_the_next_save_still_runs() -> None:
    writer = Writer()

    def broken() -> None:
        raise OSError("disk full")

    failing = writer.put(broken)
    after = writer.put(lambda: "kept")
    with pytest.raises(OSError, match="disk full"):
        failing.result()
    assert after.result() == "kept"


def test_waiting_for_saves_gives_up_after_its_time() -> None:
    writer = Writer()
    gate = threading.Event()

    writer.put(gate.wait)
    try:
        # No time at all: a wait that must run out never ends under libfaketime.
        assert writer.wait_idle(0) is False
        assert writer.wait_idle(-1) is False  # a time already past, not "for ever"
    finally:
        gate.set()
    assert writer.wait_idle(5) is True


def test_waiting_for_saves_sleeps_until_the_writer_says_they_are_done(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """No naps while waiting: the writer itself wakes whoever waits, once the last save
    is written, as it would a signal handler waiting at the end."""
    writer = Writer()
    gate = threading.Event()
    writer.put(gate.wait)
    napped: list[str] = []
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:
        napped.append(threading.current_thread().name)
        real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", sleep)
    threading.Thread(target=lambda: (real_sleep(0.05), gate.set())).start()
    assert writer.wait_idle(10) is True
    assert threading.current_thread().name not in napped


def test_waiting_for_saves_never_takes_the_lock_a_save_being_asked_for_holds() -> None:
    """A signal handler waits for the saves in the thread it interrupted, perhaps in the
    middle of `put`: it must not wait for a lock that thread holds."""
    writer = Writer()
    writer.put(lambda: None).result(timeout=5)
    with writer._lock:  # as in `put`, interrupted
        assert writer.wait_idle(0) is True


def told_when_stopped() -> tuple[threading.Event, Callable[[BaseException | None], None]]:
    """An event the writer sets (through `behind`) when a save stops the line: waited on
    without a time limit running out, which under libfaketime never comes."""
    stopped = threading.Event()
    return stopped, lambda err: stopped.set() if err is not None else None


def test_a_save_that_can_pass_stops_the_line_and_lands_first_when_tried_again() -> None:
    news: list[str] = []
    full = {"now": True}
    done: list[str] = []

    def save(name: str) -> str:
        if full["now"]:
            raise OSError(28, "No space left on device")
        done.append(name)
        return name

    stopped = threading.Event()

    def behind(err: BaseException | None) -> None:
        news.append("behind" if err else "caught up")
        if err is not None:
            stopped.set()

    writer = Writer(passing=lambda err: isinstance(err, OSError), behind=behind)
    first = writer.put(lambda: save("first"), again=True, record={"uid": "1"})
    second = writer.put(lambda: save("second"), again=True, record={"uid": "2"})
    assert stopped.wait(5) and writer.stalled is not None
    writer.retry()  # still full: tried, and still waiting, told once
    third = writer.put(lambda: save("third"), record={"uid": "3"})
    time.sleep(0.05)
    assert news == ["behind"] and done == []
    assert [r["uid"] for r in writer.waiting_records()] == ["1", "2", "3"]
    assert not first.done() and not writer.idle

    full["now"] = False
    writer.retry()
    assert [f.result(timeout=5) for f in (first, second, third)] == ["first", "second", "third"]
    assert done == ["first", "second", "third"]
    assert news == ["behind", "caught up"]
    assert writer.waiting_records() == [] and writer.wait_idle(5)


def test_a_save_that_cannot_pass_is_given_up_at_once() -> None:
    """A record the store refuses will never land: it does not hold up the saves after it."""
    writer = Writer(passing=lambda err: isinstance(err, OSError))
    refused = writer.put(lambda: (_ for _ in ()).throw(ValueError("too long")), again=True)
    after = writer.put(lambda: "kept", again=True)
    with pytest.raises(ValueError):
        refused.result(timeout=5)
    assert after.result(timeout=5) == "kept" and writer.stalled is None


def test_a_save_not_asked_to_wait_is_given_up_even_on_a_full_disk() -> None:
    writer = Writer(passing=lambda err: isinstance(err, OSError))

    def full() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        writer.put(full).result(timeout=5)
    assert writer.stalled is None and writer.wait_idle(5)


def test_waiting_for_saves_ends_soon_after_the_last_one() -> None:
    """Quitting waits for the saves: it must not wait on much past the moment they end."""
    writer = Writer()
    gate = threading.Event()

    writer.put(gate.wait)
    threading.Thread(target=lambda: (time.sleep(0.05), gate.set())).start()
    started = time.monotonic()
    assert writer.wait_idle(10) is True
    assert time.monotonic() - started < 0.6  # the save itself took 0.05 s


def test_a_new_save_tries_the_one_that_stopped_the_line_first() -> None:
    """Whenever a later save is asked for, the one waiting for room is tried again (not
    only on the app's timer)."""
    full = {"now": True}
    done: list[str] = []

    def save(name: str) -> None:
        if full["now"]:
            raise OSError(28, "No space left on device")
        done.append(name)

    stopped, behind = told_when_stopped()
    writer = Writer(passing=lambda err: isinstance(err, OSError), behind=behind)
    writer.put(lambda: save("first"), again=True)
    assert stopped.wait(5)
    full["now"] = False
    writer.put(lambda: save("second"), again=True).result(timeout=5)
    assert done == ["first", "second"]


def test_a_save_that_never_ends_does_not_keep_the_process_alive() -> None:
    """A disk that never answers must not keep coach from ending: whoever ends it waits
    for the saves for a while (wait_idle), then goes."""
    import subprocess
    import sys

    code = ("import time\nfrom coach.store.writer import Writer\n"
            "Writer().put(lambda: time.sleep(120))\nprint('ended')\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0 and done.stdout == "ended\n"


def test_closing_lets_the_saves_asked_for_land_then_ends_the_thread() -> None:
    writer = Writer()
    gate = threading.Event()
    thread = writer.put(threading.current_thread).result(timeout=5)
    writer.put(gate.wait)
    last = writer.put(lambda: "kept")
    writer.close()
    assert thread.is_alive() and not last.done()  # still writing what it was given
    gate.set()
    assert last.result(timeout=5) == "kept"
    thread.join(5)  # ends at once: it has nothing left to do
    assert not thread.is_alive() and writer.idle


def test_closing_a_stopped_line_ends_the_thread_and_keeps_what_waits() -> None:
    """What the disk would not take is the owner's to keep (waiting_records); a save asked
    for after closing starts a thread again, which tries the waiting ones first."""
    full = {"now": True}
    done: list[str] = []

    def save(name: str) -> None:
        if full["now"]:
            raise OSError(28, "No space left on device")
        done.append(name)

    stopped, behind = told_when_stopped()
    writer = Writer(passing=lambda err: isinstance(err, OSError), behind=behind)
    thread = writer.put(threading.current_thread).result(timeout=5)
    writer.put(lambda: save("first"), again=True, record={"uid": "1"})
    assert stopped.wait(5)
    writer.close()
    thread.join(5)
    assert not thread.is_alive()
    assert [r["uid"] for r in writer.waiting_records()] == ["1"]

    full["now"] = False
    later = writer.put(threading.current_thread)
    assert later.result(timeout=5) is not thread and done == ["first"]
    later.result().join(5)
    assert not later.result().is_alive() and writer.idle


def test_a_save_cancelled_before_its_turn_is_not_run_and_the_next_ones_are() -> None:
    writer = Writer()
    gate = threading.Event()
    done: list[str] = []
    writer.put(gate.wait)
    cancelled = writer.put(lambda: done.append("cancelled"))
    after = writer.put(lambda: done.append("after"))
    assert cancelled.cancel()
    gate.set()
    after.result(timeout=5)
    assert done == ["after"] and writer.wait_idle(5)
