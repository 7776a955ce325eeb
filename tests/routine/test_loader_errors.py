"""Bad routine files: each gets one clear error at the right line and column."""

from __future__ import annotations

import pytest

from tests.routine.helpers import load, only_error

MOOD = "steps:\n  - type: mood\n"

CASES = {
    "yaml syntax": ("title: [unclosed\n" + MOOD, 2, 6, "YAML syntax error"),
    "tab indentation": ("title: t\nsteps:\n\t- type: mood\n", 3, 1, "a tab is used for indentation"),
    "unknown top-level key": ("title: t\ntitel: x\n" + MOOD, 2, 1,
                              "unknown key 'titel' in a routine; did you mean 'title'?"),
    "unknown key, no close match": ("title: t\ncolour: red\n" + MOOD, 2, 1,
                                    "known keys: description, id, remind_again_after, reminders"),
    "unknown step key": ("title: t\nsteps:\n  - type: breathing\n    cylces: 4\n", 4, 5,
                         "unknown key 'cylces' in a breathing step; did you mean 'cycles'?"),
    "unknown step type": ("title: t\nsteps:\n  - type: breath\n", 3, 11,
                          "unknown step type 'breath'; did you mean 'breathing'? valid types: "
                          "activity_plan, activity_review, affirmation, breathing"),
    "check without a form": ("title: t\nsteps:\n  - type: check\n", 3, 5,
                             "a check step needs 'form' (the questionnaire: phq9"),
    "check with an unknown form": ("title: t\nsteps:\n  - type: check\n    form: phq-9\n", 4, 11,
                                   "'phq-9' is not one of phq9, gad7; did you mean 'phq9'?"),
    "step without type": ("title: t\nsteps:\n  - title: Hello\n", 3, 5, "this step needs a 'type'"),
    "step that is a word": ("title: t\nsteps:\n  - mood\n", 3, 5, "expected a step"),
    "wrong type: text for number": ("title: t\nsteps:\n  - type: breathing\n    cycles: four\n",
                                    4, 13, "expected a whole number for 'cycles', found 'four'"),
    "quoted number": ('title: t\nsteps:\n  - type: breathing\n    cycles: "4"\n', 4, 13,
                      "write it without quotes: 4"),
    "decimal comma": ("title: t\nsteps:\n  - type: breathing\n    minutes: 2,5\n", 4, 14,
                      "write decimals with a dot: 2.5"),
    "fraction for whole number": ("title: t\nsteps:\n  - type: gratitude\n    count: 2.5\n", 4, 12,
                                  "2.5 is not whole"),
    "out of range": ("title: t\nsteps:\n  - type: breathing\n    cycles: 500\n", 4, 13,
                     "'cycles' must be between 1 and 200 breaths, found 500"),
    "negative seconds": ("title: t\nsteps:\n  - type: pmr\n    tense_seconds: -3\n", 4, 20,
                         "must be between 2 and 20 seconds"),
    "list where text expected": ("title: [a, b]\n" + MOOD, 1, 8, "expected text for 'title', found a list"),
    "mapping where flag expected": ("title: t\nreminders: {a: 1}\n" + MOOD, 2, 12,
                                    "expected true or false for 'reminders', found a mapping"),
    "not a flag": ("title: t\nreminders: sometimes\n" + MOOD, 2, 12,
                   "expected true or false for 'reminders', found 'sometimes'"),
    "duplicate key": ("title: t\ntitle: u\n" + MOOD, 2, 1,
                      "'title' is given twice in a routine (first on line 1)"),
    "duplicate step key": ("title: t\nsteps:\n  - type: gratitude\n    count: 3\n    count: 4\n",
                           5, 5, "'count' is given twice in a gratitude step"),
    "duplicate step id": ("title: t\nsteps:\n  - type: mood\n    id: check\n  - type: gratitude\n"
                          "    id: check\n", 6, 9,
                          "step id 'check' is already used by the step on line 3"),
    "duplicate default step id": ("title: t\nsteps:\n  - type: mood\n    id: mood-2\n"
                                  "  - type: mood\n  - type: mood\n", 5, 5,
                                  "add 'id:' to tell them apart"),
    "bad step id": ("title: t\nsteps:\n  - type: mood\n    id: Evening Mood\n", 4, 9,
                    "'Evening Mood' is not a valid id"),
    "empty file": ("", 1, 1, "the file is empty"),
    "only comments": ("# just a comment\n\n", 1, 1, "the file is empty"),
    "top level is a list": ("- type: mood\n", 1, 1, "the top level of a routine file is key: value"),
    "top level is text": ("hello\n", 1, 1, "the top level of a routine file is key: value"),
    "two documents": ("title: t\n" + MOOD + "---\ntitle: u\n", 4, 1,
                      "a routine file holds one YAML document"),
    "python tag": ("title: !!python/object/apply:os.system [echo hi]\n" + MOOD, 1, 8,
                   "the tag !!python/object/apply:os.system is not allowed"),
    "custom tag": ("title: !secret t\n" + MOOD, 1, 8, "the tag !secret is not allowed"),
    "merge key": ("title: t\nsteps:\n  - &b {type: mood, id: a}\n  - <<: *b\n    id: b\n", 4, 5,
                  "merge keys ('<<') are not supported"),
    "missing title": (MOOD, 1, 1, "a routine needs 'title'"),
    "empty title": ("title:\n" + MOOD, 1, 7, "'title' has no value"),
    "missing steps": ("title: t\n", 1, 1, "a routine needs 'steps'"),
    "no steps": ("title: t\nsteps: []\n", 2, 8, "a routine needs at least one step"),
    "steps not a list": ("title: t\nsteps: mood\n", 2, 8, "expected a list of steps"),
    "time without colon": ("title: t\nschedule:\n  at: 0730\n" + MOOD, 3, 7,
                           'write the time with a colon: "07:30"'),
    "hour out of range": ("title: t\nschedule:\n  at: 25:00\n" + MOOD, 3, 7,
                          "25:00 is not a time of day"),
    "time as a word": ("title: t\nschedule:\n  at: morning\n" + MOOD, 3, 7,
                       'expected a time such as "07:30"'),
    "schedule without time": ("title: t\nschedule:\n  days: daily\n" + MOOD, 3, 3,
                              "the schedule needs 'at' (when the routine is due, e.g. \"07:30\" "
                              "or \"9:15 pm\")"),
    "schedule with an empty time": ("title: t\nschedule:\n  at:\n" + MOOD, 3, 6,
                                    "'at' has no value (when the routine is due, e.g. \"07:30\" "
                                    "or \"9:15 pm\")"),
    "unknown day": ("title: t\nschedule:\n  at: '07:00'\n  days: [mon, tues]\n" + MOOD, 4, 15,
                    "'tues' is not a day; did you mean 'tue'?"),
    "unknown pattern": ("title: t\nsteps:\n  - type: breathing\n    pattern: square\n", 4, 14,
                        "'square' is not one of box, 4-7-8, coherent, relaxed"),
    "custom pattern without exhale": ("title: t\nsteps:\n  - type: breathing\n"
                                      "    pattern: {inhale: 4}\n", 4, 14,
                                      "a custom pattern needs 'exhale'"),
    "cycles and minutes": ("title: t\nsteps:\n  - type: breathing\n    cycles: 4\n"
                           "    minutes: 2\n", 5, 14, "give cycles or minutes, not both"),
    "pmr preset that does not exist": ("title: t\nsteps:\n  - type: pmr\n    groups: 5\n", 4, 13,
                                       "'5' is not one of 16, 7, 4"),
    "instruction without text": ("title: t\nsteps:\n  - type: instruction\n    seconds: 30\n",
                                 3, 5, "an instruction step needs 'text'"),
    "empty list item": ("title: t\nsteps:\n  - type: journal\n    prompts:\n      -\n", 5, 8,
                        "this list item is empty"),
    "control character": ('title: "Morning\\x1b[2J"\n' + MOOD, 1, 8,
                          "control character (U+001B)"),
    "multi-line title": ("title: |\n  one\n  two\n" + MOOD, 1, 8, "this text must fit on one line"),
    "too long title": ("title: " + "a" * 61 + "\n" + MOOD, 1, 8,
                       "this text is 61 characters long; keep it to 60"),
    "undefined alias": ("title: *nothing\n" + MOOD, 1, 8, "define the anchor"),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_bad_file_gets_one_located_error(case: tuple[str, int, int, str]) -> None:
    text, line, column, fragment = case
    got_line, got_column, message = only_error(text)
    assert fragment in message
    assert (got_line, got_column) == (line, column), message


def test_not_utf8_points_at_the_bad_byte() -> None:
    line, column, message = only_error(b"title: caf\xe9\nsteps:\n  - type: mood\n")
    assert (line, column) == (1, 11)
    assert "not UTF-8" in message


def test_utf8_bom_is_accepted() -> None:
    assert load(b"\xef\xbb\xbftitle: t\nsteps:\n  - type: mood\n").routine is not None


def test_several_problems_are_all_reported() -> None:
    result = load("""\
        title: t
        colour: red
        steps:
          - type: breathing
            cycles: many
          - type: nope
    """)
    assert result.routine is None
    assert [(p.line, p.column) for p in result.errors] == [(2, 1), (5, 13), (6, 11)]


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, "
                     f"*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]")
    lines.append("title: t\nsteps:\n  - type: journal\n    prompts: *a8")
    result = load("\n".join(lines) + "\n")
    assert result.routine is None
    assert any("too many values" in p.message or "unknown key" in p.message
               for p in result.errors)


