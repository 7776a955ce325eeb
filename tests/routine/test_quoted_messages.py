"""Messages quote at most a sensible amount of the file, with control characters made visible."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.routine.helpers import load

LONG = "k" * 200_000
MORE = "… (199920 more characters)"
# A plain or quoted key may be at most 1,024 characters long in YAML; '? ' keys have no limit.
STEP = "title: t\nsteps:\n  - type: gratitude\n"

CASES = {
    "unknown key": (f"title: t\n? {LONG}\n: 1\n" + STEP[9:], "unknown key 'kkkk"),
    "key given twice": (f"? {LONG[:100_000]}\n: 1\n? {LONG[:100_000]}\n: 2\n" + STEP,
                        "is given twice"),
    "tag": (f"title: !{LONG} t\n" + STEP[9:], "the tag !kkkk"),
    "step type": (f"title: t\nsteps:\n  - type: {LONG}\n", "unknown step type 'kkkk"),
    "id": (f"id: {LONG}\n" + STEP, "is not a valid id"),
    "day": (f"schedule:\n  at: '07:00'\n  days: [{LONG}]\n" + STEP, "is not a day"),
    "time": (f"schedule:\n  at: '7{LONG}'\n" + STEP, "expected a time such as"),
    "time with spaces": ("schedule:\n  at: 13:30" + " " * 200_000 + "pm\n" + STEP,
                         "with am or pm the hour is 1 to 12"),
    "not whole": (STEP + f"    count: 1.{'0' * 200_000}\n", "is not whole"),
    "decimal comma": (STEP.replace("gratitude", "breathing") + "    pattern:\n      inhale: 4,"
                      + "0" * 200_000 + "\n      exhale: 4\n", "write decimals with a dot"),
    "value of the wrong kind": (STEP + f"    count: {LONG}\n", "expected a whole number"),
    "undefined alias": (f"title: *{LONG}\n" + STEP[9:], "has no anchor"),
}


@pytest.mark.parametrize("text, fragment", CASES.values(), ids=list(CASES))
def test_long_text_from_the_file_is_shortened_in_the_message(text: str, fragment: str) -> None:
    result = load(text)
    assert result.routine is None
    messages = [p.message for p in result.errors]
    assert any(fragment in m for m in messages), messages
    for message in messages:
        assert len(message) < 400, message[:500]
    assert any("more characters)" in m for m in messages), messages


def test_a_long_unknown_key_says_how_much_was_left_out() -> None:
    [problem] = load(f"title: t\n? {LONG}\n: 1\n" + STEP[9:]).errors
    assert problem.message.startswith(f"unknown key '{'k' * 80}{MORE}' in a routine")


def test_an_escape_character_in_a_key_is_shown_not_sent() -> None:
    [problem] = load('title: t\n"bad\\x1b]52;c;key": 1\n' + STEP[9:]).errors
    assert "\x1b" not in problem.message
    assert problem.message.startswith("unknown key 'bad\\x1b]52;c;key' in a routine")


def test_a_long_file_name_that_makes_no_id_is_shortened() -> None:
    result = load(STEP, Path("Ü" * 1000 + ".yaml"))
    [problem] = result.errors
    assert "does not make an id" in problem.message and len(problem.message) < 300


def test_a_long_unknown_setting_is_shortened(coach_dirs: dict[str, Path]) -> None:
    from coach.config.settings import load_settings

    coach_dirs["config"].mkdir(parents=True)
    (coach_dirs["config"] / "settings.yaml").write_text(f'? {LONG}\n: 1\n"\\e": 2\n')
    _, problems = load_settings()
    assert [p.message[:40] for p in problems] == ["unknown setting '" + "k" * 23,
                                                   "unknown setting '\\x1b'; known: bell, day"]
    assert all(len(p.message) < 400 for p in problems)
