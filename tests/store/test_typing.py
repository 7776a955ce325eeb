"""What is typed in an open step is kept in a file of its own; a run that ended without a
goodbye has its draft taken into the month file once, and a file coach cannot read is set
aside, never lost and never a hang."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import orjson

from coach.session.run import StepOutcome
from coach.store import Store, typing

DAY = date(2026, 11, 22)
WHEN = datetime(2026, 11, 22, 20, 0, tzinfo=timezone.utc)


def store_in(tmp_path: Path) -> Store:
    return Store(tmp_path / "data", now=lambda: WHEN, zone=(ZoneInfo("UTC"), "UTC"))


def draft(store: Store, session: str, text: str) -> dict:  # type: ignore[type-arg]
    outcome = StepOutcome("journal", "journal", "draft", WHEN, WHEN,
                          {"prompt": "How was it?", "text": text,
                           "typed": {"fields": {"journal-text": text}}})
    return store.step_record("evening", session, outcome, day=DAY)


def test_a_run_killed_while_typing_is_found_once_by_the_next_start(tmp_path: Path) -> None:
    writing = store_in(tmp_path)
    writing.keep_typing(draft(writing, "s1", "first words"))
    writing.keep_typing(draft(writing, "s1", "first words, and more"))
    assert writing.records() == []  # kept aside, not in the month file

    reopened = store_in(tmp_path)  # another process: the one that typed is gone
    session, outcomes = reopened.open_session("evening", DAY)
    assert session == "s1"
    assert outcomes["journal"].status == "draft"
    assert outcomes["journal"].data["text"] == "first words, and more"
    assert list((tmp_path / "data").glob("typing-*")) == []
    reopened.open_session("evening", DAY)
    assert len(reopened.records(kind="step")) == 1


def test_the_typing_of_a_run_open_in_this_process_is_left_to_it(tmp_path: Path) -> None:
    store = store_in(tmp_path)
    store.keep_typing(draft(store, "s1", "still typing"))
    assert store.open_session("evening", DAY) == (None, {})
    assert store.check() == []
    assert [p.name for p in (tmp_path / "data").glob("typing-*")] == ["typing-s1.json"]
    store.forget_typing("s1")
    assert list((tmp_path / "data").glob("typing-*")) == []


def test_a_kept_draft_coach_cannot_read_is_set_aside_and_said(tmp_path: Path) -> None:
    store = store_in(tmp_path)
    store.records()  # the folder
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "typing-s2.json").write_text("{not json")
    os.mkfifo(tmp_path / "data" / "typing-s3.json")  # never opened for reading: no hang
    notices = store_in(tmp_path).check()
    assert any("typing-s2.json could not be read as a draft" in n and "typing-s2.json.unreadable"
               in n for n in notices), notices
    assert any("typing-s3.json" in n and "named pipe" in n for n in notices), notices
    assert (tmp_path / "data" / "typing-s2.json.unreadable").read_text() == "{not json"
    assert store_in(tmp_path).records() == []


def test_a_draft_for_another_session_in_the_file_is_not_taken(tmp_path: Path) -> None:
    """A kept file holds its own run's draft: one renamed onto another run is set aside."""
    store = store_in(tmp_path)
    store.keep_typing(draft(store, "s1", "words"))
    os.replace(tmp_path / "data" / "typing-s1.json", tmp_path / "data" / "typing-s9.json")
    notices = store_in(tmp_path).check()
    assert any("typing-s9.json" in n for n in notices), notices
    assert store_in(tmp_path).records() == []


def test_forgetting_what_was_never_kept_is_no_error(tmp_path: Path) -> None:
    """A step done without a key typed has no kept draft: forgetting it must not fail (the
    writer would say an unexpected problem came up while saving)."""
    store = store_in(tmp_path)
    store.forget_typing("never-typed")
    typing.done_with(tmp_path / "data" / "typing-gone.json")  # taken in by another process


def test_only_a_draft_of_a_step_is_taken_in(tmp_path: Path) -> None:
    store = store_in(tmp_path)
    done = dict(draft(store, "s5", "words"), status="done")
    session = store.session_record("evening", "s6", "started", day=DAY)
    (tmp_path / "data").mkdir()
    for name, record in (("typing-s5.json", done), ("typing-s6.json", session)):
        (tmp_path / "data" / name).write_bytes(orjson.dumps(record))
    notices = store_in(tmp_path).check()
    assert notices == [
        "typing-s5.json could not be read as a draft (it is not a draft coach wrote); it was "
        "moved to typing-s5.json.unreadable, unchanged.",
        "typing-s6.json could not be read as a draft (it is not a draft coach wrote); it was "
        "moved to typing-s6.json.unreadable, unchanged."]
    assert store_in(tmp_path).records() == []


def test_what_is_wrong_with_a_kept_draft_is_said_in_plain_words(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "typing-s7.json").write_text("{not json")
    (tmp_path / "data" / "typing-s8.json").write_bytes(b" " * (typing.MAX_BYTES + 1))
    notices = store_in(tmp_path).check()
    assert notices[0].startswith("typing-s7.json could not be read as a draft (it is not a "
                                 "draft coach wrote (not JSON))")
    assert notices[1].startswith("typing-s8.json could not be read as a draft (it is "
                                 "1,048,577 bytes; a kept draft may be at most 1,048,576 "
                                 "bytes)"), notices
