"""`coach stats`: the history screen's figures as text or JSON, for scripts and status bars.

The JSON shape (version 2), every number rounded to 4 places:

    {"version": 2, "today": "2026-11-22",
     "range": {"days": 30, "first": "2026-10-24", "last": "2026-11-22"},
     "routines": [{"id": "morning", "title": "Morning routine", "scheduled": true,
                   "strength": 0.6812, "strength_change_30_days": 0.6812,
                   "current_run": 2, "best_run": 17, "run_unit": "day",
                   "period": null, "done_last_30_days": 25,
                   "strength_weeks": [["2026-10-25", 0.0538], ["2026-11-22", 0.6812]]}],
     "mood": {"average": 5.2, "morning_average": 4.8, "evening_average": 6.0,
              "days_with_check_in": 29,
              "by_day": [{"day": "2026-10-24", "morning": 3.0, "evening": 6.0,
                          "average": 4.5}]},
     "before_after": [{"exercise": "pmr", "name": "Muscle relaxation", "before": 6.0,
                       "after": 3.0, "sessions": 8}],
     "activities": {"planned": 25, "done": 25, "compared_days": 25,
                    "enjoyed_more_days": 17, "enjoyed_as_expected_days": 8,
                    "waiting_today": 1,
                    "by_activity": [{"name": "Call Sam", "done": 13, "predicted": 4.0,
                                     "pleasure": 5.0, "mastery": 5.0}]},
     "self_checks": {"phq9": [{"day": "2026-10-29", "total": 8, "band": "mild",
                               "change": null},
                              {"day": "2026-11-12", "total": 7, "band": "mild",
                               "change": "about the same"}],
                     "gad7": []},
     "better_days": {"rule_min_days": 5,
                     "activities": [{"name": "Call Sam", "with": {"mood": 6.1, "days": 14},
                                     "without": {"mood": 4.8, "days": 16}}],
                     "routines": [{"id": "morning", "title": "Morning routine",
                                   "with": {"mood": 6.0, "days": 20},
                                   "without": {"mood": 4.9, "days": 10}}]},
     "exercises": [{"key": "evening/evening-pmr", "name": "Progressive muscle relaxation",
                    "sessions": 3, "before": 6.0, "after": 2.3333, "drop": 3.6667,
                    "last_day": "2026-11-20", "not_for_me": false},
                   {"key": "coach:pmr", "name": "Short muscle relaxation", "sessions": 0,
                    "before": null, "after": null, "drop": null, "last_day": null,
                    "not_for_me": true}],
     "suggested_now": ["evening/evening-pmr", "coach:grounding", "coach:breathing"],
     "year": {"first": "2025-12-01", "last": "2026-11-22", "moods": [3, null, 7]}}

`strength` is null before a routine's first record; a routine without a schedule has
"scheduled": false and its use in `done_last_30_days`. Runs count days, or for a routine
kept a number of times per period (`days: {times: 3, per: week}`, `{every: 2}`) what
`run_unit` says ("week", "month", or "time": done again in time); such a routine's
`period` says where it stands now in its own terms ("2 of 3 this week"), null for the
others. `strength_weeks` is its strength
over the last year as the history screen's chart draws it (insight.strength_weeks): the
score at the end of each week, Sunday, from the first week of its records (at most 52
weeks back), then today's; empty for a routine without a schedule or without records. `range.days` is null for all of
history. Averages are null when there is nothing to average. An activity planned for today
counts (in `planned`, `done`, ...) once it is reviewed or the day is over; until then it is
in `waiting_today`. `self_checks` holds every PHQ-9 and GAD-7 result of all history
(whatever the range) in time order: its total, its band, and its change from the one
before ("better", "worse" or "about the same"; null for the first). The answers are
never in it.

`better_days` is what goes with better days (insight.better_days): for each activity and
routine, the average of the day's mood (the average of its check-ins) on the days of the
range with it (an activity reviewed as done, a routine finished) and on the other days
with a check-in, and how many days each is from; listed only when both sides have at
least `rule_min_days` days, the largest difference first. Days that go together, not
causes.

`exercises` are the figures "need something now" suggests from (insight.suggest), over
all history whatever the range: each exercise it can offer (the three shipped with coach,
keyed "coach:...", then each breathing, muscle relaxation or grounding step of the
routines, keyed "<routine id>/<step id>", as the screen lists them), then by key each one
rated that it can no longer offer (a routine's step since removed; its "name" is null).
`name` is the exercise's title; `sessions` how many times it was rated before and after;
`before`, `after` and `drop` (before minus after) are averages of those sessions, null
with none; `last_day` the day of the last; `not_for_me` whether the person set it aside.
`suggested_now` holds the keys the screen would offer today, in its order.

`year` is the year at a glance of the history screen (insight.year_pixels): `moods` has
one entry for each day from `first` (the 1st of the month eleven months back) to `last`
(today), whatever the range: the average of the day's check-ins rounded half up to a
whole number as the screen shades it (6.5 is 7), or null without one.

Version 2 added `self_checks`, `better_days`, `exercises`, `suggested_now` and `year`, and
later `strength_weeks`, `run_unit` and `period` (fields more: a reader of version 2 still
reads it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

import click
import orjson

from coach.cli import cli
from coach.cli.common import open_store
from coach.cli.output import CoachError, echo, plain_stdout
from coach.store import StoreError

JSON_VERSION = 2


def _number(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


#: What json.dumps(ensure_ascii=True) escapes that orjson writes as it is (structure's
#: newlines aside).
_NOT_ASCII = re.compile("[^\x20-\x7e\n]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # as a surrogate pair, as json does
        code -= 0x10000
        return f"\\u{0xD800 | (code >> 10):04x}\\u{0xDC00 | (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_text(document: dict[str, Any]) -> str:
    """`json.dumps(document, ensure_ascii=True, indent=2)`, character for character, at
    orjson's speed (thirty years of history are megabytes of JSON): every character that
    is not printable ASCII, control characters and bidi marks in a title or an activity
    name included, is written as an escape. What orjson cannot write (a number beyond 64
    bits, a lone surrogate) goes through json."""
    try:
        text = orjson.dumps(document, option=orjson.OPT_INDENT_2).decode()
    except orjson.JSONEncodeError:
        return json.dumps(document, ensure_ascii=True, indent=2)
    return text if text.isascii() and "\x7f" not in text else _NOT_ASCII.sub(_escape, text)


def _side(side: Any) -> dict[str, Any]:
    return {"mood": round(side.mood, 4), "days": side.days}


def better_days_json(better: Any, titles: dict[str, str]) -> dict[str, Any]:
    """The "better_days" of the documented shape, from an insight BetterDays."""
    from coach.insight.better_days import MIN_DAYS

    return {"rule_min_days": MIN_DAYS,
            "activities": [{"name": line.name, "with": _side(line.with_),
                            "without": _side(line.without)} for line in better.activities],
            "routines": [{"id": line.name, "title": titles[line.name],
                          "with": _side(line.with_), "without": _side(line.without)}
                         for line in better.routines]}


def exercises_json(exercises: list[Any], tried: dict[str, Any], today: Any,
                   not_for_me: list[str]) -> dict[str, Any]:
    """The "exercises" and "suggested_now" of the documented shape: what insight.suggest
    makes of the ratings (`tried`, by exercise key), for these exercises
    (routine.now_exercises) and the ones set aside."""
    from coach.insight.suggest import suggest_from

    names = {exercise.key: exercise.title for exercise in exercises}
    rows = []
    for key in [*names, *sorted(tried.keys() - names.keys())]:
        seen = tried.get(key)
        rows.append({"key": key, "name": names.get(key),
                     "sessions": 0 if seen is None else seen.sessions,
                     "before": None if seen is None else _number(seen.before),
                     "after": None if seen is None else _number(seen.after),
                     "drop": None if seen is None else _number(seen.drop),
                     "last_day": None if seen is None else seen.last.isoformat(),
                     "not_for_me": key in not_for_me})
    return {"exercises": rows,
            "suggested_now": [suggestion.exercise.key for suggestion
                              in suggest_from(exercises, tried, today, not_for_me)]}


def year_json(grid: Any) -> dict[str, Any]:
    """The "year" of the documented shape, from an insight YearGrid."""
    return {"first": grid.rows[0].first().isoformat(), "last": grid.today.isoformat(),
            "moods": [mood for row in grid.rows for mood in row.days]}


def better_days_text(better: Any, titles: dict[str, str]) -> list[str]:
    """The same lines as the history screen's section, indented as the other figures."""
    from coach.insight.better_days import (NOTHING_YET, RULE, TITLE, activity_words,
                                           routine_words)

    lines = [f"  {TITLE}:"]
    for line in better.activities:
        before, after = activity_words(line)
        lines.append(f"    {before}{line.name}{after}")
    lines += [f"    {titles[line.name]}{routine_words(line)}" for line in better.routines]
    lines.append(f"    {RULE if len(lines) > 1 else NOTHING_YET}")
    return lines


