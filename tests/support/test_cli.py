"""The support plan on the command line: `coach support`, and support.yaml in `coach init`,
`edit`, `validate` and `schema`."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from coach.foundation.paths import shipped_support_example, support_file, support_last_good_file
from tests.test_cli import fake_editor, run

GOOD = "coping:\n  - A walk\npeople:\n  - name: Sam\n    how: 555 0101\n"


def write_plan(text: str) -> Path:
    path = support_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_support_prints_your_plan_under_the_headings_and_ends_with_the_emergency_line() -> None:
    write_plan(GOOD + "reasons:\n  - My sister's wedding in June\n")
    code, output = run("support")
    assert code == 0
    assert output == ("Things I can do on my own\n  - A walk\n\n"
                      "People I can ask for help\n  - Sam: 555 0101\n\n"
                      "What matters to me\n  - My sister's wedding in June\n\n"
                      "In an emergency, call your local emergency number first.\n")


def test_long_entries_are_wrapped_for_80_columns() -> None:
    entry = "Call my brother Tom " + "and talk about anything at all " * 6
    write_plan(f"coping:\n  - {entry}\n  - https://example.org/{'x' * 90}\n")
    _, output = run("support")
    lines = output.splitlines()
    assert all(len(line) <= 80 for line in lines if "example.org" not in line)
    assert lines[1].startswith("  - Call my brother Tom") and lines[2].startswith("    at all")
    assert " ".join(part.strip() for part in lines[1:-3]).startswith("- " + entry.strip())
    assert f"  - https://example.org/{'x' * 90}" in lines  # a long word is never cut


def test_text_is_shown_literally() -> None:
    write_plan("coping:\n  - '[bold]not markup[/] {x} <b>'\n")
    _, output = run("support")
    assert "  - [bold]not markup[/] {x} <b>\n" in output


def test_without_a_plan_the_example_is_shown_and_said_to_be_one() -> None:
    code, output = run("support")
    assert code == 0
    assert output.startswith("Your support plan is not filled in yet: this is the example "
                             "that comes with\ncoach. Make it yours,")
    assert "coach edit support" in output.splitlines()[1]
    assert "  - Samaritans (UK and Ireland): call 116 123, any time, free\n" in output
    assert "crisis" not in output.lower()
    assert output.endswith("In an emergency, call your local emergency number first.\n")


def test_a_broken_plan_shows_the_last_good_one_with_the_problems() -> None:
    write_plan(GOOD)
    run("support")
    path = write_plan(GOOD + "copin: [x]\n")
    code, output = run("support")
    assert code == 0
    assert output.startswith("Your support.yaml has a mistake, so this is the last version of "
                             "your plan that\nworked. Fix it with: coach edit support\n")
    assert (f"  {path}:6:1: unknown key 'copin' in the support plan; did you mean 'coping'?\n"
            in output)
    assert "  - Sam: 555 0101\n" in output and "Samaritans" not in output
    assert output.endswith("In an emergency, call your local emergency number first.\n")


def test_an_empty_plan_says_how_to_fill_it_in() -> None:
    write_plan("# nothing yet\n")
    assert run("support")[1] == ("Your support plan is empty. Fill it in with: coach edit "
                                 "support\n\nIn an emergency, call your local emergency number "
                                 "first.\n")


def test_validate_checks_support_yaml_too() -> None:
    path = write_plan("coping: [a]\npeople:\n  - how: 1\n")
    code, output = run("validate")
    assert code == 1
    assert f"{path}:3:5: a contact needs 'name'" in output
    assert "Your support plan has problems; fix them with: coach edit support" in output
    write_plan(GOOD)
    code, output = run("validate")
    assert code == 0 and f"{path}: the support plan is valid." in output


def test_validate_recognises_a_support_yaml_by_name(tmp_path: Path) -> None:
    elsewhere = tmp_path / "copy" / "support.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text("warning_sign: [x]\n")
    code, output = run("validate", str(elsewhere))
    assert code == 1
    assert output.startswith(f"{elsewhere}:1:1: unknown key 'warning_sign' in the support plan; "
                             "did you mean 'warning_signs'?\n")
    assert "routine" not in output.split("\n")[0]


def test_validate_passes_the_shipped_example_and_says_nothing_of_a_plan_not_written_yet(
        tmp_path: Path) -> None:
    code, output = run("validate")
    assert code == 0 and "support" not in output
    copy = tmp_path / "support.yaml"
    copy.write_bytes(shipped_support_example().read_bytes())
    assert run("validate", str(copy)) == (0, f"{copy}: the support plan is valid.\n")


def test_schema_support_is_built_from_the_declarations(tmp_path: Path) -> None:
    code, output = run("schema", "support")
    schema = json.loads(output)
    assert code == 0 and schema["title"] == "coach support plan"
    assert list(schema["properties"]) == ["warning_signs", "coping", "distractions", "people",
                                          "professionals", "safer_surroundings", "reasons"]
    assert json.loads(run("schema")[1])["title"] == "coach routine"
    import jsonschema
    import yaml

    jsonschema.validate(yaml.safe_load(shipped_support_example().read_text()), schema)
    out = tmp_path / "support.schema.json"
    assert run("schema", "support", "-o", str(out))[0] == 0
    assert json.loads(out.read_text()) == schema


@pytest.fixture
def umask_000():
    old = os.umask(0)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_copies_the_example_privately_and_asks_before_overwriting(umask_000) -> None:
    code, output = run("init")
    path = support_file()
    assert code == 0
    assert f"Your support plan: {path}\n  support.yaml: copied the example" in output
    assert path.read_bytes() == shipped_support_example().read_bytes()
    assert mode(path) == 0o600 and mode(path.parent) == 0o700
    assert (path.parent / "support.schema.json").is_file()
    assert "support.yaml: already there" in run("init")[1]
    path.write_text(GOOD)
    code, output = run("init", input="n\nn\n")
    assert "support.yaml differs from the example. Overwrite it?" in output
    assert path.read_text() == GOOD
    code, output = run("init", input="y\n")
    assert path.read_bytes() == shipped_support_example().read_bytes()


def test_edit_support_creates_it_from_the_example_and_checks_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_000) -> None:
    editor = fake_editor(tmp_path, """
        import sys
        path = sys.argv[-1]
        text = open(path).read().replace("A family member", "My sister Ana")
        open(path, "w").write(text)
    """)
    monkeypatch.setenv("VISUAL", editor)
    code, output = run("edit", "support")
    path = support_file()
    assert code == 0
    assert f"Copied the example support plan to {path}" in output
    assert f"{path} is valid: 20 lines in your support plan. See it with: coach support" in output
    assert "  - My sister Ana\n" in run("support")[1]
    assert mode(path) == 0o600
    assert b"My sister Ana" in support_last_good_file().read_bytes()
    assert mode(support_last_good_file()) == 0o600


def test_edit_support_makes_a_file_an_editor_left_readable_private(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_plan(GOOD)
    editor = fake_editor(tmp_path, """
        import os, sys
        path = sys.argv[-1]
        os.replace(path, path + "~")
        open(path, "w").write("coping: [tea]\\n")
        os.chmod(path, 0o644)
    """)
    monkeypatch.setenv("VISUAL", editor)
    assert run("edit", "support")[0] == 0
    assert mode(path) == 0o600


def test_a_broken_edit_can_be_kept_and_the_last_good_plan_still_shows(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_plan(GOOD)
    editor = fake_editor(tmp_path, """
        import sys
        open(sys.argv[-1], "a").write("reasons: [unclosed\\n")
    """)
    monkeypatch.setenv("VISUAL", editor)
    code, output = run("edit", "support", input="k\n")
    assert code == 1
    assert f"{path}:7:1: YAML syntax error" in output
    assert "What now? (e)dit again, (k)eep it as it is, (r)evert" in output
    assert (f"{path} is kept as it is; coach shows the last version that worked until it is "
            "fixed (coach edit support).") in output
    code, output = run("support")
    assert output.startswith("Your support.yaml has a mistake, so this is the last version")
    assert "  - Sam: 555 0101\n" in output


def test_a_broken_edit_can_be_reverted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_plan(GOOD)
    editor = fake_editor(tmp_path, """
        import sys
        open(sys.argv[-1], "w").write("coping: !!python/object:os.system x\\n")
    """)
    monkeypatch.setenv("VISUAL", editor)
    code, output = run("edit", "support", input="r\n")
    assert code == 0 and f"{path} is back as it was before this edit." in output
    assert path.read_text() == GOOD
    assert mode(path) == 0o600
