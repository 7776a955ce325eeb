"""Hostile routine and settings files: coach says what is wrong and never crashes or hangs.

Each command runs in its own process with a timeout, so a segfault or a hang
fails the test instead of taking pytest down with it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.routine.helpers import load
from tests.routine.helpers import run_coach as coach

DEPTH_MESSAGE = "nested more than 64 levels deep; a routine needs only a few"
DEEP = 40_000


# Brackets in a comment and in quoted text drive a bracket count negative, so the deep
# list after them once looked shallow and went to LibYAML's recursive C composer.
FOOLS_A_BRACKET_COUNT = ("# " + "]" * DEEP + "\n"
                         "title: 'closing brackets ]]]]]]]]]]'\n"
                         'description: "' + "]]]" * 1000 + '"\n'
                         "steps: " + "[" * DEEP + "]" * DEEP + "\n")
DEEP_DOCUMENTS = {
    "fools a bracket count": (FOOLS_A_BRACKET_COUNT, 4, 71),
    "deep flow list": ("title: t\nsteps: " + "[" * DEEP + "]" * DEEP + "\n", 2, 71),
    "deep flow mapping": ("title: t\nsteps: " + "{a: " * DEEP + "1" + "}" * DEEP + "\n", 2, 260),
    "unclosed flow list": ("[" * 200_000, 1, 65),
    "deep block list": ("title: t\nsteps:\n  " + "- " * DEEP + "x\n", 3, 129),
    "deep block mapping": ("".join(" " * i + "a:\n" for i in range(600)), 65, 65),
}


@pytest.mark.parametrize("text, line, column", DEEP_DOCUMENTS.values(), ids=list(DEEP_DOCUMENTS))
def test_coach_validate_locates_deep_nesting(tmp_path: Path, text: str, line: int,
                                              column: int) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text(text)
    done = coach("validate", str(path))
    assert done.returncode == 1
    assert f"{path}:{line}:{column}: {DEPTH_MESSAGE}" in done.stdout


def test_coach_list_reports_a_deep_routine_and_lists_the_others(
        coach_dirs: dict[str, Path]) -> None:
    coach_dirs["routines"].mkdir(parents=True)
    path = coach_dirs["routines"] / "deep.yaml"
    path.write_text(FOOLS_A_BRACKET_COUNT)
    done = coach("list")
    assert done.returncode == 0
    assert "morning" in done.stdout and "evening" in done.stdout
    assert f"{path}:4:71: {DEPTH_MESSAGE}" in done.stdout



def test_the_depth_limited_composer_composes_not_libyamls() -> None:
    """CParser has its own get_single_node (recursive, in C); the Python one must win."""
    import yaml

    from coach.routine.yaml_source import _DepthLimitedComposer, _Loader

    assert _Loader.get_single_node is yaml.composer.Composer.get_single_node
    assert _Loader.compose_document is yaml.composer.Composer.compose_document
    assert _Loader.compose_node is _DepthLimitedComposer.compose_node


def test_coach_history_reports_deep_settings(coach_dirs: dict[str, Path]) -> None:
    coach_dirs["config"].mkdir(parents=True)
    path = coach_dirs["config"] / "settings.yaml"
    path.write_text("# " + "]" * DEEP + "\nbell: " + "[" * DEEP + "]" * DEEP + "\n")
    done = coach("history")
    assert done.returncode == 0
    assert (f"{path}:2:70: nested more than 64 levels deep; settings are plain key: value "
            "lines") in done.stderr


@pytest.mark.parametrize("text, line, column", [
    ("title: t\nsteps: [" + "a," * 130_000 + "a]\n", 2, 39_999),
    ("title: t\nsteps:\n" + "  - type: mood\n" * 16_000, 6_668, 5),
], ids=["flat list", "many steps"])
def test_a_file_of_countless_values_stops_early(text: str, line: int, column: int) -> None:
    """Composing 256 KB of tiny values in Python took seconds; it stops at 20,000."""
    result = load(text)
    assert [(p.line, p.column, p.message) for p in result.errors] == [
        (line, column, "the file holds more than 20,000 values; a routine needs far fewer")]


def test_thousands_of_problems_are_said_as_fifty_and_a_count() -> None:
    result = load("title: t\n" + "".join(f"k{i}: 1\n" for i in range(5_000))
                  + "steps:\n  - type: mood\n")
    assert result.routine is None
    assert len(result.errors) == 51
    assert result.errors[49].message.startswith("unknown key 'k49'")
    last = result.errors[50]
    assert (last.line, last.column) == (52, 1)
    assert last.message == "4,950 more problems from here on are not shown; fix the ones above first"
