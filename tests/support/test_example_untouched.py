"""A plan file that is still the shipped example is shown as the example, asking to make it yours."""

from __future__ import annotations

from pathlib import Path

from coach.foundation.paths import shipped_support_example, support_file
from coach.support.load import load_support_plan, place_example_plan


def test_the_placed_example_is_the_example_until_the_person_changes_it(
        coach_dirs: dict[str, Path]) -> None:
    assert place_example_plan()
    assert support_file().read_bytes() == shipped_support_example().read_bytes()
    result = load_support_plan()
    assert result.source == "example" and result.path == support_file()
    support_file().write_text("coping: [Walk the dog]\n")
    result = load_support_plan()
    assert result.source == "yours" and result.plan.coping == ("Walk the dog",)
    assert not place_example_plan()  # never over the person's own
    assert support_file().read_text() == "coping: [Walk the dog]\n"
