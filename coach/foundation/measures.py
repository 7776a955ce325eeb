"""A measured habit's number against its target: the share of the target reached, as Loop
Habit Tracker counts a numeric habit's day, and the number written for people.

The bottom layer, so that the store's digests and the figures count a day alike.
"""

from __future__ import annotations

import math

#: How a measure step's record says which way its target points.
AT_LEAST, AT_MOST = "at least", "at most"
DIRECTIONS = (AT_LEAST, AT_MOST)


def share_of_target(value: float, target: float, direction: str) -> float:
    """0 to 1: how much of the day's target the value reached.

    At least: the value over the target, capped at 1 (5 of 7 hours is 5/7). At most: 1 up
    to the target, then down by the share it is over, reaching 0 at twice the target (4
    cups where 3 is the most is 2/3; 6 cups is 0). A target of 0 is reached by any value
    when it is a least, and only by 0 when it is a most. This is Loop's rule."""
    if direction == AT_MOST:
        if target > 0:
            return min(1.0, max(0.0, 1 - (value - target) / target))
        return 0.0 if value > 0 else 1.0
    if target > 0:
        return min(1.0, max(0.0, value / target))
    return 1.0


def number_text(value: float) -> str:
    """7 for 7.0, 7.5 for 7.5, without the float's noise (0.1 + 0.2 shows as 0.3)."""
    if not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.6g}" if abs(value) < 1e6 else f"{value:.6e}"


def with_unit(value: float, unit: str) -> str:
    """"7.5 hours", "3" (no unit)."""
    return f"{number_text(value)} {unit}".rstrip() if unit else number_text(value)
