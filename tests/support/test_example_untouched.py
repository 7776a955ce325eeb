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


def test_the_example_saved_again_by_an_editor_is_still_the_example(
        coach_dirs: dict[str, Path]) -> None:
    """Opened and saved without filling anything in: other line endings, a note of the
    person's own, spaces at the ends of lines. Still the example, not their plan."""
    example = shipped_support_example().read_text()
    place_example_plan()
    for saved in (example.replace("\n", "\r\n"), "# mine now\n" + example,
                  example.replace("\n", "  \n"), example + "\n\n"):
        support_file().write_text(saved, newline="")
        result = load_support_plan()
        assert result.source == "example" and result.is_example, saved[:40]


def test_a_plan_with_one_line_of_the_persons_own_is_theirs(coach_dirs: dict[str, Path]) -> None:
    example = shipped_support_example().read_text()
    place_example_plan()
    support_file().write_text(example.replace("A family member", "My brother Tom"))
    result = load_support_plan()
    assert result.source == "yours" and not result.is_example


def test_a_broken_plan_whose_last_good_copy_is_the_example_says_so(
        coach_dirs: dict[str, Path]) -> None:
    place_example_plan()
    load_support_plan()  # the example read once: kept as the last good copy
    support_file().write_text(support_file().read_text() + "copin: [x]\n")
    result = load_support_plan()
    assert result.source == "last good" and result.errors and result.is_example


def test_the_example_emptied_is_an_empty_plan_not_a_saved_one(
        coach_dirs: dict[str, Path]) -> None:
    place_example_plan()
    load_support_plan()
    support_file().write_text("# starting afresh\n")
    result = load_support_plan()
    assert result.source == "yours" and result.plan.is_empty() and not result.emptied
