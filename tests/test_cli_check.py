"""`coach check FORM`: what it says about a form it does not know, before needing a terminal."""

from __future__ import annotations

import pytest

from tests.test_cli import run


@pytest.mark.parametrize(("form", "said"), [
    ("phq", "No self-check 'phq'; did you mean 'phq9'?"),
    ("gad", "No self-check 'gad'; did you mean 'gad7'?"),
    ("mood", "No self-check 'mood'."),
])
def test_an_unknown_form_is_named_with_a_did_you_mean(form: str, said: str) -> None:
    code, output = run("check", form)
    assert code == 2
    assert output == f"{said} There are: phq9 (PHQ-9, mood), gad7 (GAD-7, anxiety).\n"


def test_a_form_is_needed() -> None:
    code, output = run("check")
    assert code == 2 and "Missing argument 'FORM'" in output


@pytest.mark.parametrize("form", ["phq9", "PHQ-9", "gad-7"])
def test_the_forms_own_names_are_understood(form: str, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str | None] = []
    monkeypatch.setattr("coach.cli.check.has_terminal", lambda: True)
    monkeypatch.setattr("coach.tui.app.run_app",
                        lambda start_with=None, reduced_motion=False: opened.append(start_with))
    assert run("check", form) == (0, "")
    assert opened == [f"_check/{form.lower().replace('-', '')}"]
