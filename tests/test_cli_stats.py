"""`coach stats`: the history screen's figures for scripts, against figures worked by hand."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.cli import cli
from coach.foundation.formats import ALL_FIGURES_VERSION, DIGEST_VERSION
from coach.insight.history import load_history
from coach.insight.overview import overview
from coach.insight.strength import MULTIPLIER
from coach.routine.catalog import load_catalog
from coach.session.run import StepOutcome
from coach.store import Store
from tests.tui.history_data import days_of_mood, late_morning, write_month

M = MULTIPLIER
SUNDAY = date(2026, 11, 22)  # the CLI's pinned day (tests/conftest.py)


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


def small_history(data: Path) -> None:
    """Morning finished Wed, Thu, Sat (not Fri); a PMR rated 7 -> 3 and 5 -> 2; a walk
    predicted 3, enjoyed 6; moods 4 (morning) and 8 (evening) on Thursday."""
    clock = [datetime(2026, 11, 18, 7, tzinfo=timezone.utc)]
    store = Store(data, now=lambda: clock[0], zone=(ZoneInfo("UTC"), "UTC"))

    def step(day: int, hour: int, step_type: str, data_: dict, routine: str = "morning") -> None:  # type: ignore[type-arg]
        at = datetime(2026, 11, day, hour, tzinfo=timezone.utc)
        clock[0] = at
        store.record_step(routine, f"s{day}{hour}", StepOutcome(
            step_type, step_type, "done", at, at + timedelta(minutes=1), data_))

    for day in (18, 19, 21):
        clock[0] = datetime(2026, 11, day, 7, 30, tzinfo=timezone.utc)
        store.record_session("morning", f"m{day}", "finished", weekdays=[0, 1, 2, 3, 4, 5, 6])
    step(19, 7, "mood", {"rating": 4})
    step(19, 21, "mood", {"rating": 8}, "evening")
    step(18, 21, "pmr", {"seconds": 600, "distress_before": 7, "distress_after": 3}, "evening")
    step(20, 21, "pmr", {"seconds": 600, "distress_before": 5, "distress_after": 2}, "evening")
    step(19, 8, "activity_plan", {"activities": [
        {"id": "w", "name": "Walk \x1b[31mred[/]", "time": None, "predicted": 3}]})
    step(19, 20, "activity_review", {"activities": [
        {"id": "w", "name": "Walk", "predicted": 3, "done": True, "pleasure": 6,
         "mastery": 4}]}, "evening")


def test_json_holds_the_figures_worked_by_hand(coach_dirs: dict[str, Path]) -> None:
    small_history(coach_dirs["data"])
    code, output = run("stats", "--json", "--days", "7")
    assert code == 0
    figures = json.loads(output)
    morning = next(r for r in figures["routines"] if r["id"] == "morning")
    # Wed done, Thu done, Fri not, Sat done; Sunday (today) still open.
    s = (((1 - M) * M + (1 - M)) * M) * M + (1 - M)
    assert morning == {"id": "morning", "title": "Morning routine", "scheduled": True,
                       "strength": round(s, 4), "strength_change_30_days": round(s, 4),
                       "current_run": 1, "best_run": 2, "run_unit": "day", "period": None,
                       "done_last_30_days": 3,
                       "strength_weeks": [["2026-11-22", round(s, 4)]]}
    assert figures["today"] == "2026-11-22"
    assert figures["range"] == {"days": 7, "first": "2026-11-16", "last": "2026-11-22"}
    assert figures["mood"] == {"average": 6.0, "morning_average": 4.0, "evening_average": 8.0,
                               "days_with_check_in": 1,
                               "by_day": [{"day": "2026-11-19", "morning": 4.0,
                                           "evening": 8.0, "average": 6.0}]}
    assert figures["before_after"] == [{"exercise": "pmr", "name": "Muscle relaxation",
                                        "before": 6.0, "after": 2.5, "sessions": 2}]
    assert figures["activities"] == {
        "planned": 1, "done": 1, "compared_days": 1, "enjoyed_more_days": 1,
        "enjoyed_as_expected_days": 0, "waiting_today": 0,
        "by_activity": [{"name": "Walk \x1b[31mred[/]", "done": 1, "predicted": 3.0,
                         "pleasure": 6.0, "mastery": 4.0}]}
    assert "\x1b" not in output and "\\u001b[31mred[/]" in output  # escaped, never raw


def test_strength_by_week_is_each_sundays_score_worked_by_hand(
        coach_dirs: dict[str, Path]) -> None:
    """Morning done each day from Sunday 25 October except Mondays: the score at the end of
    each Sunday, in JSON and as a sparkline a character a week."""
    store = Store(coach_dirs["data"], now=lambda: datetime(2026, 11, 22, 12,
                                                            tzinfo=timezone.utc),
                  zone=(ZoneInfo("UTC"), "UTC"))
    first = date(2026, 10, 25)
    done = [first + timedelta(days=n) for n in range(28)
            if (first + timedelta(days=n)).weekday() != 0]
    for day in done:
        store.record_session("morning", f"m{day}", "finished", day=day,
                             weekdays=[0, 1, 2, 3, 4, 5, 6])
    score, by_hand, day = 0.0, {}, first
    while day <= SUNDAY:
        if day < SUNDAY or day in done:
            score = score * M + (1 - M) * (day in done)
        by_hand[day] = score
        day += timedelta(days=1)
    code, output = run("stats", "--json", "--routine", "morning")
    assert code == 0
    weeks = json.loads(output)["routines"][0]["strength_weeks"]
    assert weeks == [[d.isoformat(), round(by_hand[d], 4)]
                     for d in (first + timedelta(weeks=n) for n in range(5))]
    code, output = run("stats", "--routine", "morning")
    spark = "".join("▁▂▃▄▅▆▇█"[min(7, int(8 * score))] for _, score in weeks)
    assert spark == "▁▃▄▅▆"
    assert f"  Each week since 25 Oct 2026: {spark}" in output.splitlines()


def test_text_says_the_same_kindly(coach_dirs: dict[str, Path]) -> None:
    small_history(coach_dirs["data"])
    code, output = run("stats", "--days", "7", "--routine", "morning")
    assert code == 0
    assert output.splitlines()[:3] == [
        "Morning routine",
        f"  Habit strength {round(100 * ((((1 - M) * M + (1 - M)) * M) * M + (1 - M)))}%, "
        "up 14 in 30 days",
        "  Current run: 1 day · best run: 2 days"]
    assert "  Mood: Average 6.0 over 1 day with a check-in (morning 4.0, evening 8.0)" in output
    assert "  Muscle relaxation: 6.0 before, 2.5 after, over 2 sessions" in output
    assert "  Activities: 1 of 1 planned activities done." in output
    assert "Evening wind-down" not in output


def test_a_month_matches_the_history_screens_figures(coach_dirs: dict[str, Path]) -> None:
    write_month(coach_dirs["data"])
    code, output = run("stats", "--json")
    assert code == 0
    figures = json.loads(output)
    expected = overview(load_history(Store(coach_dirs["data"])), load_catalog().routines,
                        SUNDAY, 30)
    for routine in figures["routines"]:
        progress = expected.routines[routine["id"]]
        assert routine["strength"] == (None if progress.strength is None
                                       else round(progress.strength, 4))
        assert (routine["current_run"], routine["best_run"]) == \
            (progress.current_run, progress.best_run)
    assert figures["mood"]["average"] == round(expected.range.mood.average, 4)
    assert figures["activities"]["enjoyed_more_days"] == \
        expected.range.activities.enjoyed_more_days
    code, every = run("stats", "--json", "--all")
    assert json.loads(every)["range"]["days"] is None


def better_and_worse_days(data: Path) -> None:
    """Twelve days: the morning routine finished and a walk on six (mood 8), neither on
    the other six (mood 4, and tidying up)."""
    days_of_mood(data, [8] * 6 + [4] * 6, set(range(6)),
                 {n: "Walk" if n < 6 else "tidy \x1b[2Jup" for n in range(12)})


def test_better_days_in_json_with_the_rule_and_each_side_s_days(
        coach_dirs: dict[str, Path]) -> None:
    better_and_worse_days(coach_dirs["data"])
    for span in ("--days=30", "--all"):
        code, output = run("stats", "--json", span)
        figures = json.loads(output)
        assert figures["version"] == 2
        assert figures["better_days"] == {
            "rule_min_days": 5,
            "activities": [
                {"name": "Walk", "with": {"mood": 8.0, "days": 6},
                 "without": {"mood": 4.0, "days": 6}},
                {"name": "tidy \x1b[2Jup", "with": {"mood": 4.0, "days": 6},
                 "without": {"mood": 8.0, "days": 6}}],
            "routines": [{"id": "morning", "title": "Morning routine",
                          "with": {"mood": 8.0, "days": 6},
                          "without": {"mood": 4.0, "days": 6}}]}
        assert "\x1b" not in output
    code, output = run("stats", "--json", "--days=7")  # 6 and 1 days: too few
    assert json.loads(output)["better_days"] == {"rule_min_days": 5, "activities": [],
                                                 "routines": []}


def test_better_days_in_text_as_the_history_screen_says_them(
        coach_dirs: dict[str, Path]) -> None:
    better_and_worse_days(coach_dirs["data"])
    code, output = run("stats")
    assert "  What goes with better days:\n" \
        "    On days with Walk your mood averaged 8.0 (6 days); on other days 4.0 (6 days).\n" \
        "    On days with tidy \\x1b[2Jup your mood averaged 4.0 (6 days); on other days " \
        "8.0 (6 days).\n" \
        "    Morning routine: finished 8.0 (6 days), not finished 4.0 (6 days).\n" \
        "    Shown when both sides have at least 5 days with a check-in. Days that go " \
        "together, not causes.\n" in output
    code, output = run("stats", "--days=7")
    assert "  What goes with better days:\n    Nothing to compare yet" in output


def test_an_unknown_routine_is_named_with_the_known_ones() -> None:
    code, output = run("stats", "--routine", "mornin")
    assert code == 1
    assert "no routine 'mornin'; did you mean 'morning'?" in output
    assert "Your routines: evening, morning, quick-reset." in output


def test_a_routine_begun_today_and_tonight_s_plan_are_not_counted_as_figures_yet(
        coach_dirs: dict[str, Path], pinned_clock: Any) -> None:
    at = datetime(2026, 11, 22, 7, 10, tzinfo=timezone.utc)  # the CLI's pinned day
    store = Store(coach_dirs["data"], now=lambda: at, zone=(ZoneInfo("UTC"), "UTC"))
    store.record_step("morning", "s1", StepOutcome("mood", "mood", "done", at, at, {"rating": 6}))
    store.record_step("morning", "s1", StepOutcome("plan", "activity_plan", "done", at, at, {
        "activities": [{"id": "w", "name": "Walk", "time": "18:00", "predicted": 5}]}))
    code, output = run("stats", "--routine", "morning")
    assert output.splitlines()[:2] == ["Morning routine", "  Habit strength builds as you go"]
    assert "  Activities: 1 activity planned for today counts once you have reviewed it or the " \
        "day is over.\n" in output and "0 of 1" not in output
    activities = json.loads(run("stats", "--json")[1])["activities"]
    assert (activities["planned"], activities["done"], activities["waiting_today"]) == (0, 0, 1)
    assert json.loads(run("stats", "--json", "--all")[1])["activities"]["waiting_today"] == 1
    pinned_clock.set(datetime(2026, 11, 23, 12, tzinfo=timezone.utc))  # its day is over
    for span in ("--all", "--days=7"):
        activities = json.loads(run("stats", "--json", span)[1])["activities"]
        assert (activities["planned"], activities["done"], activities["waiting_today"]) == \
            (1, 0, 0)


def test_a_late_morning_routine_s_check_in_counts_for_the_morning(
        coach_dirs: dict[str, Path]) -> None:
    late_morning(coach_dirs["data"])
    for span in ("--days=7", "--all"):
        mood = json.loads(run("stats", "--json", span)[1])["mood"]
        assert (mood["morning_average"], mood["evening_average"]) == (4.0, 8.0)
        assert mood["by_day"][0] == {"day": "2026-11-19", "morning": 3.0, "evening": 8.0,
                                     "average": 5.5}
    code, output = run("stats", "--routine", "evening")  # one routine's, split the same way
    assert "  Mood: Average 5.3 over 2 days with a check-in (morning 4.0, evening 8.0)\n" \
        "  Morning and evening go by each routine's time: before 15:00 is morning.\n" in output


def test_no_history_yet() -> None:
    code, output = run("stats")
    assert code == 0
    assert "  Habit strength: not yet" in output
    assert "  Mood: No mood check-ins in this time; the chart fills in as you check in." \
        in output
    code, output = run("stats", "--json")
    assert json.loads(output)["routines"][0]["strength"] is None


@settings(max_examples=300, deadline=None)
@given(st.recursive(
    st.none() | st.booleans() | st.integers(-2**63, 2**64 - 1) | st.text() |
    st.floats(allow_nan=False, allow_infinity=False).map(lambda x: round(x, 4)),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20))
def test_stats_json_is_what_json_dumps_writes(value: object) -> None:
    """The fast writer of `coach stats --json` (orjson, then escapes) writes exactly what
    json.dumps(ensure_ascii=True, indent=2) would: any text, numbers rounded as stats
    rounds them, nesting."""
    from coach.cli.stats import json_text

    for title in ("Tea", "Tea \x7f", "Tea \u202e\x1b[31m \U0001f600 \x7f"):
        document = {"value": value, "title": title}
        assert json_text(document) == json.dumps(document, ensure_ascii=True, indent=2)


def test_digests_kept_by_an_older_coach_are_made_again_with_each_check_in_s_routine(
        coach_dirs: dict[str, Path]) -> None:
    """An older coach kept each check-in's part of the day by the clock only, in its
    digests, the ledger and the figures over all history: none of them is read."""
    late_morning(coach_dirs["data"])
    assert json.loads(run("stats", "--json", "--all")[1])["mood"]["morning_average"] == 4.0
    digests = coach_dirs["data"] / "digests"

    def older(digest: dict) -> dict:  # type: ignore[type-arg]
        return digest | {"v": 3, "mood_parts": {day: [[rating, "e" if day == "2026-11-19"
                                                        else part]
                                                       for rating, part, _ in check_ins]
                                                for day, check_ins in digest["mood_parts"].items()}}
    month = digests / "records-2026-11.json"
    month.write_text(json.dumps(older(json.loads(month.read_text()))))
    ledger = json.loads((digests / "ledger.json").read_text())
    ledger["months"] = {name: older(digest) for name, digest in ledger["months"].items()}
    (digests / "ledger.json").write_text(json.dumps(ledger))
    kept = json.loads((digests / "all-figures.json").read_text())
    kept.pop("parts")
    (digests / "all-figures.json").write_text(json.dumps(kept | {"v": 2}))
    for span in ("--all", "--days=7"):
        mood = json.loads(run("stats", "--json", span)[1])["mood"]
        assert (mood["morning_average"], mood["evening_average"]) == (4.0, 8.0)
    assert json.loads(month.read_text())["v"] == DIGEST_VERSION  # made again
    assert json.loads((digests / "all-figures.json").read_text())["v"] == ALL_FIGURES_VERSION


def test_self_checks_over_all_history_with_band_and_change(coach_dirs: dict[str, Path]) -> None:
    """Every result, whatever the range, with its band and change; never the answers. The
    text says the latest of each form."""
    from tests.tui.self_check_data import write_checks

    write_checks(coach_dirs["data"], [(date(2026, 5, 1), "phq9", 16),
                                      (date(2026, 10, 29), "phq9", 8),
                                      (date(2026, 11, 12), "phq9", 7)])
    write_checks(coach_dirs["data"], [(date(2026, 11, 15), "gad7", 11)], routine="morning")
    code, output = run("stats", "--json", "--days", "7")
    assert code == 0
    figures = json.loads(output)
    assert figures["version"] == 2
    assert figures["self_checks"] == {
        "phq9": [{"day": "2026-05-01", "total": 16, "band": "moderately severe", "change": None},
                 {"day": "2026-10-29", "total": 8, "band": "mild", "change": "better"},
                 {"day": "2026-11-12", "total": 7, "band": "mild", "change": "about the same"}],
        "gad7": [{"day": "2026-11-15", "total": 11, "band": "moderate", "change": None}]}
    assert "answers" not in output and "difficulty" not in output
    code, output = run("stats")
    assert code == 0
    assert "Self-checks, the latest:\n" \
        "  PHQ-9: 7 (mild) on 12 Nov 2026, about the same as 29 Oct\n" \
        "  GAD-7: 11 (moderate) on 15 Nov 2026, the first\n" \
        "  A self-check, not a diagnosis: something to bring to a professional.\n" in output


def test_no_self_checks_yet_says_nothing_of_them(coach_dirs: dict[str, Path]) -> None:
    small_history(coach_dirs["data"])
    assert "Self-check" not in run("stats")[1]
    assert json.loads(run("stats", "--json")[1])["self_checks"] == {"phq9": [], "gad7": []}


def rated_exercises(data: Path) -> Store:
    """A routine's muscle relaxation rated three times (7 -> 3, 6 -> 2, 5 -> 2), grounding
    from "need something now" once (8 -> 6) and slow breathing once (6 -> 6), a breathing
    step since gone from its routine (5 -> 4), and the short muscle relaxation set aside
    as not for me."""
    clock = [datetime(2026, 10, 1, tzinfo=timezone.utc)]
    store = Store(data, now=lambda: clock[0], zone=(ZoneInfo("UTC"), "UTC"))

    def rated(day: date, routine: str, step_id: str, step_type: str, before: int,
              after: int) -> None:
        at = datetime(day.year, day.month, day.day, 20, tzinfo=timezone.utc)
        clock[0] = at
        data = {"see": ["lamp"]} if step_type == "grounding" else {"seconds": 300}
        if routine == "_now":
            data["exercise"] = step_id
        store.record_step(routine, f"{routine}-{day}", StepOutcome(
            step_id, step_type, "done", at, at + timedelta(minutes=5),
            {**data, "distress_before": before, "distress_after": after}), day=day)

    rated(date(2026, 10, 5), "evening", "gone-breathing", "breathing", 5, 4)
    rated(date(2026, 11, 1), "_now", "coach:breathing", "breathing", 6, 6)
    for day, before, after in ((10, 7, 3), (12, 6, 2), (20, 5, 2)):
        rated(date(2026, 11, day), "evening", "evening-pmr", "pmr", before, after)
    rated(date(2026, 11, 21), "_now", "coach:grounding", "grounding", 8, 6)
    (data / "not-for-me.json").write_text('{"keys": ["coach:pmr"]}')
    return store


def test_exercises_hold_what_the_suggestions_rest_on(coach_dirs: dict[str, Path]) -> None:
    """Every exercise "need something now" can offer, then those rated that it no longer
    can (name null), over all history whatever the range; suggested_now is the screen's
    order today."""
    from coach.insight.history import history_of_ledger
    from coach.insight.not_for_me import NotForMe
    from coach.insight.suggest import suggest
    from coach.routine.now_exercises import now_exercises

    store = rated_exercises(coach_dirs["data"])
    code, output = run("stats", "--json", "--days", "7")
    assert code == 0
    figures = json.loads(output)

    def never(key: str, name: str, aside: bool = False) -> dict[str, Any]:
        return {"key": key, "name": name, "sessions": 0, "before": None, "after": None,
                "drop": None, "last_day": None, "not_for_me": aside}

    assert figures["exercises"] == [
        {"key": "coach:breathing", "name": "Slow breathing", "sessions": 1, "before": 6.0,
         "after": 6.0, "drop": 0.0, "last_day": "2026-11-01", "not_for_me": False},
        {"key": "coach:grounding", "name": "Grounding: 5-4-3-2-1", "sessions": 1,
         "before": 8.0, "after": 6.0, "drop": 2.0, "last_day": "2026-11-21",
         "not_for_me": False},
        never("coach:pmr", "Short muscle relaxation", aside=True),
        never("morning/morning-breathing", "Slow breathing"),
        {"key": "evening/evening-pmr", "name": "Progressive muscle relaxation", "sessions": 3,
         "before": 6.0, "after": 2.3333, "drop": 3.6667, "last_day": "2026-11-20",
         "not_for_me": False},
        never("quick-reset/quick-reset-breathing", "Slow breathing, long out-breath"),
        never("quick-reset/quick-reset-grounding", "5-4-3-2-1 grounding"),
        {"key": "evening/gone-breathing", "name": None, "sessions": 1, "before": 5.0,
         "after": 4.0, "drop": 1.0, "last_day": "2026-10-05", "not_for_me": False}]
    assert figures["suggested_now"] == ["evening/evening-pmr", "coach:grounding",
                                        "morning/morning-breathing"]
    offered = suggest(now_exercises(load_catalog().ordered()),
                      history_of_ledger(store.ledger()).rated, SUNDAY,
                      NotForMe(coach_dirs["data"]).keys)
    assert figures["suggested_now"] == [s.exercise.key for s in offered]
    assert json.loads(run("stats", "--json", "--all")[1])["exercises"] == figures["exercises"]


def test_no_exercise_rated_yet_suggests_the_first_three(coach_dirs: dict[str, Path]) -> None:
    figures = json.loads(run("stats", "--json")[1])
    assert [e["sessions"] for e in figures["exercises"]] == [0] * 7
    assert figures["suggested_now"] == ["coach:breathing", "coach:grounding", "coach:pmr"]


def test_year_holds_each_day_s_mood_as_the_history_screen_shades_it(
        coach_dirs: dict[str, Path]) -> None:
    """From the 1st of the month eleven months back to today: a day's check-ins averaged
    and rounded half up (4 and 5 show as 5, 6 and 7 as 7), null without one."""
    clock = [datetime(2025, 11, 1, tzinfo=timezone.utc)]
    store = Store(coach_dirs["data"], now=lambda: clock[0], zone=(ZoneInfo("UTC"), "UTC"))
    for day, hour, rating in ((date(2025, 11, 30), 8, 9),  # before the year shown
                              (date(2025, 12, 1), 8, 3),
                              (date(2026, 11, 19), 8, 4), (date(2026, 11, 19), 20, 5),
                              (date(2026, 11, 21), 8, 6), (date(2026, 11, 21), 20, 7)):
        at = datetime(day.year, day.month, day.day, hour, tzinfo=timezone.utc)
        clock[0] = at
        store.record_step("evening" if hour > 12 else "morning", f"s{day}{hour}",
                          StepOutcome("mood", "mood", "done", at, at, {"rating": rating}),
                          day=day)
    for span in ("--days=7", "--all"):
        year = json.loads(run("stats", "--json", span)[1])["year"]
        assert (year["first"], year["last"]) == ("2025-12-01", "2026-11-22")
        moods = year["moods"]
        assert len(moods) == (SUNDAY - date(2025, 12, 1)).days + 1
        assert moods[0] == 3 and moods[-4:] == [5, None, 7, None]
        assert moods.count(None) == len(moods) - 3


def test_json_says_a_flexible_routine_s_runs_and_period_in_its_terms(
        coach_dirs: dict[str, Path]) -> None:
    coach_dirs["routines"].mkdir(parents=True, exist_ok=True)
    (coach_dirs["routines"] / "walk.yaml").write_text(
        "title: Walk\nschedule: {at: '18:00', days: {times: 3, per: week}}\n"
        "steps:\n  - type: mood\n")
    store = Store(coach_dirs["data"])
    store.record_session("walk", "s1", "finished", day=date(2026, 11, 16))
    store.mark_day("walk", date(2026, 11, 18), "done")
    walk = next(r for r in json.loads(run("stats", "--json")[1])["routines"]
                if r["id"] == "walk")
    assert (walk["run_unit"], walk["period"], walk["current_run"]) == \
        ("week", "2 of 3 this week", 0)
