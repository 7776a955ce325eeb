"""The safety-net settings: declared, checked and documented like the others."""

from __future__ import annotations

from pathlib import Path

from coach.foundation.paths import config_dir
from coach.routine.record import yaml_fields
from coach.config.settings import Settings, load_settings


def write_settings(text: str) -> Path:
    path = config_dir() / "settings.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_the_defaults_offer_the_plan_after_three_days_at_or_below_3() -> None:
    settings, problems = load_settings()
    assert problems == ()
    assert (settings.safety_net, settings.low_mood_threshold, settings.low_mood_days) == (
        True, 3, 3)


def test_they_are_read_from_settings_yaml() -> None:
    write_settings("safety_net: off\nlow_mood_threshold: 5\nlow_mood_days: 14\n")
    settings, problems = load_settings()
    assert problems == ()
    assert (settings.safety_net, settings.low_mood_threshold, settings.low_mood_days) == (
        False, 5, 14)


def test_a_value_out_of_range_is_located_and_the_rest_still_apply() -> None:
    path = write_settings("low_mood_threshold: 11\nlow_mood_days: 0\nsafety_net: false\n"
                          "low_mood_dayz: 2\n")
    settings, problems = load_settings()
    assert [str(p) for p in problems] == [
        f"{path}:1:21: 'low_mood_threshold' must be between 0 and 10, found 11",
        f"{path}:2:16: 'low_mood_days' must be between 1 and 14, found 0",
        f"{path}:4:1: unknown setting 'low_mood_dayz'; did you mean 'low_mood_days'?",
    ]
    assert settings == Settings(safety_net=False)


def test_each_is_documented_in_the_module_and_the_readme() -> None:
    import coach.config.settings

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text()
    for key in ("safety_net", "low_mood_threshold", "low_mood_days"):
        assert key in yaml_fields(Settings)
        assert f"\n    {key}: " in coach.config.settings.__doc__
        assert f"\n{key}: " in readme
