"""An emptied support.yaml never takes the saved copy of the plan with it: the copy keeps the
person's contacts, is shown and said to be the saved one, and `coach support --restore` puts
it back without writing over anything the person wrote."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timezone
from pathlib import Path

import pytest

from coach.foundation.paths import support_file, support_last_good_file
from coach.support.load import load_support_plan
from coach.support.plan import Contact
from coach.tui.screens.support import SupportScreen
from tests.test_cli import fake_editor, run
from tests.tui.harness import make_app, screen_text, settle

GOOD = "coping:\n  - A walk\npeople:\n  - name: Sam\n    how: 555 0101\n"
#: Noon UTC on 20 November 2026: that day in every zone coach runs in.
SAVED = datetime(2026, 11, 20, 12, tzinfo=timezone.utc).timestamp()
EMPTIED = [
    pytest.param("", id="emptied"),
    pytest.param("# Sam moved away\n# ask again in spring\n", id="comments only"),
    pytest.param("  \n\t\n\n", id="white space"),
    pytest.param("{}\n", id="{}"),
    pytest.param("null\n", id="null"),
    pytest.param("---\n", id="an empty document"),
    pytest.param("coping: []\npeople: []\n", id="every section left empty"),
]


def write_plan(text: str) -> Path:
    path = support_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def saved_plan_then(emptied: str) -> Path:
    """GOOD read once (so coach keeps its copy, dated SAVED), then support.yaml emptied."""
    write_plan(GOOD)
    assert run("support")[0] == 0
    assert support_last_good_file().read_text() == GOOD
    os.utime(support_last_good_file(), (SAVED, SAVED))
    return write_plan(emptied)


def said(output: str) -> str:
    return " ".join(output.split())


@pytest.mark.parametrize("emptied", EMPTIED)
def test_an_emptied_plan_keeps_the_saved_copy_and_shows_it_as_such(emptied: str) -> None:
    path = saved_plan_then(emptied)
    code, output = run("support")
    assert code == 0
    assert said(output).startswith(
        "Your support.yaml is empty, so this is the last plan you saved, from 20 November "
        f"2026, kept at {support_last_good_file()}. Put it back with: coach support --restore")
    assert "  - Sam: 555 0101\n" in output and "  - A walk\n" in output
    assert support_last_good_file().read_text() == GOOD  # the contacts are still there
    assert path.read_text() == emptied  # and coach wrote nothing over the person's file
    result = load_support_plan()
    assert result.emptied and result.source == "last good"
    assert result.plan.people == (Contact("Sam", "555 0101"),)


def test_an_empty_plan_with_nothing_saved_says_how_to_fill_it_in() -> None:
    write_plan("# nothing yet\n")
    assert run("support")[1].startswith("Your support plan is empty. Fill it in with: coach edit")
    assert not support_last_good_file().exists()


@pytest.mark.parametrize("emptied", EMPTIED)
def test_restore_puts_the_saved_plan_back_and_keeps_what_the_emptied_file_held(
        emptied: str) -> None:
    path = saved_plan_then(emptied)
    code, output = run("support", "--restore")
    assert code == 0, output
    assert output.startswith(f"Put your last saved plan, from 20 November 2026, back in {path}.")
    assert path.read_text() == GOOD and stat.S_IMODE(path.stat().st_mode) == 0o600
    kept = path.with_name("support-emptied.yaml")
    if emptied.strip():
        assert f"What the emptied file held is kept in {kept}." in output
        assert kept.read_text() == emptied and stat.S_IMODE(kept.stat().st_mode) == 0o600
    else:
        assert not kept.exists() and "emptied file" not in output
    assert "Your support.yaml is empty" not in output and "  - Sam: 555 0101\n" in output


def test_restore_also_puts_back_a_plan_whose_file_was_deleted() -> None:
    path = saved_plan_then("")
    path.unlink()
    assert run("support", "--restore")[0] == 0
    assert path.read_text() == GOOD


@pytest.mark.parametrize("current, words", [
    pytest.param("coping: [tea]\n", "your support.yaml has a plan in it, and coach does not "
                 "write over it", id="a plan"),
    pytest.param("coping: [tea\n", "your support.yaml has a mistake, and coach does not write "
                 "over it; fix it with: coach edit support", id="a mistake"),
])
def test_restore_never_writes_over_what_the_person_wrote(current: str, words: str) -> None:
    path = saved_plan_then(current)
    code, output = run("support", "--restore")
    assert code == 1
    assert f"Error: the support plan was not restored: {words}" in output
    assert path.read_text() == current
    assert support_last_good_file().read_text() == GOOD


def test_restore_with_nothing_saved_says_so() -> None:
    write_plan("")
    code, output = run("support", "--restore")
    assert code == 1
    assert "the support plan was not restored: there is no saved plan to put back" in output
    assert support_file().read_text() == ""


def test_emptying_the_plan_in_the_editor_keeps_the_saved_copy_and_says_so(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = saved_plan_then(GOOD)
    monkeypatch.setenv("VISUAL", fake_editor(tmp_path, """
        import sys
        open(sys.argv[-1], "w").write("# start again\\n")
    """))
    code, output = run("edit", "support")
    assert code == 0
    assert (f"Your plan is now empty; the last plan you saved is kept at "
            f"{support_last_good_file()}. Put it back with: coach support --restore") in output
    assert path.read_text() == "# start again\n"
    assert support_last_good_file().read_text() == GOOD


@pytest.mark.parametrize("emptied", EMPTIED)
async def test_the_support_screen_says_the_plan_is_empty_and_shows_the_saved_one(
        tmp_path: Path, emptied: str) -> None:
    saved_plan_then(emptied)
    app = make_app(tmp_path)  # the plan read for real, from the files
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert isinstance(app.screen, SupportScreen)
        text = said(screen_text(app))
        assert ("Your support plan is empty, so this is the last plan you saved, from 20 "
                "November 2026, kept at") in text
        assert "Put it back with: coach support --restore" in text
        assert "Sam · 555 0101" in text and "A walk" in text
    assert support_last_good_file().read_text() == GOOD
