"""Self-check results over time: bands, real change, and when one is due."""

from __future__ import annotations

from datetime import date

import pytest

from coach.insight.history import Check
from coach.insight.self_checks import (band, change_between, due, due_line, in_range,
                                       last_results, since_last_words,
                                       last_line, last_taken, not_yet_words,
                                       result_line, results, taken_lately)

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(("total", "words"), [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "moderately severe"), (19, "moderately severe"), (20, "severe"),
    (27, "severe")])
def test_phq9_bands_are_the_published_ones(total: int, words: str) -> None:
    assert band("phq9", total) == words


@pytest.mark.parametrize(("total", "words"), [
    (0, "minimal"), (4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"),
    (14, "moderate"), (15, "severe"), (21, "severe")])
def test_gad7_bands_are_the_published_ones(total: int, words: str) -> None:
    assert band("gad7", total) == words


@pytest.mark.parametrize(("form", "earlier", "later", "words"), [
    ("phq9", 12, 7, "better"), ("phq9", 12, 8, "about the same"),
    ("phq9", 7, 12, "worse"), ("phq9", 8, 12, "about the same"), ("phq9", 9, 9, "about the same"),
    ("gad7", 10, 6, "better"), ("gad7", 10, 7, "about the same"),
    ("gad7", 6, 10, "worse"), ("gad7", 7, 10, "about the same")])
def test_a_real_change_is_5_points_on_the_phq9_and_4_on_the_gad7(
        form: str, earlier: int, later: int, words: str) -> None:
    assert change_between(form, earlier, later) == words


def test_each_result_is_compared_with_the_one_of_its_form_before_it() -> None:
    checks = [Check(date(2026, 10, 1), "phq9", 14), Check(date(2026, 10, 2), "gad7", 12),
              Check(date(2026, 10, 15), "phq9", 8), Check(date(2026, 10, 29), "phq9", 7),
              Check(date(2026, 11, 1), "gad7", 16), Check(date(2026, 11, 2), "other", 3)]
    found = results(checks)
    assert list(found) == ["phq9", "gad7"]
    assert [(r.total, r.band, r.change) for r in found["phq9"]] == \
        [(14, "moderate", None), (8, "mild", "better"), (7, "mild", "about the same")]
    assert [(r.total, r.band, r.change) for r in found["gad7"]] == \
        [(12, "moderate", None), (16, "severe", "worse")]
    lines = [result_line(r, TODAY) for r in in_range(checks, date(2026, 10, 20), TODAY)]
    assert lines == ["29 Oct  PHQ-9  7 (mild)  about the same as 15 Oct",
                     "01 Nov  GAD-7  16 (severe)  4 higher than 02 Oct, a real change"]
    assert result_line(found["phq9"][1], TODAY) == \
        "15 Oct  PHQ-9  8 (mild)  6 lower than 01 Oct, a real improvement"
    assert result_line(found["phq9"][0], date(2027, 1, 3)) == \
        "01 Oct 2026  PHQ-9  14 (moderate)  the first"


def test_a_form_is_due_fourteen_days_after_its_last_result_or_when_never_taken() -> None:
    checks = [Check(date(2026, 11, 6), "phq9", 9), Check(date(2026, 11, 9), "gad7", 3)]
    assert due(checks, TODAY) == {"phq9": 16}
    assert due_line(checks, TODAY) == \
        "A PHQ-9 self-check is due (the last was 16 days ago). ^k Self-check"
    assert due(checks, date(2026, 11, 19)) == {}
    assert due_line(checks, date(2026, 11, 19)) is None
    assert due(checks, date(2026, 11, 23)) == {"phq9": 17, "gad7": 14}
    assert due_line([], TODAY) == "PHQ-9 and GAD-7 self-checks are due. ^k Self-check"
    assert due_line(checks[:1], date(2026, 11, 10)) == \
        "A GAD-7 self-check is due (none taken yet). ^k Self-check"


def test_the_last_of_each_form_and_whether_it_was_within_two_weeks() -> None:
    checks = [Check(date(2026, 11, 8), "phq9", 9), Check(date(2026, 11, 14), "phq9", 7),
              Check(date(2026, 11, 2), "gad7", 4), Check(date(2026, 11, 30), "gad7", 3)]
    last = last_taken(checks, TODAY)  # one dated after today (a clock put back) is not last
    assert last == {"phq9": date(2026, 11, 14), "gad7": date(2026, 11, 2)}
    assert taken_lately(last.get("phq9"), TODAY) == 8
    assert taken_lately(last.get("gad7"), TODAY) is None  # 20 days
    assert taken_lately(date(2026, 11, 8), TODAY) is None  # 14 days: due again
    assert taken_lately(date(2026, 11, 9), TODAY) == 13
    assert taken_lately(TODAY, TODAY) == 0
    assert taken_lately(None, TODAY) is None


@pytest.mark.parametrize(("last", "page", "line"), [
    (date(2026, 11, 14),
     "You took the PHQ-9 on 14 Nov, 8 days ago. It asks about the last two weeks, so it tells "
     "you most again from 28 Nov.",
     "Your last PHQ-9 was 8 days ago; taking it again now is fine, it asks about the last two "
     "weeks."),
    (date(2026, 11, 20),
     "You took the PHQ-9 on 20 Nov, 2 days ago. It asks about the last two weeks, so it tells "
     "you most again from 4 Dec.",
     "Your last PHQ-9 was 2 days ago; taking it again now is fine, it asks about the last two "
     "weeks."),
    (date(2026, 11, 21),
     "You took the PHQ-9 yesterday. It asks about the last two weeks, so it tells you most "
     "again from 5 Dec.",
     "Your last PHQ-9 was yesterday; taking it again now is fine, it asks about the last two "
     "weeks."),
    (TODAY,
     "You took the PHQ-9 earlier today. It asks about the last two weeks, so it tells you most "
     "again from 6 Dec.",
     "Your last PHQ-9 was earlier today; taking it again now is fine, it asks about the last "
     "two weeks."),
])
def test_what_is_said_when_a_form_was_taken_lately(last: date, page: str, line: str) -> None:
    assert not_yet_words("phq9", last, TODAY) == page
    assert last_line("phq9", last, TODAY) == line


def test_across_the_new_year_the_year_is_said() -> None:
    assert not_yet_words("gad7", date(2026, 12, 25), date(2027, 1, 2)) == (
        "You took the GAD-7 on 25 Dec 2026, 8 days ago. It asks about the last two weeks, so "
        "it tells you most again from 8 Jan.")


def test_a_total_outside_its_forms_range_or_of_an_unknown_form_is_passed_over() -> None:
    checks = [Check(date(2026, 9, 1), "other", 3), Check(date(2026, 9, 2), "phq9", -1),
              Check(date(2026, 9, 3), "phq9", 0), Check(date(2026, 9, 4), "phq9", 28),
              Check(date(2026, 9, 5), "phq9", 27), Check(date(2026, 9, 6), "gad7", 22),
              Check(date(2026, 9, 7), "gad7", 21)]
    found = results(checks)
    assert {form: [r.total for r in rows] for form, rows in found.items()} == {
        "phq9": [0, 27], "gad7": [21]}


def test_the_range_holds_its_first_and_last_day() -> None:
    checks = [Check(date(2026, 10, d), "phq9", 5) for d in (1, 2, 3, 4, 5)]
    assert [r.day.day for r in in_range(checks, date(2026, 10, 2), date(2026, 10, 4))] == \
        [2, 3, 4]


def test_due_counts_from_the_latest_result_up_to_today_in_whatever_order() -> None:
    late_first = [Check(date(2026, 11, 10), "phq9", 9), Check(date(2026, 10, 1), "phq9", 9)]
    assert due(late_first, TODAY) == {"gad7": None}
    taken_today = [Check(TODAY, "gad7", 3), Check(date(2026, 10, 1), "gad7", 3)]
    assert due(taken_today, TODAY) == {"phq9": None}




def test_under_a_new_total_how_it_compares_with_the_last() -> None:
    checks = [Check(date(2026, 10, 2), "phq9", 3), Check(date(2026, 11, 2), "phq9", 14),
              Check(date(2026, 11, 20), "gad7", 9), Check(date(2026, 11, 30), "phq9", 1)]
    last = last_results(checks, TODAY)  # the one after today is not the last
    assert last == {"phq9": Check(date(2026, 11, 2), "phq9", 14),
                    "gad7": Check(date(2026, 11, 20), "gad7", 9)}
    assert since_last_words("phq9", last["phq9"], 9, TODAY) == \
        "5 lower than your last PHQ-9 (14, on 2 Nov): a real improvement."
    assert since_last_words("phq9", last["phq9"], 10, TODAY) == \
        "About the same as your last PHQ-9 (14, on 2 Nov)."
    assert since_last_words("gad7", last["gad7"], 13, TODAY) == (
        "4 higher than your last GAD-7 (9, on 20 Nov). That can happen; it may help to talk "
        "it over with someone you trust, or with a professional.")
    assert since_last_words("gad7", Check(date(2026, 11, 21), "gad7", 9), 9, TODAY) == \
        "About the same as your last GAD-7 (9, yesterday)."
    assert since_last_words("gad7", None, 9, TODAY) is None


def test_of_two_results_on_one_day_the_later_is_the_last() -> None:
    checks = [Check(date(2026, 11, 20), "phq9", 12), Check(date(2026, 11, 20), "phq9", 7)]
    assert last_results(checks, TODAY) == {"phq9": Check(date(2026, 11, 20), "phq9", 7)}