def figures_json(overview: Any, titles: dict[str, str], days: int | None,
                 checks: Iterable[Any] = (),
                 weeks: dict[str, Any] | None = None) -> dict[str, Any]:
    """The documented shape (see the module's docstring) of an insight Overview, with the
    self-checks of all history and each routine's strength by week (but its
    "better_days", see better_days_json)."""
    from coach.insight.self_checks import FORMS, results
    from coach.insight.words import EXERCISE_NAMES

    figures = overview.range
    return {
        "version": JSON_VERSION,
        "today": overview.today.isoformat(),
        "range": {"days": days, "first": figures.first.isoformat(),
                  "last": figures.last.isoformat()},
        "routines": [{"id": routine_id, "title": titles[routine_id],
                      "scheduled": progress.scheduled,
                      "strength": _number(progress.strength),
                      "strength_change_30_days": _number(progress.change),
                      "current_run": progress.current_run, "best_run": progress.best_run,
                      "run_unit": progress.run_unit, "period": progress.period,
                      "done_last_30_days": progress.done_recent,
                      "strength_weeks": [[day.isoformat(), round(score, 4)]
                                         for day, score in (weeks or {}).get(routine_id, ())]}
                     for routine_id, progress in overview.routines.items()],
        "mood": {"average": _number(figures.mood.average),
                 "morning_average": _number(figures.mood.morning_average),
                 "evening_average": _number(figures.mood.evening_average),
                 "days_with_check_in": len(figures.mood.points),
                 "by_day": [{"day": day.isoformat(),
                             "morning": None if morning is None else round(morning, 4),
                             "evening": None if evening is None else round(evening, 4),
                             "average": None if average is None else round(average, 4)}
                            for day, morning, evening, average in figures.mood.points]},
        "before_after": [{"exercise": effect.step_type,
                          "name": EXERCISE_NAMES.get(effect.step_type, effect.step_type),
                          "before": _number(effect.before), "after": _number(effect.after),
                          "sessions": effect.sessions} for effect in figures.effects],
        "activities": {"planned": figures.activities.planned,
                       "done": figures.activities.done,
                       "compared_days": figures.activities.compared_days,
                       "enjoyed_more_days": figures.activities.enjoyed_more_days,
                       "enjoyed_as_expected_days": figures.activities.enjoyed_as_expected_days,
                       "waiting_today": figures.activities.waiting,
                       "by_activity": [{"name": name, "done": done,
                                        "predicted": None if predicted is None
                                        else round(predicted, 4),
                                        "pleasure": None if pleasure is None
                                        else round(pleasure, 4),
                                        "mastery": None if mastery is None
                                        else round(mastery, 4)}
                                       for name, done, predicted, pleasure, mastery
                                       in figures.activities.rows]},
        "self_checks": {form: [{"day": result.day.isoformat(), "total": result.total,
                                "band": result.band, "change": result.change}
                               for result in found.get(form, [])]
                        for found in (results(checks),) for form in FORMS},
    }


