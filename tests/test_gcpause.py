"""The collector pause is shared: off while any thread is inside, back on after the last."""

from __future__ import annotations

import gc

from coach.gcpause import gc_paused


def test_overlapping_pauses_keep_it_off_until_the_last_ends_then_put_it_back() -> None:
    assert gc.isenabled()
    first, second = gc_paused(), gc_paused()
    first.__enter__()
    second.__enter__()  # another thread's bulk read starts while the first is running
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_pause_inside_a_disabled_collector_leaves_it_disabled() -> None:
    gc.disable()  # as the app does until its first paint
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
