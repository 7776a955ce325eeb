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


# -- the key table -------------------------------------------------------------------------------

#: How the README names keys, and Textual's names for them.
_KEY_WORDS = {"Enter": "enter", "Esc": "escape", "Tab": "tab", "Shift+Tab": "shift+tab",
              "F1": "f1", "space": "space", "`?`": "question_mark"}
_KEY_PATTERN = re.compile(r"`\^(\w)`|Ctrl\+(\w)|(Shift\+Tab|(?<!\+)Tab|Enter|Esc|F1|space|`\?`)")
#: Textual's own keys that coach leaves as Textual made them, named in the text above the
#: table rather than in it: copying a selection, and Ctrl+C saying how to quit.
_NOT_IN_THE_TABLE = {"ctrl+c", "super+c"}


def readme_key_table() -> dict[str, str]:
    """Each key the README's table of keys in a routine names, and what its row says."""
    text = README.read_text(encoding="utf-8")
    table = text.split("| Key | What it does |\n|---|---|\n", 1)[1].split("\n\n", 1)[0]
    keys: dict[str, str] = {}
    for row in table.splitlines():
        cell, says = row.strip("|").split(" | ", 1)
        for ctrl, ctrl_word, word in _KEY_PATTERN.findall(cell):
            keys[f"ctrl+{(ctrl or ctrl_word).lower()}" if ctrl or ctrl_word
                 else _KEY_WORDS[word]] = says
    return keys


def test_the_readme_key_table_names_every_key_of_a_routine_and_what_it_does() -> None:
    """A key added to, taken from or changed on the routine screen or the app, without the
    README's table, fails here."""
    from coach.tui.app import CoachApp
    from coach.tui.screens.run import RunScreen

    bound: dict[str, list[str]] = {}
    for owner in (CoachApp, RunScreen):  # with what Textual gives each (Tab, Ctrl+Q)
        for key, bindings in owner._merge_bindings().key_to_bindings.items():
            bound.setdefault(key, []).extend(b.description for b in bindings if b.description)
    readme = readme_key_table()
    assert set(readme) == set(bound) - _NOT_IN_THE_TABLE
    for key, says in readme.items():
        # What the app calls it ("Next", "Skip", "Commands") is what the row says it does.
        assert any(name.split()[0].lower().rstrip("s") in says.lower()
                   for name in bound[key]), (key, bound[key], says)


def test_the_readme_gives_the_shipped_quick_reset_s_length_as_the_app_works_it_out() -> None:
    from coach.routine.catalog import load_catalog
    from coach.tui.routine_start import QUICK_RESET

    minutes = round(load_catalog().routines[QUICK_RESET].estimated_seconds() / 60)
    words = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
    assert f"**Quick reset**: about {words[minutes]} minutes" in README.read_text(encoding="utf-8")
