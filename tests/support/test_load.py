"""support.yaml read into a plan: located problems, the traps routines guard against, the last
good version kept and shown while the file is broken, and the example when there is none."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from coach.foundation.paths import shipped_support_example, support_file, support_last_good_file
from coach.support.load import load_example_plan, load_support_plan, read_plan_bytes
from coach.support.plan import SECTIONS, Contact, SupportPlan

GOOD = b"""\
warning_signs:
  - Staying in bed past noon
coping: [A walk]
people:
  - Sam
  - name: Dr Lee
    how: 555 0101
reasons: My cat
"""


def write_plan(data: bytes) -> Path:
    path = support_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def messages(data: bytes) -> list[str]:
    plan, problems = read_plan_bytes(data, Path("support.yaml"))
    assert plan is None
    return [str(p) for p in problems]


def test_a_plan_reads_with_contacts_as_names_or_name_and_how() -> None:
    plan, problems = read_plan_bytes(GOOD, Path("support.yaml"))
    assert problems == ()
    assert plan == SupportPlan(warning_signs=("Staying in bed past noon",), coping=("A walk",),
                               people=(Contact("Sam"), Contact("Dr Lee", "555 0101")),
                               reasons=("My cat",))


def test_sections_follow_the_plan_fields_in_order() -> None:
    import dataclasses

    assert [name for name, _, _ in SECTIONS] == [f.name for f in dataclasses.fields(SupportPlan)]


@pytest.mark.parametrize("data", [b"", b"# only a note\n", b"coping:\n"])
def test_an_empty_plan_is_valid(data: bytes) -> None:
    plan, problems = read_plan_bytes(data, None)
    assert plan is not None and plan.is_empty() and problems == ()


def test_values_are_read_as_written() -> None:
    plan, _ = read_plan_bytes(b"coping: [no, 7:30, yes]\n", None)
    assert plan is not None and plan.coping == ("no", "7:30", "yes")


@pytest.mark.parametrize("data, expected", [
    (b"coping: [walk]\nwarning_sign: [tired]\n",
     "support.yaml:2:1: unknown key 'warning_sign' in the support plan; did you mean "
     "'warning_signs'?"),
    (b"coping:\n  walk: 5\n", "support.yaml:2:3: expected a list of text"),
    (b"people:\n  - name: Sam\n    phone: 1\n",
     "support.yaml:3:5: unknown key 'phone' in a contact"),
    (b"people:\n  - how: call\n", "support.yaml:2:5: a contact needs 'name'"),
    (b"people:\n  - [Sam]\n", "support.yaml:2:5: expected a name or a contact"),
    (b"coping: [a]\ncoping: [b]\n", "support.yaml:2:1: 'coping' is given twice"),
    (b"coping:\n  - !!python/object:os.system echo hi\n",
     "support.yaml:2:5: the tag !!python/object:os.system is not allowed in a support plan"),
    (b"- walk\n", "support.yaml:1:1: the top level of a support plan is key: value lines"),
    (b"coping: [a\n", "support.yaml:2:1: YAML syntax error"),
    (b"coping: " + b"[" * 200 + b"]" * 200 + b"\n",
     "support.yaml:1:72: nested more than 64 levels deep; a support plan needs only a few"),
    (b"coping:\n\t- walk\n", "support.yaml:2:1: a tab is used for indentation"),
    (b"coping: [\xff]\n", "support.yaml:1:10: the file is not UTF-8 text"),
], ids=lambda value: None if isinstance(value, bytes) and len(value) < 60 else "deep")
def test_problems_are_located(data: bytes, expected: str) -> None:
    found = messages(data)
    assert any(m.startswith(expected) for m in found), found
    assert not any("routine" in m or "settings" in m for m in found), found


def test_every_problem_in_the_file_is_reported_at_once() -> None:
    found = messages(b"coping: [a]\nwarning_sign: [b]\nreasons:\n  x: 1\n")
    assert len(found) == 2


def test_a_missing_plan_shows_the_example() -> None:
    result = load_support_plan()
    assert result.source == "example" and result.problems == ()
    assert result.path == shipped_support_example()
    assert result.plan == load_example_plan()


def test_the_example_is_valid_and_lists_widely_known_lines() -> None:
    plan = load_example_plan()
    assert all(getattr(plan, name) for name, _, _ in SECTIONS)
    text = " ".join(f"{c.name} {c.how}" for c in plan.professionals)
    assert "988" in text and "116 123" in text and "findahelpline.com" in text
    source = shipped_support_example().read_text()
    assert "emergency number first" in source and "example" in source


def test_a_valid_plan_is_yours_and_is_kept_as_last_good() -> None:
    write_plan(GOOD)
    result = load_support_plan()
    assert result.source == "yours" and result.path == support_file()
    assert support_last_good_file().read_bytes() == GOOD


def test_a_broken_edit_shows_the_last_good_plan_with_the_problems() -> None:
    write_plan(GOOD)
    good = load_support_plan().plan
    write_plan(GOOD + b"warning_sign: [oops]\n")
    result = load_support_plan()
    assert result.source == "last good" and result.plan == good
    assert result.path == support_last_good_file()
    assert [str(p) for p in result.errors] == [
        f"{support_file()}:9:1: unknown key 'warning_sign' in the support plan; did you mean "
        "'warning_signs'?"]
    assert support_last_good_file().read_bytes() == GOOD  # the broken one is never kept


def test_broken_with_nothing_good_before_shows_the_example() -> None:
    write_plan(b"coping: [a\n")
    result = load_support_plan()
    assert result.source == "example" and result.errors
    assert result.plan == load_example_plan()


def test_a_fifo_is_refused_without_blocking() -> None:
    path = support_file()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    result = load_support_plan()
    assert result.source == "example"
    assert [str(p) for p in result.problems] == [f"{path}: it is a named pipe (FIFO), not a file"]


def test_a_huge_file_is_refused() -> None:
    write_plan(b"coping:\n" + b"  - walk\n" * 40_000)
    result = load_support_plan()
    assert result.source == "example"
    assert "a support plan may be at most 256 KB" in str(result.problems[0])


def test_a_link_at_the_last_good_copy_is_never_followed(tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_bytes(b"reasons: [not mine]\n")
    support_last_good_file().parent.mkdir(parents=True)
    os.symlink(secret, support_last_good_file())
    write_plan(b"coping: [a\n")
    assert load_support_plan().source == "example"  # the link is not read
    write_plan(GOOD)
    load_support_plan()
    assert secret.read_bytes() == b"reasons: [not mine]\n"  # nor written through
    assert not support_last_good_file().is_symlink()


def test_the_last_good_copy_is_private_under_umask_000() -> None:
    write_plan(GOOD)
    old = os.umask(0)
    try:
        load_support_plan()
    finally:
        os.umask(old)
    assert stat.S_IMODE(support_last_good_file().stat().st_mode) == 0o600
    assert stat.S_IMODE(support_last_good_file().parent.stat().st_mode) == 0o700


def test_the_readme_example_is_a_valid_plan() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    section = readme.split("## Your support plan", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    plan, problems = read_plan_bytes(example.encode(), None)
    assert problems == () and plan is not None
    assert [bool(getattr(plan, name)) for name, _, _ in SECTIONS] == [True] * 7
    assert plan.people == (Contact("Sam", "555 0101, after six"),)


def test_a_data_folder_that_cannot_be_written_still_shows_your_plan() -> None:
    data = support_last_good_file().parent
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text("a file where the data folder should be")
    write_plan(GOOD)
    result = load_support_plan()
    assert result.source == "yours" and result.plan.reasons == ("My cat",)


def test_a_damaged_last_good_copy_falls_back_to_the_example() -> None:
    support_last_good_file().parent.mkdir(parents=True)
    support_last_good_file().write_bytes(b"coping: [a\n")
    write_plan(b"reasons: !!binary aGk=\n")
    result = load_support_plan()
    assert result.source == "example"
    assert "the tag !!binary is not allowed in a support plan" in str(result.errors[0])
