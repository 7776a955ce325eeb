"""The PHQ-9 and GAD-7 against their published scoring tables."""

from __future__ import annotations

import pytest

from coach.practice.questionnaires import (
    ANSWERS,
    DIFFICULTY_ANSWERS,
    FORMS,
    GAD7,
    PHQ9,
    band,
    change_between,
    needs_follow_up,
    result_words,
    total,
)

# Kroenke et al. 2001 (PHQ-9) and Spitzer et al. 2006 (GAD-7): every total and its band.
PHQ9_TABLE = {**{t: "minimal" for t in range(0, 5)}, **{t: "mild" for t in range(5, 10)},
              **{t: "moderate" for t in range(10, 15)},
              **{t: "moderately severe" for t in range(15, 20)},
              **{t: "severe" for t in range(20, 28)}}
GAD7_TABLE = {**{t: "minimal" for t in range(0, 5)}, **{t: "mild" for t in range(5, 10)},
              **{t: "moderate" for t in range(10, 15)}, **{t: "severe" for t in range(15, 22)}}


@pytest.mark.parametrize(("form", "table"), [(PHQ9, PHQ9_TABLE), (GAD7, GAD7_TABLE)])
def test_every_total_falls_in_its_published_band(form, table):
    assert form.max_total == max(table)
    for score, expected in table.items():
        assert band(form, score) == expected, score


@pytest.mark.parametrize(("form", "boundaries"), [
    (PHQ9, [(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
            (15, "moderately severe"), (19, "moderately severe"), (20, "severe")]),
    (GAD7, [(4, "minimal"), (5, "mild"), (9, "mild"), (10, "moderate"), (14, "moderate"),
            (15, "severe")]),
])
def test_each_boundary_of_each_band(form, boundaries):
    for score, expected in boundaries:
        assert band(form, score) == expected


@pytest.mark.parametrize("form", [PHQ9, GAD7])
def test_totals_zero_and_max(form):
    assert total(form, [0] * len(form.items)) == 0
    assert total(form, [3] * len(form.items)) == form.max_total
    assert band(form, 0) == "minimal"
    assert band(form, form.max_total) == "severe"
    assert form.max_total == {"phq9": 27, "gad7": 21}[form.key]


def test_the_total_is_the_sum():
    assert total(PHQ9, [0, 1, 2, 3, 0, 1, 2, 3, 0]) == 12
    assert total(GAD7, [1, 1, 1, 1, 1, 1, 1]) == 7


@pytest.mark.parametrize("form", [PHQ9, GAD7])
@pytest.mark.parametrize("delta", [-1, 1])
def test_a_wrong_number_of_answers_is_refused(form, delta):
    given = len(form.items) + delta
    with pytest.raises(ValueError) as refused:
        total(form, [0] * given)
    assert str(refused.value) == (f"the {form.name} has {len(form.items)} items; {given} "
                                  "answers were given")


@pytest.mark.parametrize("answer", [-1, 4, 1.5, True, "2", None])
def test_an_answer_outside_0_to_3_is_refused(answer):
    with pytest.raises(ValueError, match="0, 1, 2 or 3"):
        total(GAD7, [0] * 6 + [answer])


@pytest.mark.parametrize("score", [-1, 28])
def test_a_total_outside_the_range_has_no_band(score):
    with pytest.raises(ValueError) as refused:
        band(PHQ9, score)
    assert str(refused.value) == f"a PHQ-9 total is 0 to 27; found {score}"
    with pytest.raises(ValueError, match="a GAD-7 total is 0 to 21; found 22"):
        band(GAD7, 22)


def test_item_9_above_0_needs_follow_up_whatever_the_total():
    assert needs_follow_up([0] * 8 + [1])
    assert needs_follow_up([0] * 8 + [3])
    assert not needs_follow_up([3] * 8 + [0])  # severe total, item 9 at 0
    with pytest.raises(ValueError):
        needs_follow_up([0] * 7 + [1])  # a GAD-7's count of answers


@pytest.mark.parametrize(("form", "earlier", "later", "expected"), [
    ("phq9", 12, 7, "better"), ("phq9", 12, 8, "about the same"),
    ("phq9", 7, 12, "worse"), ("phq9", 8, 12, "about the same"), ("phq9", 10, 10, "about the same"),
    ("gad7", 12, 8, "better"), ("gad7", 12, 9, "about the same"),
    ("gad7", 8, 12, "worse"), ("gad7", 9, 12, "about the same"),
])
def test_a_real_change_is_5_points_on_the_phq9_and_4_on_the_gad7(form, earlier, later, expected):
    assert change_between(form, earlier, later) == expected
    assert change_between(FORMS[form], earlier, later) == expected


def test_the_forms_word_for_word():
    assert PHQ9.stem == ("Over the last 2 weeks, how often have you been bothered by any of "
                         "the following problems?")
    assert PHQ9.items == (
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way")
    assert GAD7.stem == ("Over the last 2 weeks, how often have you been bothered by the "
                         "following problems?")
    assert GAD7.items == (
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen")
    assert len(PHQ9.items) == 9 and len(GAD7.items) == 7
    assert ANSWERS == ("Not at all", "Several days", "More than half the days",
                       "Nearly every day")
    assert DIFFICULTY_ANSWERS == ("Not difficult at all", "Somewhat difficult",
                                  "Very difficult", "Extremely difficult")
    assert PHQ9.asks_difficulty and not GAD7.asks_difficulty


def test_result_words():
    assert result_words(PHQ9, 7) == "Your total: 7 of 27, in the mild range."
    assert result_words(GAD7, 15) == "Your total: 15 of 21, in the severe range."
