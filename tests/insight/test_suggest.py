"""Suggestions for "I need something now": from the person's own before and after ratings."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from coach.insight.history import Rated
from coach.insight.not_for_me import NOT_FOR_ME_FILE_NAME, NotForMe
from coach.insight.suggest import Tried, came_down, change_sentence, suggest, what_it_did
from coach.routine.catalog import load_catalog
from coach.routine.now_exercises import SHIPPED, Exercise, now_exercises
from coach.routine.steps.breathing import BreathingStep

TODAY = date(2026, 11, 22)
MINE = Exercise("evening/calm", BreathingStep(id="calm", title="My calm breathing"), "Evening")
EXERCISES = [*SHIPPED, MINE]


def rated(key: str, drops: list[int], days_ago: int = 1) -> list[Rated]:
    day = TODAY - timedelta(days=days_ago)
    return [Rated(day, "breathing", 8, 8 - drop, key) for drop in drops]


#: Each shipped exercise known to help, tried yesterday.
SHIPPED_HELPED_LATELY = (rated("coach:breathing", [3, 3, 3]) + rated("coach:grounding", [2, 2, 2])
                         + rated("coach:pmr", [1, 1, 1]))


def keys(found: list) -> list[str]:  # type: ignore[type-arg]
    return [s.exercise.key for s in found]


@pytest.mark.parametrize(("history", "winner"), [
    (rated("coach:breathing", [1, 2, 1]) + rated("coach:grounding", [4, 3, 4])
     + rated("coach:pmr", [2, 2, 2]) + rated("evening/calm", [0, 1, 0], 20), "coach:grounding"),
    (rated("coach:breathing", [1, 1, 1]) + rated("coach:grounding", [0, 1, 0])
     + rated("coach:pmr", [5, 4, 3]) + rated("evening/calm", [1, 0, 0], 20), "coach:pmr"),
    (rated("coach:breathing", [1, 2, 1]) + rated("coach:grounding", [1, 1, 1])
     + rated("coach:pmr", [0, 0, 1]) + rated("evening/calm", [3, 4, 3, 5]), "evening/calm"),
])
def test_what_helped_this_person_most_comes_first(history: list[Rated], winner: str) -> None:
    found = suggest(EXERCISES, history, TODAY)
    assert len(found) == 3 and keys(found)[0] == winner
    assert found[0].reason.startswith("lowered your distress by ")


def test_each_average_says_what_it_rests_on() -> None:
    history = rated("coach:grounding", [3, 2, 3, 2, 3, 1]) + rated("coach:pmr", [2, 1])
    found = {s.exercise.key: s.reason for s in suggest(EXERCISES, history, TODAY)}
    assert found["coach:grounding"] == "lowered your distress by 2.3 on average, 6 times"
    assert found["coach:pmr"] == ("lowered your distress by 1.5 on average, twice; "
                                  "few sessions so far")


def test_one_not_tried_lately_always_has_a_place() -> None:
    history = SHIPPED_HELPED_LATELY + rated("evening/calm", [1, 0, 1], days_ago=15)
    found = suggest(EXERCISES, history, TODAY)
    assert keys(found) == ["coach:breathing", "coach:grounding", "evening/calm"]
    assert found[2].reason == ("you have not tried this lately; it lowered your distress by "
                               "0.7 on average, 3 times")
    never = suggest([*EXERCISES, Exercise("m/g", MINE.step, "Morning")], history[:9], TODAY)
    assert keys(never)[2] == "evening/calm"
    assert never[2].reason == "you have not tried this yet"


def test_without_history_breathing_then_grounding_then_muscle_relaxation() -> None:
    found = suggest(now_exercises(load_catalog().routines.values()), [], TODAY)
    assert keys(found) == ["coach:breathing", "coach:grounding", "coach:pmr"]
    assert [s.reason for s in found] == [
        "a good first thing to try: slow breaths settle the body",
        "brings you back to here and now, one sense at a time",
        "lets tension go from the body, a group of muscles at a time"]


def test_not_for_me_is_never_suggested_and_two_candidates_show_two() -> None:
    history = rated("coach:grounding", [5, 5, 5])
    found = suggest(SHIPPED, history, TODAY, not_for_me={"coach:grounding"})
    assert keys(found) == ["coach:breathing", "coach:pmr"]


def test_the_change_is_said_kindly() -> None:
    assert change_sentence(8, 5) == "Your distress went from 8 to 5."
    assert change_sentence(6, 6) == ("About the same as before; that happens, and trying was "
                                     "worth it.")
    assert change_sentence(5, 7) == ("A little higher than before (5 to 7). That happens on "
                                     "hard days, and trying was worth it.")
    assert change_sentence(None, 3) == "Thank you for taking this time for yourself."
    assert change_sentence(4, None) == "Thank you for taking this time for yourself."


def test_a_rating_came_down_only_when_both_are_known_and_the_second_is_lower() -> None:
    assert came_down(6, 4)
    assert not came_down(4, 4) and not came_down(4, 6)
    assert not came_down(None, 4) and not came_down(6, None) and not came_down(None, None)


def test_not_for_me_is_kept_privately_and_a_damaged_file_reads_as_empty(tmp_path: Path) -> None:
    marks = NotForMe(tmp_path)
    assert marks.add("coach:pmr") and marks.add("evening/calm")
    assert NotForMe(tmp_path).keys == ["coach:pmr", "evening/calm"]
    assert (tmp_path / NOT_FOR_ME_FILE_NAME).stat().st_mode & 0o777 == 0o600
    assert marks.remove("coach:pmr") and NotForMe(tmp_path).keys == ["evening/calm"]
    (tmp_path / NOT_FOR_ME_FILE_NAME).write_text("{not json")
    assert NotForMe(tmp_path).keys == []
    (tmp_path / NOT_FOR_ME_FILE_NAME).unlink()
    (tmp_path / "elsewhere.json").write_text('{"keys": ["coach:breathing"]}')
    (tmp_path / NOT_FOR_ME_FILE_NAME).symlink_to(tmp_path / "elsewhere.json")
    assert NotForMe(tmp_path).keys == []  # a link is never followed
    NotForMe(tmp_path).add("coach:pmr")
    assert not (tmp_path / NOT_FOR_ME_FILE_NAME).is_symlink()
    assert (tmp_path / "elsewhere.json").read_text() == '{"keys": ["coach:breathing"]}'


def test_the_shipped_exercises_are_valid_steps() -> None:
    assert [e.key for e in SHIPPED] == ["coach:breathing", "coach:grounding", "coach:pmr"]
    assert not [f for e in SHIPPED for f in e.step.check()]
    assert all(getattr(e.step, "length_seconds", 120) <= 150 for e in SHIPPED)


def tried(sessions: int, drop: float) -> Tried:
    return Tried(sessions, drop, TODAY, 8.0, 8.0 - drop)


@pytest.mark.parametrize(("seen", "words"), [
    (tried(1, 3.0), "lowered your distress by 3.0, once; few sessions so far"),
    (tried(1, 1.0), "lowered your distress by 1.0, once; few sessions so far"),
    (tried(4, 1.25), "lowered your distress by 1.2 on average, 4 times"),
    (tried(3, -0.5), "your distress was 0.5 higher after it on average, 3 times"),
    (tried(2, -2.0), "your distress was 2.0 higher after it on average, twice; "
                     "few sessions so far"),
    (tried(1, 0.0), "your distress stayed about the same on average, once; "
                    "few sessions so far"),
    # An average within 0.05 of nothing (1 point over 20 sessions) is about the same.
    (tried(20, 0.05), "your distress stayed about the same on average, 20 times"),
    (tried(20, -0.05), "your distress stayed about the same on average, 20 times"),
])
def test_what_an_exercise_did_in_plain_words(seen: Tried, words: str) -> None:
    assert what_it_did(seen) == words


def test_each_suggestion_carries_what_the_ratings_say_of_it() -> None:
    history = rated("coach:grounding", [3, 1], days_ago=2)
    found = {s.exercise.key: s.tried for s in suggest(SHIPPED, history, TODAY)}
    assert found == {"coach:grounding": Tried(2, 2.0, TODAY - timedelta(days=2), 8.0, 6.0),
                     "coach:breathing": None, "coach:pmr": None}


def test_three_sessions_make_an_exercise_known_and_known_help_comes_first() -> None:
    history = rated("coach:pmr", [1, 1, 1]) + rated("coach:grounding", [4, 4])
    assert keys(suggest(SHIPPED, history, TODAY)) == [
        "coach:pmr", "coach:grounding", "coach:breathing"]



def test_what_helped_comes_first_then_the_untried_then_what_did_not_help() -> None:
    history = (rated("coach:pmr", [0, 0, 0]) + rated("coach:grounding", [1])
               + rated("evening/calm", [0]))
    assert keys(suggest([MINE, *SHIPPED], history, TODAY)) == [
        "coach:grounding", "coach:breathing", "evening/calm"]


def test_among_few_sessions_and_among_no_help_the_larger_drop_comes_first() -> None:
    few = rated("coach:pmr", [1]) + rated("coach:grounding", [3])
    assert keys(suggest(SHIPPED, few, TODAY)) == ["coach:grounding", "coach:pmr",
                                                  "coach:breathing"]
    no_help = (rated("coach:pmr", [2, 2, 2]) + rated("coach:breathing", [-1, -1, -1])
               + rated("coach:grounding", [-3]))
    assert keys(suggest(SHIPPED, no_help, TODAY)) == ["coach:pmr", "coach:breathing",
                                                      "coach:grounding"]


def test_without_history_the_default_order_holds_whatever_order_they_come_in() -> None:
    found = suggest([MINE, *reversed(SHIPPED)], [], TODAY)
    assert keys(found) == ["coach:breathing", "coach:grounding", "coach:pmr"]


def test_without_history_a_routines_own_step_and_one_without_words_say_so() -> None:
    plain = Exercise("coach:plain", MINE.step)
    found = suggest([MINE, plain], [], TODAY)
    assert [s.reason for s in found] == ["a step from your own routine",
                                         "a good first thing to try"]


@pytest.mark.parametrize(("days_ago", "offered"), [(14, False), (15, True)])
def test_not_tried_lately_means_more_than_14_days_ago(days_ago: int, offered: bool) -> None:
    history = SHIPPED_HELPED_LATELY + rated("evening/calm", [1, 0, 1], days_ago)
    assert ("evening/calm" in keys(suggest(EXERCISES, history, TODAY))) is offered


def test_not_tried_lately_and_it_did_not_help_says_so_in_brackets() -> None:
    history = SHIPPED_HELPED_LATELY + rated("evening/calm", [1] + [0] * 19,  # 0.05 on average
                                            days_ago=20)
    found = suggest(EXERCISES, history, TODAY)
    assert found[2].reason == ("you have not tried this lately (your distress stayed about "
                               "the same on average, 20 times)")


def test_a_rating_just_given_joins_what_the_ratings_said() -> None:
    from coach.insight.suggest import Tried, with_rating

    earlier = {"coach:pmr": Tried(2, 1.5, date(2026, 11, 1), 6.0, 4.5)}
    now = with_rating(earlier, "coach:pmr", date(2026, 11, 20), 9, 3)
    assert now["coach:pmr"] == Tried(3, 3.0, date(2026, 11, 20), 7.0, 4.0)
    assert earlier["coach:pmr"].sessions == 2  # the one given is left as it was
    first = with_rating(now, "coach:grounding", date(2026, 11, 20), 8, 5)
    assert first["coach:grounding"] == Tried(1, 3.0, date(2026, 11, 20), 8.0, 5.0)
    assert first["coach:pmr"] == now["coach:pmr"]
    older = with_rating(now, "coach:pmr", date(2026, 10, 1), 5, 5)
    assert older["coach:pmr"].last == date(2026, 11, 20)  # the latest day stays the last
