"""breathing: paced breathing with a named or custom pattern."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from coach.practice.breathing import PRESETS, BreathingPattern, custom_pattern
from coach.routine.kinds import Choice, Flag, Number, OneOf
from coach.routine.record import Finding, Record, option
from coach.routine.steps.base import Step, register

_SECONDS = Number(0, 30, unit="seconds")


@dataclass(frozen=True, kw_only=True)
class CustomPattern:
    """A pattern written out in seconds; 0 leaves a phase out."""

    inhale: float = option(Number(1, 30, unit="seconds"), "Seconds breathing in.", required=True,
                           default=0)
    hold_in: float = option(_SECONDS, "Seconds holding after breathing in.", default=0)
    exhale: float = option(Number(1, 30, unit="seconds"), "Seconds breathing out.", required=True,
                           default=0)
    hold_out: float = option(_SECONDS, "Seconds resting after breathing out.", default=0)

    def to_pattern(self) -> BreathingPattern:
        return custom_pattern(self.inhale, self.hold_in, self.exhale, self.hold_out)


_PATTERN = OneOf(
    Choice({name: preset.pattern for name, preset in PRESETS.items()}, "a pattern name"),
    Record(CustomPattern, "a custom pattern", build=CustomPattern.to_pattern),
)


@register
@dataclass(frozen=True, kw_only=True)
class BreathingStep(Step):
    type_name = "breathing"
    default_title = "Paced breathing"
    summary = "An animated pacer for slow breathing: box, 4-7-8, coherent, relaxed or your own."

    pattern: BreathingPattern = option(
        _PATTERN, "box (4-4-4-4), 4-7-8, coherent (5.5-5.5), relaxed (5-5, the NHS "
        "exercise), or your own: {inhale: 4, hold_in: 0, exhale: 6, hold_out: 0}.",
        default=PRESETS["relaxed"].pattern)
    cycles: int | None = option(Number(1, 200, whole=True, unit="breaths"),
                                "How many breaths. Give cycles or minutes, not both.",
                                default=None)
    minutes: float | None = option(Number(0.5, 60, unit="minutes"),
                                   "How long to breathe. Give cycles or minutes, not both.",
                                   default=None)
    rate_distress: bool = option(Flag(), "Ask for a 0-10 distress rating before and after.",
                                 default=False)
    bell: bool = option(Flag(), "Ring the terminal bell quietly at each phase change.",
                        default=False)

    def check(self) -> Iterable[Finding]:
        if self.cycles is not None and self.minutes is not None:
            yield "minutes", "give cycles or minutes, not both", "error"
        preset = PRESETS.get(self.pattern.name)
        if preset and preset.max_advised_cycles and self.cycles and \
                self.cycles > preset.max_advised_cycles:
            yield ("cycles", f"{self.pattern.name} breathing is usually practised for at most "
                   f"{preset.max_advised_cycles} cycles (4 in the first month); stop if you "
                   "feel dizzy", "warning")

    @property
    def length_seconds(self) -> float:
        """How long the breathing lasts, from cycles, minutes or the pattern's usual length."""
        if self.cycles is not None:
            return self.cycles * self.pattern.cycle_seconds
        if self.minutes is not None:
            return self.minutes * 60
        preset = PRESETS.get(self.pattern.name)
        if preset and preset.default_cycles:
            return preset.default_cycles * self.pattern.cycle_seconds
        if preset and preset.default_minutes:
            return preset.default_minutes * 60
        return 3 * 60
