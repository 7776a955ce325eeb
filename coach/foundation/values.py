"""Plain values that several layers share: the bottom layer, which imports nothing of coach.

A step's outcome is made by a running routine (coach.session) and kept by the
store (coach.store); here, the store can know it without loading the session,
the routines and every kind of step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

#: "draft": the step was left part way; what was written waits for the step to be done.
Status = Literal["done", "skipped", "draft"]


@dataclass(frozen=True)
class StepOutcome:
    step_id: str
    step_type: str
    status: Status
    started: datetime
    ended: datetime
    data: dict[str, Any] = field(default_factory=dict)
