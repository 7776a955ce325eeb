"""`mood_reminders` in settings.yaml: times read as a routine's times are, each mistake
located, off by default, documented where the person looks."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from coach.config.settings import Settings, load_settings, settings_template
from coach.foundation.paths import config_dir


def read(text: str) -> tuple[tuple[time, ...], list[str]]:
    path = config_dir() / "settings.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    settings, problems = load_settings()
    return settings.mood_reminders, [str(p).removeprefix(f"{path}:") for p in problems]


def test_off_by_default() -> None:
    assert Settings().mood_reminders == ()
    assert load_settings()[0].mood_reminders == ()


@pytest.mark.parametrize("text, times", [
    ('mood_reminders: ["12:30", "20:00"]\n', (time(12, 30), time(20, 0))),
    ("mood_reminders: [20:00, 7:30 am]\n", (time(7, 30), time(20, 0))),  # in order of the day
    ("mood_reminders: 12:30\n", (time(12, 30),)),
    ("mood_reminders:\n  - 9:00 pm\n", (time(21, 0),)),
    ("mood_reminders: off\n", ()),
    ("mood_reminders: []\n", ()),
])
def test_times_are_read_as_a_routines_times(text: str, times: tuple[time, ...]) -> None:
    assert read(text) == (times, [])


@pytest.mark.parametrize("text, problem", [
    ("mood_reminders: [12:30, 25:00]\n", "1:25: 25:00 is not a time of day (00:00 to 23:59)"),
    ("mood_reminders: [12.30]\n", '1:18: write the time with a colon: "12:30"'),
    ("mood_reminders: [noon]\n", "1:18: expected a time such as \"07:30\", found 'noon'; "
                                 'write "12:00"'),
    ("mood_reminders: of\n", "1:17: expected a time such as \"07:30\", found 'of'; did you "
                             "mean 'off'?"),
    ("mood_reminders: [12:30, '12:30']\n", "1:25: 12:30 is given twice for 'mood_reminders'; "
                                           "each time once"),
    ("mood_reminders: [1:00, 2:00, 3:00, 4:00, 5:00, 6:00, 7:00]\n",
     "1:17: 'mood_reminders' takes at most 6 times, found 7"),
    ("mood_reminder: [12:30]\n", "1:1: unknown setting 'mood_reminder'; did you mean "
                                 "'mood_reminders'?"),
])
def test_a_mistake_is_located_and_leaves_them_off(text: str, problem: str) -> None:
    assert read(text) == ((), [problem])


def test_a_mistake_in_them_leaves_the_other_settings_in_force() -> None:
    path = config_dir() / "settings.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("mood_reminders: [24:00]\nreminder_bell: true\n", encoding="utf-8")
    settings, problems = load_settings()
    assert (settings.mood_reminders, settings.reminder_bell, len(problems)) == ((), True, 1)


def test_documented_in_the_template_the_module_and_the_readme() -> None:
    import coach.config.settings

    template = settings_template()
    assert "\n# mood_reminders: []\n" in template
    assert 'e.g. ["12:30",' in template
    assert "\n    mood_reminders: []" in (coach.config.settings.__doc__ or "")
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert "\nmood_reminders: [] " in readme