def figures_text(overview: Any, titles: dict[str, str], days: int | None,
                 checks: Iterable[Any] = (), weeks: dict[str, Any] | None = None,
                 plain: bool = False) -> list[str]:
    """The same figures as the history screen says them, each routine's strength over the
    year as a sparkline (a character a week), and the latest self-check of each form."""
    from coach.insight.overview import describe_range
    from coach.insight.self_checks import NAMES, NOT_A_DIAGNOSIS, change_words, results
    from coach.insight.words import (MOOD_SPLIT, activity_lines, effect_line, mood_line,
                                     runs_line, sparkline, strength_line)

    lines = []
    for routine_id, progress in overview.routines.items():
        lines.append(titles[routine_id])
        lines.append(f"  {strength_line(progress)}")
        if runs := runs_line(progress):
            lines.append(f"  {runs}")
        year = (weeks or {}).get(routine_id, ())
        if len(year) > 1 and not progress.new:
            lines.append(f"  Each week since {year[0][0]:%-d %b %Y}: "
                         f"{sparkline([score for _, score in year], plain)}")
    figures = overview.range
    lines += ["", f"Over {describe_range(days)}:", f"  Mood: {mood_line(figures.mood)}"]
    if figures.mood.both_parts:
        lines.append(f"  {MOOD_SPLIT}")
    lines += [f"  {effect_line(effect)}" for effect in figures.effects]
    lines += [f"  Activities: {line}" if n == 0 else f"  {line}"
              for n, line in enumerate(activity_lines(figures.activities))]
    latest = [rows[-1] for rows in results(checks).values()]
    if latest:
        lines += ["", "Self-checks, the latest:"]
        lines += [f"  {NAMES[r.form]}: {r.total} ({r.band}) on {r.day:%d %b %Y}, "
                  f"{change_words(r, overview.today)}" for r in latest]
        lines.append(f"  {NOT_A_DIAGNOSIS}")
    return lines


