"""Timed exercises (breathing, PMR): optional distress ratings around a timeline.

The widget wakes only when something visible changes (a phase, a count, a
cell of the pacer), and computes each wake-up from the stopwatch's start, so
phase changes land on time and nothing drifts over a long session.
"""

from __future__ import annotations

import math
from typing import Any

from textual.app import ComposeResult
from textual.containers import Center, Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from coach.practice.clock import Stopwatch
from coach.practice.timeline import Position, Timeline
from coach.routine.steps import Step
from coach.tui.steps.base import StepEnv, StepWidget
from coach.tui.text import literal
from coach.tui.widgets.rating import Rating

DISTRESS_QUESTION = "How distressed or tense do you feel right now?"


class TimedExerciseWidget(StepWidget):
    timed = True

    def __init__(self, step: Step, env: StepEnv) -> None:
        super().__init__(step, env)
        self.timeline = self.build_timeline()
        self.stopwatch = Stopwatch(env.clock)
        self.stage = "before" if self.rates_distress else "exercise"
        self._timer: Timer | None = None
        self._last_index = -1
        self._shown: dict[str, Content] = {}

    @property
    def rates_distress(self) -> bool:
        return bool(getattr(self.step, "rate_distress", False))

    # -- to be provided by subclasses ------------------------------------------------------

    def build_timeline(self) -> Timeline:
        raise NotImplementedError  # each exercise builds its own timeline

    #: The parts of the exercise display, each its own widget, so a change to one
    #: (a cell of the pacer, a second of the count) repaints only that part.
    parts: tuple[str, ...] = ("main",)

    def draw(self, position: Position) -> dict[str, Content]:
        raise NotImplementedError  # each exercise draws its own state, part by part

    def next_visual_change(self, elapsed: float) -> float | None:
        """The next elapsed time at which the display changes."""
        position = self.timeline.at(elapsed)
        boundary = self.timeline.next_change(elapsed)
        if boundary is None or position.segment is None:
            return boundary
        remaining = position.remaining_in_segment
        whole = math.ceil(remaining - 1e-9) - 1
        if whole > 0:
            boundary = min(boundary, elapsed + (remaining - whole))
        return boundary

    def extra_result(self) -> dict[str, Any]:
        return {}

    # -- composition and stages ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.step.text:
            yield Static(literal(self.step.text), classes="step-text")
        if self.rates_distress:
            yield Static(DISTRESS_QUESTION, id="before-question", classes="question")
            yield Rating("calm", "very distressed", id="before", optional=True)
            yield Static("Enter to begin", id="before-hint", classes="hint")
        with Vertical(id="exercise", classes="exercise"):
            for part in self.parts:
                with Center():
                    yield Static(id=f"part-{part}", classes=f"part part-{part}")
        yield Static(id="exercise-hint", classes="hint")
        if self.rates_distress:
            yield Static("And now? How distressed or tense do you feel?", id="after-question",
                         classes="question")
            yield Rating("calm", "very distressed", id="after", optional=True)
            yield Static("Enter to go on", id="after-hint", classes="hint")

    def on_mount(self) -> None:
        self._show_stage()
        if self.stage == "exercise":
            self.start_exercise()

    def _show_stage(self) -> None:
        for widget_id, stages in (("before-question", {"before"}), ("before", {"before"}),
                                  ("before-hint", {"before"}),
                                  ("exercise", {"exercise", "finished"}),
                                  ("exercise-hint", {"exercise", "finished"}),
                                  ("after-question", {"after"}), ("after", {"after"}),
                                  ("after-hint", {"after"})):
            for widget in self.query(f"#{widget_id}"):
                widget.display = self.stage in stages
        if self.stage in ("before", "after"):
            self.query_one(f"#{self.stage}", Rating).focus()

    def focus_first(self) -> None:
        if self.stage in ("before", "after"):
            self.screen.set_focus(self.query_one(f"#{self.stage}", Rating))

    def start_exercise(self) -> None:
        self.stage = "exercise"
        self._show_stage()
        self.stopwatch.start()
        self.query_one("#exercise-hint", Static).update(
            Content.styled("Enter to finish early · space to pause", "dim"))
        self.tick()
        self.screen.refresh_bindings()

    def next_stage(self) -> bool:
        if self.stage == "before":
            self.start_exercise()
            return True
        if self.stage in ("exercise", "finished") and self.rates_distress:
            self._stop()
            self.stage = "after"
            self._show_stage()
            return True
        return False

    # -- time ------------------------------------------------------------------------------

    def tick(self) -> None:
        """Show where the timeline is now and arrange the next wake-up."""
        if self.stage != "exercise":
            return
        elapsed = self.stopwatch.elapsed()
        position = self.timeline.at(elapsed)
        if position.finished:
            self._finish()
            return
        if position.index != self._last_index:
            if self._last_index >= 0 and (self.env.bell or getattr(self.step, "bell", False)):
                self.app.bell()
            self._last_index = position.index
        self._show(self.draw(position))
        self._schedule(elapsed)

    def _show(self, parts: dict[str, Content]) -> None:
        for part in self.parts:
            content = parts.get(part, Content(""))
            if self._shown.get(part) != content:
                self._shown[part] = content
                widget = self.query_one(f"#part-{part}", Static)
                widget.update(content)
                if widget.parent is not None:
                    widget.parent.display = bool(content.cell_length)

    def _schedule(self, elapsed: float) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self.stopwatch.running:
            return
        next_at = self.next_visual_change(elapsed)
        if next_at is None:
            return
        delay = max(0.0, self.stopwatch.clock_time_at(next_at) - self.env.clock())
        # A hair late rather than early, so the wake-up lands past the boundary.
        self._timer = self.set_timer(delay + 0.002, self.tick)

    def _finish(self) -> None:
        self._stop()
        self.stage = "finished"
        self._show({self.parts[0]: self.finished_display()})
        follow = "Enter to rate how you feel now" if self.rates_distress else "Enter to continue"
        self.query_one("#exercise-hint", Static).update(Content.styled(follow, "dim"))
        self.screen.refresh_bindings()

    def finished_display(self) -> Content:
        return Content.styled("Well done. Take a moment before you go on.", "bold")

    def _stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.stopwatch.pause()

    def pause(self) -> None:
        if self.stage == "exercise" and self.stopwatch.running:
            self._stop()
            self.query_one("#exercise-hint", Static).update(
                Content.styled("Paused · space to resume", "bold"))

    def resume(self) -> None:
        if self.stage == "exercise" and self.stopwatch.paused:
            self.stopwatch.resume()
            self.query_one("#exercise-hint", Static).update(
                Content.styled("Enter to finish early · space to pause", "dim"))
            self.tick()

    @property
    def is_paused(self) -> bool:
        return self.stage == "exercise" and self.stopwatch.paused

    def on_unmount(self) -> None:
        self._stop()

    def result(self) -> dict[str, Any] | None:
        elapsed = self.stopwatch.elapsed()
        data: dict[str, Any] = {
            "completed": elapsed >= self.timeline.duration,
            "seconds": round(min(elapsed, self.timeline.duration), 1),
            **self.extra_result(),
        }
        if self.rates_distress:
            before = self.query_one("#before", Rating).value
            after = self.query_one("#after", Rating).value
            if before is not None:
                data["distress_before"] = before
            if after is not None:
                data["distress_after"] = after
        return data
