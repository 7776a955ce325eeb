"""The breathing pacer on a fake clock: phases land on time, repaints only on visible change."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from coach.routine.catalog import RoutineDir
from coach.tui.steps.breathing import BreathingWidget
from tests.fakes import FakeClock
from tests.tui.harness import make_app


def breathing_routine(tmp_path: Path, extra: str = "") -> RoutineDir:
    directory = tmp_path / "routines"
    directory.mkdir()
    (directory / "b.yaml").write_text(
        "title: B\nsteps:\n  - type: breathing\n    pattern: {inhale: 4, hold_in: 2, exhale: 4}\n"
        f"    cycles: 2\n{extra}")
    return RoutineDir(directory, False)


def pacer_of(app) -> BreathingWidget:  # type: ignore[no-untyped-def]
    widget = app.screen.widget
    assert isinstance(widget, BreathingWidget)
    return widget


def part(widget: BreathingWidget, name: str) -> str:
    return str(widget.query_one(f"#part-{name}", Static).render())


async def test_phases_counts_and_pacer_follow_the_clock(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, dirs=[breathing_routine(tmp_path)], clock=clock, start_with="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pacer = pacer_of(app)
        assert (part(pacer, "phase"), part(pacer, "count")) == ("Breathe in", "4")
        assert part(pacer, "pacer").count("█") == 0
        expected = [(1.0, "Breathe in", "3", 10), (2.0, "Breathe in", "2", 20),
                    (4.0, "Hold", "2", 40), (6.0, "Breathe out", "4", 40),
                    (8.0, "Breathe out", "2", 20), (10.0, "Breathe in", "4", 0)]
        start = clock.now
        for at, phase, count, cells in expected:
            clock.now = start + at
            pacer.tick()
            assert (part(pacer, "phase"), part(pacer, "count")) == (phase, count), at
            assert part(pacer, "pacer").splitlines()[0].count("█") == cells, at
        assert "Breath 2 of 2" in part(pacer, "info")
        clock.now = start + 20
        pacer.tick()
        await pilot.pause()
        assert "Well done" in part(pacer, "phase")


async def test_wakes_only_when_something_visible_changes(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, dirs=[breathing_routine(tmp_path)], clock=clock, start_with="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pacer = pacer_of(app)
        # During a 4 s in-breath: 20 pacer steps, 3 changes of the seconds count, and the
        # end of the phase; nothing else wakes the widget.
        times = []
        elapsed = 0.0
        while elapsed < 4.0:
            elapsed = pacer.next_visual_change(elapsed)
            times.append(round(elapsed, 3))
        assert times[:6] == [0.1, 0.3, 0.5, 0.7, 0.9, 1.0]
        assert times[-1] == 4.0 and len(times) == 20 + 3 + 1
        # During the 2 s hold only the count changes: one wake-up a second.
        assert pacer.next_visual_change(4.0) == 5.0
        assert pacer.next_visual_change(5.0) == 6.0
        updates = []
        original = Static.update
        Static.update = lambda self, content="", **kw: (updates.append(self.id),  # type: ignore
                                                        original(self, content, **kw))[1]
        try:
            pacer.tick()
            pacer.tick()  # nothing moved: nothing is repainted
        finally:
            Static.update = original  # type: ignore[method-assign]
        assert updates == []


async def test_pause_stops_time_and_reduced_motion_hides_the_shape(tmp_path: Path) -> None:
    clock = FakeClock()
    app = make_app(tmp_path, dirs=[breathing_routine(tmp_path)], clock=clock, start_with="b")
    app.settings = type(app.settings)(reduced_motion=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pacer = pacer_of(app)
        assert not pacer.query_one("#part-pacer").parent.display
        clock.advance(1)
        await pilot.press("space")  # pause
        clock.advance(100)
        await pilot.press("space")  # resume
        pacer.tick()
        assert part(pacer, "count") == "3"
        assert pacer.stopwatch.elapsed() == 1


async def test_a_timed_step_keeps_textual_s_display_and_watch(tmp_path: Path) -> None:
    """A timed step's drawing and its stopwatch once took the names of Textual's `display`
    (whether a widget is shown) and `watch` (following a reactive): hiding the step then
    set an attribute of its own and left it on screen."""
    from textual.widget import Widget

    app = make_app(tmp_path, dirs=[breathing_routine(tmp_path)], clock=FakeClock(),
                   start_with="b")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pacer = pacer_of(app)
        pacer.display = False
        assert pacer.styles.display == "none"
        assert type(pacer).watch is Widget.watch and type(app.screen).watch is Widget.watch