@cli.command()
@click.option("--json", "as_json", is_flag=True,
              help="Print one JSON object (its shape is in the README) instead of text.")
@click.option("--routine", "routine_id", help="Only this routine.")
@click.option("--days", type=click.IntRange(1, 36500), default=30, show_default=True,
              help="The range of days, today included, for mood, before and after, "
                   "and activities.")
@click.option("--all", "all_days", is_flag=True, help="All of history instead of --days.")
def stats(as_json: bool, routine_id: str | None, days: int, all_days: bool) -> None:
    """Your progress: habit strength and runs per routine; mood, distress before and after,
    activities, and what goes with better days over the last days."""
    from coach.insight.all_history import all_history_figures
    from coach.insight.history import checks_of_series, load_history
    from coach.insight.history_figures import read_better_days
    from coach.insight.mood import parts_of
    from coach.insight.not_for_me import NotForMe
    from coach.insight.overview import (Overview, overview, series_progress,
                                        series_strength_weeks)
    from coach.insight.suggest import tried_of_series
    from coach.insight.year_pixels import load_year
    from coach.routine.catalog import load_catalog
    from coach.routine.kinds import did_you_mean
    from coach.routine.now_exercises import now_exercises

    catalog = load_catalog()
    routines = catalog.routines
    parts = parts_of(routines)  # of every routine, so --routine splits mood the same way
    if routine_id is not None:
        if routine_id not in routines:
            hint = did_you_mean(routine_id, sorted(routines)).lstrip("; ")
            raise CoachError(f"no routine {routine_id!r}{'; ' + hint if hint else ''}. Your "
                             f"routines: {', '.join(sorted(routines)) or 'none yet'}.")
        routines = {routine_id: routines[routine_id]}
    store = open_store()
    try:
        today = store.today()
        # Strength and runs from the routines' series; the other figures from the months
        # of the range, or for all history as last worked out (or from the ledger): never
        # every month's digest.
        series = store.series()
        checkpoints = dict(series.checkpoints)
        if all_days:
            figures = Overview(today, {key: series_progress(series, routine, today, detail=False)
                                       for key, routine in routines.items()},
                               all_history_figures(store, series, today, parts))
        else:
            figures = overview(load_history(store, today - timedelta(days=days - 1)), routines,
                               today, days, series=series, parts=parts)
        # After series_progress: from the checkpoint it keeps, a walk over a year.
        weeks = {key: series_strength_weeks(series, routine, today)
                 for key, routine in routines.items()}
        better = read_better_days(store, series, today, None if all_days else days, routines)
        if series.checkpoints != checkpoints:
            store.keep_series(series)
        checks = checks_of_series(series)
        if as_json:
            exercises = exercises_json(now_exercises(catalog.ordered()),
                                       tried_of_series(series), today,
                                       NotForMe(store.directory).keys)
            year = load_year(store, today)
    except StoreError as err:
        raise CoachError(str(err)) from err
    titles = {key: routine.title for key, routine in routines.items()}
    span = None if all_days else days
    if as_json:
        click.echo(json_text(figures_json(figures, titles, span, checks, weeks)
                             | {"better_days": better_days_json(better, titles)}
                             | exercises | {"year": year_json(year)}))
        return
    for line in [*figures_text(figures, titles, span, checks, weeks, plain_stdout()),
                 *better_days_text(better, titles)]:
        echo(line)
