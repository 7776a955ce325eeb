"""The save writer: one thread, saves in the order asked, each to the end, errors handed back."""

from __future__ import annotations

import threading
import time

import pytest

from coach.store.writer import Writer


def test_saves_run_in_order_in_one_thread_of_their_own() -> None:
    writer = Writer()
    done: list[tuple[int, str]] = []
    gate = threading.Event()

    def first() -> None:
        while not gate.is_set():  # polled: under libfaketime a timed wait never ends
            time.sleep(0.005)
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

    def stuck() -> None:
        while not gate.is_set():
            time.sleep(0.005)

    writer.put(stuck)
    try:
        assert writer.wait_idle(0.05) is False
    finally:
        gate.set()
    assert writer.wait_idle(5) is True


def test_waiting_for_saves_ends_soon_after_the_last_one() -> None:
    """Quitting waits for the saves: it must not wait on much past the moment they end."""
    writer = Writer()
    gate = threading.Event()

    def slow() -> None:
        while not gate.is_set():
            time.sleep(0.005)

    writer.put(slow)
    threading.Thread(target=lambda: (time.sleep(0.05), gate.set())).start()
    started = time.monotonic()
    assert writer.wait_idle(10) is True
    assert time.monotonic() - started < 0.6  # the save itself took 0.05 s
