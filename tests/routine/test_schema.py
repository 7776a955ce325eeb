"""The JSON Schema agrees with the loader, and the copy shipped beside the routines is current."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from coach.cli import cli
from coach.foundation.paths import SCHEMA_FILE_NAME, shipped_routines_dir
from coach.routine.schema import routine_schema, routine_schema_json
from coach.routine.steps import STEP_TYPES
from tests.routine.helpers import load

VALIDATOR = jsonschema.Draft7Validator(routine_schema())


def test_schema_is_a_valid_draft7_schema() -> None:
    jsonschema.Draft7Validator.check_schema(routine_schema())


def test_shipped_schema_file_is_up_to_date() -> None:
    shipped = (shipped_routines_dir() / SCHEMA_FILE_NAME).read_text(encoding="utf-8")
    assert shipped == routine_schema_json(), "run: coach schema -o routines/routine.schema.json"


def test_shipped_routines_match_the_schema() -> None:
    for path in shipped_routines_dir().glob("*.yaml"):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        errors = list(VALIDATOR.iter_errors(document))
        assert not errors, [e.message for e in errors]


def test_every_step_type_is_in_the_schema() -> None:
    step_items = routine_schema()["properties"]["steps"]["items"]
    assert step_items["properties"]["type"]["enum"] == sorted(STEP_TYPES)


GOOD = [
    "title: t\nschedule: {at: '07:30', days: [mon, fri]}\nsteps:\n  - type: breathing\n"
    "    pattern: {inhale: 4, exhale: 6}\n    minutes: 2\n",
    "title: t\nsteps:\n  - type: pmr\n    groups: [Hands, {name: Feet, instruction: Curl.}]\n",
    "title: t\nsteps:\n  - type: instruction\n    text: Drink water\n    seconds: 60\n",
]
BAD = [
    "title: t\nsteps:\n  - type: breathing\n    cylces: 4\n",
    "title: t\nsteps:\n  - type: nope\n",
    "title: t\nsteps:\n  - type: gratitude\n    count: 11\n",
    "title: t\nsteps: []\n",
    "title: t\nschedule: {at: 'morning'}\nsteps:\n  - type: mood\n",
]


@pytest.mark.parametrize("text", GOOD)
def test_schema_and_loader_accept_the_same_good_files(text: str) -> None:
    assert load(text).routine is not None
    assert not list(VALIDATOR.iter_errors(yaml.safe_load(text)))


@pytest.mark.parametrize("text", BAD)
def test_schema_and_loader_refuse_the_same_bad_files(text: str) -> None:
    assert load(text).routine is None
    assert list(VALIDATOR.iter_errors(yaml.safe_load(text)))


def test_the_schema_files_written_for_editors_are_the_schema_coach_checks_with(
        tmp_path: Path, coach_dirs: dict[str, Path]) -> None:
    """What `coach schema -o` writes, and what `coach init` puts beside the routines (over
    a copy left by an older coach), reads back as the schema built from the declarations."""
    target = tmp_path / "schema.json"
    assert CliRunner().invoke(cli, ["schema", "-o", str(target)]).exit_code == 0
    beside = coach_dirs["routines"] / SCHEMA_FILE_NAME
    beside.parent.mkdir(parents=True)
    beside.write_text('{"title": "an older coach routine"}\n', encoding="utf-8")
    assert CliRunner().invoke(cli, ["init"]).exit_code == 0
    for path in (target, beside):
        assert json.loads(path.read_text(encoding="utf-8")) == routine_schema(), path
