"""What goes with better days: the day's mood with and without each activity and routine."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from coach.insight.better_days import (MIN_DAYS, BetterDays, Side, better_days,
                                       better_first, day_moods)
from coach.insight.history import Plan, Review, RoutineRecords

FIRST = date(2026, 10, 1)


def day(n: int) -> date:
    return FIRST + timedelta(days=n)


def moods_of(ratings: dict[int, list[int]]) -> dict[date, list[tuple[int, str, str]]]:
    return {day(n): [(r, "e", "evening") for r in rs] for n, rs in ratings.items()}


def activity(name: str, days: list[int], done: bool = True, tag: str = ""
             ) -> tuple[dict[str, Plan], dict[str, Review]]:
    plans = {f"{name}{tag}{n}": Plan(name, 5, day(n)) for n in days}
    reviews = {f"{name}{tag}{n}": Review(done, 6, 6, day(n)) for n in days}
    return plans, reviews


def figures(moods: dict[date, list[tuple[int, str, str]]], *activities: tuple[dict, dict],
            routines: dict[str, RoutineRecords] | None = None, last: int = 29) -> BetterDays:
    plans: dict[str, Plan] = {}
    reviews: dict[str, Review] = {}
    for p, r in activities:
        plans |= p
        reviews |= r
    return better_days(moods, plans, reviews, routines or {}, FIRST, day(last))


def test_a_days_mood_is_the_average_of_its_check_ins() -> None:
    moods = moods_of({0: [4, 7], 1: [5], 3: []})
    assert day_moods(moods, FIRST, day(2)) == {day(0): 5.5, day(1): 5.0}


def test_exact_averages_with_and_without_an_activity() -> None:
    # A walk on days 0-4 (moods 6,6,7,7,9 and day 0 has two check-ins, 5 and 7);
    # no walk on days 5-9 (moods 4,4,5,3,4); day 10 has no check-in and a walk.
    moods = moods_of({0: [5, 7], 1: [6], 2: [7], 3: [7], 4: [9],
                      5: [4], 6: [4], 7: [5], 8: [3], 9: [4]})
    found = figures(moods, activity("Walk", [0, 1, 2, 3, 4, 10]))
    [line] = found.activities
    assert line.name == "Walk"
    assert line.with_ == Side((6 + 6 + 7 + 7 + 9) / 5, 5)
    assert line.without == Side((4 + 4 + 5 + 3 + 4) / 5, 5)
    assert line.difference == (35 - 20) / 5
    assert found.mood_days == 10


def test_an_activity_counts_only_when_reviewed_as_done() -> None:
    moods = moods_of({n: [5] for n in range(12)})
    plans, reviews = activity("Walk", [0, 1, 2, 3, 4])
    not_done = activity("Walk", [5, 6], done=False, tag="x")
    found = figures(moods, (plans, reviews), not_done)
    assert found.activities[0].with_.days == 5
    assert found.activities[0].without.days == 7
    unreviewed = ({**plans, "later": Plan("Walk", 5, day(8))}, reviews)
    assert figures(moods, unreviewed).activities[0].with_.days == 5


def test_five_days_on_each_side_are_needed_four_are_not() -> None:
    moods = moods_of({n: [5 + n % 2] for n in range(10)})
    assert figures(moods, activity("Read", [0, 1, 2, 3, 4])).activities  # 5 and 5
    assert MIN_DAYS == 5
    assert figures(moods, activity("Read", [0, 1, 2, 3])).activities == ()  # 4 with
    assert figures(moods, activity("Read", [0, 1, 2, 3, 4, 5])).activities == ()  # 4 without


def test_names_are_grouped_by_case_and_spacing_and_shown_as_last_spelled() -> None:
    moods = moods_of({n: [5] for n in range(12)})
    found = figures(moods, activity("walk", [0, 1]), activity(" Walk ", [2, 3], tag="b"),
                    activity("WALK  ", [4], tag="c"))
    [line] = found.activities
    assert line.with_.days == 5
    assert line.name == "WALK  "  # the person's latest spelling, as written


def test_routines_by_the_days_they_were_finished_and_reserved_ids_are_skipped() -> None:
    moods = moods_of({n: [8 if n < 6 else 4] for n in range(12)})
    finished = RoutineRecords(finished={day(n) for n in range(6)})
    found = figures(moods, routines={"morning": finished, "_now": finished,
                                     "_check": finished})
    assert [line.name for line in found.routines] == ["morning"]
    assert found.routines[0].with_ == Side(8.0, 6)
    assert found.routines[0].without == Side(4.0, 6)


def test_lines_are_sorted_by_the_difference_largest_first() -> None:
    moods = moods_of({n: [n % 10] for n in range(20)})
    found = figures(moods, activity("Low", [0, 1, 2, 10, 11]), activity("High", [5, 6, 7, 8, 9]),
                    activity("Middle", [3, 4, 5, 13, 14], tag="m"))
    assert [line.name for line in found.activities] == ["High", "Middle", "Low"]
    assert found.activities[-1].difference < 0


def test_days_outside_the_range_do_not_count() -> None:
    moods = moods_of({n: [5] for n in range(-5, 15)})
    found = figures(moods, activity("Walk", [-3, -2, 0, 1, 2, 3, 4]), last=9)
    assert found.activities[0].with_.days == 5
    assert found.mood_days == 10


def test_better_first_moves_names_that_went_with_better_days_to_the_front() -> None:
    moods = moods_of({n: [8 if n < 5 else 4] for n in range(12)})
    found = figures(moods, activity("Call Sam", [0, 1, 2, 3, 4]),
                    activity("Tidy up", [5, 6, 7, 8, 9]))
    ideas = ["Tidy up", "Walk", "call sam", "Read"]
    assert better_first(ideas, found) == ["call sam", "Tidy up", "Walk", "Read"]
    assert better_first(ideas, figures(moods)) == ideas


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.integers(0, 40), st.lists(st.integers(0, 10), max_size=3),
                       max_size=41),
       st.lists(st.tuples(st.sampled_from(["walk", "Walk", "read", "call"]),
                          st.integers(0, 40), st.booleans()), max_size=60),
       st.sets(st.integers(0, 40)))
def test_the_two_sides_partition_the_days_with_a_mood(
        ratings: dict[int, list[int]], done: list[tuple[str, int, bool]],
        finished: set[int]) -> None:
    moods = moods_of(ratings)
    plans = {f"a{i}": Plan(name, None, day(n)) for i, (name, n, _) in enumerate(done)}
    reviews = {f"a{i}": Review(ok, None, None, day(n)) for i, (_, n, ok) in enumerate(done)}
    routines = {"r": RoutineRecords(finished={day(n) for n in finished})}
    found = better_days(moods, plans, reviews, routines, FIRST, day(40))
    by_day = day_moods(moods, FIRST, day(40))
    assert found.mood_days == len(by_day)
    for line in (*found.activities, *found.routines):
        assert line.with_.days + line.without.days == len(by_day)
        assert min(line.with_.days, line.without.days) >= MIN_DAYS
        total = line.with_.mood * line.with_.days + line.without.mood * line.without.days
        assert abs(total - sum(by_day.values())) < 1e-9


def test_only_a_difference_above_nothing_is_a_better_day() -> None:
    moods = moods_of({n: [4 if n % 2 else 6] for n in range(20)})
    found = figures(moods, activity("Same", [0, 1, 2, 3, 4, 5]),  # 3 of each: 5.0 and 5.0
                    activity("Half", [0, 2, 4, 6, 9], tag="h"),  # 5.6 against 4.8
                    activity("Worse", [1, 3, 5, 7, 9], tag="w"))
    assert {line.name: round(line.difference, 2) for line in found.activities} == {
        "Half": 0.8, "Same": 0.0, "Worse": -1.33}
    assert found.with_better_days() == ["Half"]


def test_the_last_day_of_the_range_counts() -> None:
    moods = moods_of({n: [5] for n in range(10)})
    found = figures(moods, activity("Walk", [5, 6, 7, 8, 9]), last=9)
    assert found.activities[0].with_.days == 5


def test_a_review_without_its_plan_or_without_a_name_is_passed_over() -> None:
    moods = moods_of({n: [5] for n in range(10)})
    blank = activity("  ", [0, 1, 2, 3, 4], tag="blank")
    plans, reviews = activity("Walk", [0, 1, 2, 3, 4])
    orphan = {"gone": Review(True, 6, 6, day(5))}
    found = figures(moods, blank, (plans, {**orphan, **reviews}))
    assert [(line.name, line.with_.days) for line in found.activities] == [("Walk", 5)]


def test_the_name_is_the_latest_in_the_range_and_the_last_written_on_one_day() -> None:
    moods = moods_of({n: [5] for n in range(10)})
    plans = {"a": Plan("walk", 5, day(0)), "b": Plan("Walk", 5, day(4)),
             "c": Plan("WALK", 5, day(4)), "d": Plan("Walk!", 5, day(12))}
    plans |= {f"x{n}": Plan("walk", 5, day(n)) for n in (1, 2, 3)}
    reviews = {key: Review(True, 6, 6, plan.day) for key, plan in plans.items()}
    found = better_days(moods, plans, reviews, {}, FIRST, day(9))
    assert [line.name for line in found.activities] == ["WALK"]