def test_recursive_alias_is_refused() -> None:
    result = load("title: t\nsteps:\n  - type: journal\n    prompts: &p [a, *p]\n")
    assert result.routine is None
    assert result.errors


def test_deep_nesting_is_refused() -> None:
    result = load("title: t\nsteps: " + "[" * 5000 + "]" * 5000 + "\n")
    assert result.routine is None
    assert result.errors


def test_file_that_is_too_large_is_refused() -> None:
    result = load(b"# " + b"x" * 300_000 + b"\ntitle: t\nsteps:\n  - type: mood\n")
    assert result.routine is None
    assert result.errors[0].message == "it is 293 KB; a routine file may be at most 256 KB"


def test_problem_prints_as_path_line_column() -> None:
    result = load("title: t\nsteps:\n  - type: breath\n")
    assert str(result.errors[0]).startswith("routine.yaml:3:11: unknown step type")


def test_warning_does_not_stop_loading() -> None:
    result = load("title: t\nsteps:\n  - type: breathing\n    pattern: 4-7-8\n    cycles: 10\n")
    assert result.routine is not None
    assert len(result.warnings) == 1
    assert "at most 8 cycles" in result.warnings[0].message
    assert str(result.warnings[0]).startswith("routine.yaml:5:13: warning: ")


def test_deep_nesting_of_every_shape_is_refused_without_crashing() -> None:
    """LibYAML's composer has no depth limit (deep input crashed the process); ours stops."""
    for text in ("title: t\nsteps: " + "[" * 30000 + "]" * 30000 + "\n",
                 "title: t\nsteps:\n  " + "- " * 3000 + "x\n",
                 "title: t\nsteps: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n"):
        result = load(text)
        assert result.routine is None
        assert "nested more than 64 levels deep" in result.errors[0].message


