"""Paced-breathing patterns and their customary lengths."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BreathingPattern:
    """Seconds for each phase of one breath; 0 means the phase is absent."""

    name: str
    inhale: float
    hold_in: float
    exhale: float
    hold_out: float

    @property
    def cycle_seconds(self) -> float:
        return self.inhale + self.hold_in + self.exhale + self.hold_out

    def describe(self) -> str:
        """'4-7-8' style: the non-zero phases in order."""
        parts = [self.inhale, self.hold_in, self.exhale, self.hold_out]
        if not self.hold_out:
            parts = parts[:3] if self.hold_in else [self.inhale, self.exhale]
        return "-".join(f"{p:g}" for p in parts)


@dataclass(frozen=True)
class PatternPreset:
    pattern: BreathingPattern
    #: The length to use when the routine gives none: (cycles, minutes), one of them set.
    default_cycles: int | None
    default_minutes: float | None
    #: Cycles beyond which the usual guidance advises against going.
    max_advised_cycles: int | None = None


PRESETS: dict[str, PatternPreset] = {
    "box": PatternPreset(BreathingPattern("box", 4, 4, 4, 4), None, 2),
    "4-7-8": PatternPreset(BreathingPattern("4-7-8", 4, 7, 8, 0), 4, None, max_advised_cycles=8),
    "coherent": PatternPreset(BreathingPattern("coherent", 5.5, 0, 5.5, 0), None, 5),
    "relaxed": PatternPreset(BreathingPattern("relaxed", 5, 0, 5, 0), None, 3),
}


def custom_pattern(inhale: float, hold_in: float, exhale: float, hold_out: float) -> BreathingPattern:
    return BreathingPattern("custom", inhale, hold_in, exhale, hold_out)
