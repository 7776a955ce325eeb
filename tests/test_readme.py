"""The README's full example routine is valid, so what people copy from it works."""

from __future__ import annotations

import re
from pathlib import Path

from coach.routine.loader import load_routine_bytes
from coach.routine.steps import STEP_TYPES

README = Path(__file__).resolve().parent.parent / "README.md"


def test_readme_example_is_a_valid_routine_using_every_step_type() -> None:
    section = README.read_text(encoding="utf-8").split("### The format", 1)[1]
    example = re.search(r"```yaml\n(.*?)```", section, re.DOTALL)
    assert example, "README's format section has no yaml example"
    result = load_routine_bytes(example.group(1).encode(), Path("example.yaml"))
    assert result.routine is not None, [str(p) for p in result.problems]
    assert not result.warnings
    assert {step.type_name for step in result.routine.steps} == set(STEP_TYPES)