def test_a_number_too_long_to_convert_is_a_located_error() -> None:
    line, column, message = only_error("title: t\nsteps:\n  - type: gratitude\n    count: "
                                       + "1" * 5000 + "\n")
    assert (line, column) == (4, 12) and "'count' is far too long (5000 digits)" in message


def test_a_file_with_no_document_says_so() -> None:
    line, column, message = only_error(b"\xef\xbb\xbf\xef\xbb\xbf# only a comment\n")
    assert (line, column) == (1, 1) and "holds no YAML document" in message


def test_a_control_character_is_located() -> None:
    line, column, message = only_error("title: t\nsteps:\n  - type: mood\n    title: a\x07b\n")
    assert (line, column) == (4, 13) and "U+0007" in message


@pytest.mark.parametrize(("doc", "clause"), [
    ("The steps, in order.", "the steps, in order"),
    ('When the routine is due, e.g. "07:30" or "9:15 pm".',
     'when the routine is due, e.g. "07:30" or "9:15 pm"'),
    ("How many breaths. Give cycles or minutes, not both.", "how many breaths"),
    ("A day, i.e. Monday or Tuesday. Defaults to today.", "a day, i.e. Monday or Tuesday"),
    ("Days, e.g. Monday, Tuesday, etc. Defaults to daily.", "days, e.g. Monday, Tuesday, etc"),
])
def test_a_message_made_from_a_field_description_keeps_its_examples(doc: str,
                                                                      clause: str) -> None:
    from coach.routine.record import _lower

    assert _lower(doc) == clause
