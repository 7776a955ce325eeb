"""A measure step's record holds a finite number, its unit, its target and which way the
target points; anything else is turned away like any malformed record."""

from __future__ import annotations

import pytest

from coach.store.records import record_problem

GOOD = {"value": 7.5, "unit": "hours", "target": 7, "direction": "at least"}


def step(data: dict) -> dict:  # type: ignore[type-arg]
    return {"uid": "u1", "kind": "step", "day": "2026-11-22", "utc": "2026-11-22T07:30:00Z",
            "routine": "sleep", "session": "s1", "step": "measure", "type": "measure",
            "status": "done", "started": "2026-11-22T07:30:00Z",
            "ended": "2026-11-22T07:30:00Z", "data": data}


@pytest.mark.parametrize("data", [GOOD, {**GOOD, "direction": "at most", "value": 0},
                                  {**GOOD, "afterwards": True}, {**GOOD, "unit": ""}])
def test_a_measured_number_is_well_formed(data: dict) -> None:  # type: ignore[type-arg]
    assert record_problem(step(data)) is None


@pytest.mark.parametrize(("field", "value"), [
    ("value", "7.5"), ("value", None), ("value", True), ("value", float("nan")),
    ("value", float("inf")), ("value", 2 ** 60), ("unit", 3), ("target", "7"),
    ("direction", "atleast"), ("direction", None), ("afterwards", "yes")])
def test_a_measured_number_of_the_wrong_shape_is_turned_away(field: str,
                                                             value: object) -> None:
    problem = record_problem(step({**GOOD, field: value}))
    assert problem is not None
    assert field in problem or "NaN" in problem or "too large" in problem, problem
