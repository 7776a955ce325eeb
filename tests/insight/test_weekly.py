"""The weekly Markdown summary: titles, days lived, strength at the week's end, before and after."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner

from coach.cli import cli
from coach.insight.history import load_history
from coach.insight.overview import progress_of
from coach.insight.weekly import WeeklySummary
from coach.routine.catalog import RoutineDir, load_catalog
from coach.store import Store
from tests.test_cli_stats import M, small_history


def test_the_week_by_title_with_strength_and_before_and_after(coach_dirs: dict[str, Path]) -> None:
    small_history(coach_dirs["data"])
    out = CliRunner().invoke(cli, ["export", "--format", "markdown"]).output
    week = out.split("## Week of 16 November 2026 to 22 November\n")[1]
    strength = round(100 * ((((1 - M) * M + (1 - M)) * M) * M + (1 - M)))  # Wed Thu - Sat
    # From the first record (Wednesday) to Saturday; Sunday, today, is still open.
    assert "- Morning routine: done on 3 of 4 scheduled days; habit strength " \
           f"{strength}%" in week
    assert "- Evening wind-down: done on 0 of" in week  # partly done, never finished
    assert "**Distress before and after** (0-10)\n\n" \
           "- Muscle relaxation: 6.0 before, 2.5 after, over 2 sessions" in week
    assert "| Walk \\x1b\\[31mred\\[/] | 3 | yes | 6 | 4 |" in week  # escaped, literal


def test_a_week_in_progress_counts_only_the_days_lived(coach_dirs: dict[str, Path]) -> None:
    small_history(coach_dirs["data"])
    store = Store(coach_dirs["data"])
    thursday = date(2026, 11, 19)
    routines = load_catalog().routines
    history = load_history(store)
    progress = {key: progress_of(history, routine, thursday) for key, routine in routines.items()}
    summary = WeeklySummary(progress, {k: r.title for k, r in routines.items()}, thursday)
    records = [r for r in store.well_formed() if r["day"] <= thursday.isoformat()]
    text = "".join(summary.chunks([records]))
    assert "## Week of 16 November 2026 to 22 November (so far)" in text
    # Monday to Thursday are lived; the first record is Wednesday, done, and Thursday too.
    assert f"- Morning routine: done on 2 of 2 scheduled days; habit strength " \
           f"{round(100 * ((1 - M) * M + (1 - M)))}%" in text


def test_a_week_with_nothing_finished_is_all_right(coach_dirs: dict[str, Path]) -> None:
    text = "".join(WeeklySummary({}, {}, date(2026, 11, 22)).chunks([[{
        "kind": "step", "type": "mood", "status": "done", "day": "2026-11-20",
        "data": {"rating": 3}, "routine": "morning"}]]))
    assert "- nothing finished this week, and that is all right" in text


def test_a_persons_words_read_naturally_raw_and_render_as_written(
        coach_dirs: dict[str, Path]) -> None:
    """Gratitude, activities, feelings, a journal prompt and text, hostile and ordinary."""
    from datetime import datetime, timedelta, timezone
    from zoneinfo import ZoneInfo

    from coach.session.run import StepOutcome
    from tests.insight.test_markdown_text import RENDERER

    at = datetime(2026, 11, 19, 20, tzinfo=timezone.utc)
    store = Store(coach_dirs["data"], now=lambda: at, zone=(ZoneInfo("UTC"), "UTC"))
    words = {
        "gratitude": {"items": ["Evening wind-down", "# my *best* day", "1. tea & toast"]},
        "mood": {"rating": 6, "feelings": ["calm|ish", "_odd_"]},
        "activity_plan": {"activities": [{"id": "a", "name": "Walk [the dog](x)",
                                          "predicted": 3}]},
        "journal": {"prompt": "What *went* well?",
                    "text": "Snake_case and 5 * 3.\n- not a list\n---\n<b>bold</b> &amp;"},
    }
    for n, (step_type, data) in enumerate(words.items()):
        store.record_step("evening", "s1", StepOutcome(f"s{n}", step_type, "done", at,
                                                       at + timedelta(minutes=1), data))
    out = CliRunner().invoke(cli, ["export", "--format", "markdown", "--include-journal"]).output
    for raw in ("- Evening wind-down\n", "- \\# my \\*best\\* day\n", "- 1\\. tea & toast\n",
                "| \\_odd\\_, calm\\|ish |", "| Walk \\[the dog](x) |",
                "*Thursday 19 November: What \\*went\\* well?*",
                "> Snake_case and 5 * 3.\n> \\- not a list\n> \\---\n> \\<b>bold\\</b> \\&amp;\n"):
        assert raw in out, raw
    html = RENDERER.render(out)
    for shown in ("<li>Evening wind-down</li>", "<li># my *best* day</li>",
                  "<li>1. tea &amp; toast</li>", "<td>_odd_, calm|ish</td>",
                  "<td>Walk [the dog](x)</td>", "<em>Thursday 19 November: What *went* well?</em>",
                  "Snake_case and 5 * 3.\n- not a list\n---\n&lt;b&gt;bold&lt;/b&gt; &amp;amp;"):
        assert shown in html, shown


def test_self_checks_and_need_something_now_sessions_of_the_week(
        coach_dirs: dict[str, Path]) -> None:
    """Each self-check's form, total and band (never the answers or the last questions);
    each "need something now" exercise with distress before and after; neither reserved
    id as a routine."""
    from datetime import datetime, timedelta, timezone

    from coach.session.run import StepOutcome
    from tests.tui.self_check_data import write_checks

    small_history(coach_dirs["data"])
    store = write_checks(coach_dirs["data"], [(date(2026, 11, 17), "phq9", 11),
                                              (date(2026, 11, 20), "gad7", 4),
                                              (date(2026, 11, 9), "phq9", 14)])
    at = datetime(2026, 11, 18, 22, tzinfo=timezone.utc)
    for minutes, step_type, key, data in (
            (0, "breathing", "coach:breathing", {"distress_before": 8, "distress_after": 5}),
            (10, "breathing", "morning/slow-breathing", {"distress_before": 5}),
            (20, "pmr", "coach:pmr", {})):
        when = at + timedelta(minutes=minutes)
        store.record_step("_now", "now-1", StepOutcome(
            key.split("/")[-1], step_type, "done", when, when + timedelta(minutes=3),
            {**data, "exercise": key}))
    store.record_session("_now", "now-1", "finished", day=date(2026, 11, 18))
    store.record_session("_check", "check-x", "finished", day=date(2026, 11, 18))
    out = CliRunner().invoke(cli, ["export", "--format", "markdown"]).output
    week = out.split("## Week of 16 November 2026 to 22 November\n")[1]
    assert "**Self-checks** (totals; a self-check, not a diagnosis)\n\n" \
           "- Tue 17: PHQ-9 11 (moderate)\n" \
           "- Fri 20: GAD-7 4 (minimal)\n" in week
    assert "**When you needed something right away**\n\n" \
           "- Wed 18: Paced breathing, distress 8 before, 5 after\n" \
           "- Wed 18: Paced breathing from Morning routine, distress 5 before\n" \
           "- Wed 18: Muscle relaxation\n" in week
    routines = week.split("**Routines**\n\n")[1].split("\n\n")[0]
    assert "_now" not in routines and "_check" not in routines
    assert "_now" not in out and "_check" not in out
    assert "answers" not in out and "difficulty" not in out
    earlier = out.split("## Week of 09 November 2026 to 15 November\n")[1].split("## Week")[0]
    assert "- Mon 09: PHQ-9 14 (moderate)" in earlier


def test_quick_check_in_tags_have_their_own_column_only_when_the_week_has_some(
        coach_dirs: dict[str, Path]) -> None:
    def mood(day: str, rating: int, **data: object) -> dict[str, object]:
        return {"kind": "step", "type": "mood", "status": "done", "day": day,
                "routine": "_mood", "data": {"rating": rating, **data}}
    summary = WeeklySummary({}, {}, date(2026, 11, 22))
    text = "".join(summary.chunks([[mood("2026-11-20", 6, tags=["walk", "a|b"]),
                                    mood("2026-11-20", 4, tags=["walk"], feelings=["calm"]),
                                    mood("2026-11-21", 5)]]))
    assert "| Day | Ratings | Feelings | Tags |" in text
    assert "| Fri 20 | 6, 4 | calm | a\\|b, walk |" in text
    assert "| Sat 21 | 5 | - | - |" in text
    text = "".join(summary.chunks([[mood("2026-11-21", 5)]]))
    assert "| Day | Ratings | Feelings |\n" in text and "Tags" not in text


def test_a_routine_kept_three_times_a_week_is_said_in_its_terms(
        coach_dirs: dict[str, Path]) -> None:
    directory = coach_dirs["routines"]
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "walk.yaml").write_text(
        "title: Walk\nschedule: {at: '18:00', days: {times: 3, per: week}}\n"
        "steps:\n  - type: mood\n")
    store = Store(coach_dirs["data"])
    for day in (16, 18):  # Monday in coach, Wednesday marked afterwards
        if day == 16:
            store.record_session("walk", "s1", "finished", day=date(2026, 11, day))
        else:
            store.mark_day("walk", date(2026, 11, day), "done")
    routines = load_catalog([RoutineDir(directory, False)]).routines
    history = load_history(store)
    sunday = date(2026, 11, 22)
    progress = {key: progress_of(history, routine, sunday) for key, routine in routines.items()}
    summary = WeeklySummary(progress, {k: r.title for k, r in routines.items()}, sunday)
    text = "".join(summary.chunks([store.well_formed()]))
    assert "- Walk: done 2 of 3 times; habit strength" in text, text
    earlier = WeeklySummary(progress, {"walk": "Walk"}, date(2026, 11, 15))
    assert "Walk" not in "".join(earlier.chunks([[]]))  # a week before it began
