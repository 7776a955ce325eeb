"""Breathing, PMR and countdown timelines, checked with a fake clock."""

from __future__ import annotations

import pytest

from coach.practice.breathing import PRESETS, custom_pattern
from coach.practice.clock import Stopwatch
from coach.practice.pmr import PRESETS as PMR
from tests.fakes import FakeClock
from coach.practice.timeline import (
    breath_level,
    breathing_timeline,
    countdown_timeline,
    pmr_timeline,
)


def test_box_breathing_phases_in_order() -> None:
    timeline = breathing_timeline(PRESETS["box"].pattern, cycles=2)
    assert [s.kind for s in timeline.segments] == ["inhale", "hold_in", "exhale", "hold_out"] * 2
    assert timeline.duration == 32
    assert timeline.at(0).segment.kind == "inhale"
    assert timeline.at(4).segment.kind == "hold_in"
    assert timeline.at(15.99).segment.kind == "hold_out"
    assert timeline.at(16).segment.round == 1
    assert timeline.at(32).finished


def test_absent_phases_are_left_out() -> None:
    timeline = breathing_timeline(PRESETS["4-7-8"].pattern, cycles=4)
    assert [s.kind for s in timeline.segments[:3]] == ["inhale", "hold_in", "exhale"]
    assert timeline.duration == 76
    assert timeline.rounds == 4


def test_minutes_round_up_to_whole_breaths() -> None:
    timeline = breathing_timeline(PRESETS["coherent"].pattern, seconds=60)
    assert timeline.rounds == 6  # 60 / 11 = 5.45 -> the 6th breath is finished
    assert timeline.duration == pytest.approx(66)
    exact = breathing_timeline(PRESETS["relaxed"].pattern, seconds=180)
    assert exact.rounds == 18 and exact.duration == 180


def test_no_drift_over_an_hour_of_fractional_phases() -> None:
    """5.5 s phases for an hour: boundaries stay exact multiples, not accumulated sums."""
    timeline = breathing_timeline(PRESETS["coherent"].pattern, seconds=3600)
    last = timeline.segments[-1]
    assert last.start == pytest.approx((timeline.rounds - 1) * 11 + 5.5, abs=1e-9)
    elapsed, changes = 0.0, 0
    while (change := timeline.next_change(elapsed)) is not None:
        assert change > elapsed
        elapsed, changes = change, changes + 1
    assert changes == len(timeline.segments)
    assert elapsed == pytest.approx(timeline.duration, abs=1e-9)


def test_breath_level_rises_holds_and_falls() -> None:
    timeline = breathing_timeline(custom_pattern(4, 2, 4, 2), cycles=1)
    levels = [breath_level(timeline.at(t)) for t in (0, 2, 4, 5, 6, 8, 10.5)]
    assert levels == [0.0, 0.5, 1.0, 1.0, 1.0, 0.5, 0.0]


def test_pmr_script_tenses_then_releases_each_group_then_closes() -> None:
    timeline = pmr_timeline(PMR[4], tense_seconds=5, release_seconds=20, closing_seconds=60)
    kinds = [(s.kind, s.subject.name if s.subject else None) for s in timeline.segments]
    assert kinds[:3] == [("tense", "Arms"), ("release", "Arms"), ("tense", "Face and neck")]
    assert kinds[-1] == ("closing", None)
    assert timeline.duration == 4 * 25 + 60
    position = timeline.at(27)
    assert position.segment.kind == "tense" and position.segment.round == 1
    assert position.remaining_in_segment == pytest.approx(3)


def test_countdown() -> None:
    timeline = countdown_timeline(30)
    assert timeline.at(10).remaining_in_segment == 20
    assert timeline.next_change(10) == 30
    assert timeline.next_change(30) is None


def test_stopwatch_pauses_with_a_fake_clock() -> None:
    clock = FakeClock()
    watch = Stopwatch(clock)
    watch.start()
    clock.advance(10)
    watch.pause()
    clock.advance(100)
    assert watch.elapsed() == 10 and watch.paused
    watch.resume()
    clock.advance(5)
    assert watch.elapsed() == 15
    assert watch.clock_time_at(20) == clock.now + 5


def test_a_paced_session_driven_by_the_clock_lands_every_change_on_time() -> None:
    """Simulate what the pacer widget does: wake at next_change, read the clock, repeat."""
    clock = FakeClock()
    watch = Stopwatch(clock)
    timeline = breathing_timeline(PRESETS["4-7-8"].pattern, cycles=8)
    watch.start()
    seen = []
    while (change := timeline.next_change(watch.elapsed())) is not None:
        clock.now = watch.clock_time_at(change) + 0.003  # the timer fires a little late
        seen.append((timeline.at(watch.elapsed()).index, round(watch.elapsed() - change, 6)))
        if len(seen) == 5:
            watch.pause()
            clock.advance(42)
            watch.resume()
    assert [index for index, _ in seen] == list(range(1, len(timeline.segments) + 1))
    assert all(lateness == 0.003 for _, lateness in seen)  # lateness never accumulates
