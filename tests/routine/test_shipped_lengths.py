"""What a shipped routine's file says about its length is what the app shows."""

from __future__ import annotations

import re

import pytest

from coach.insight.progress import format_duration
from coach.foundation.paths import shipped_routines_dir
from coach.routine.catalog import load_catalog

WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20}
SHIPPED = sorted(path.stem for path in shipped_routines_dir().glob("*.yaml"))


@pytest.mark.parametrize("routine_id", SHIPPED)
def test_the_files_first_comment_gives_the_length_home_shows(routine_id: str) -> None:
    first = (shipped_routines_dir() / f"{routine_id}.yaml").read_text().splitlines()[2]
    said = re.search(r"about (\w+) minutes", first)
    assert said is not None, first
    routine = load_catalog().routines[routine_id]
    assert f"{WORDS[said.group(1)]} min" == format_duration(routine.estimated_seconds())


def test_a_journal_is_counted_longer_than_a_check_in() -> None:
    routine = load_catalog().routines["evening"]
    kinds = {step.type_name: step.typical_seconds for step in routine.steps}
    assert kinds["journal"] > kinds["mood"]
