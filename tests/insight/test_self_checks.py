"""Self-check results over time: bands, real change, and when one is due."""

from __future__ import annotations

from datetime import date

import pytest

from coach.insight.history import Check
from coach.insight.self_checks import (band, change_between, due, due_line, in_range,
                                       result_line, results)

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
