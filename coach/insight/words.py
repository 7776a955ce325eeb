"""The figures in plain, kind words: a trend to notice, never a streak lost or a day failed."""

from __future__ import annotations

from coach.insight.activities import ActivityFigures
from coach.insight.exercises import Effect
from coach.insight.mood import MoodSummary
from coach.insight.strength import RECENT_DAYS, RoutineProgress
from coach.store.digest import EVENING_FROM_HOUR

EXERCISE_NAMES = {"breathing": "Paced breathing", "pmr": "Muscle relaxation",
                  "instruction": "Exercise"}
SPARK = "▁▂▃▄▅▆▇█"
PLAIN_SPARK = "_.-=+*#@"
#: A new routine's strength (see RoutineProgress.new), in place of a figure near 0%.
NEW_STRENGTH = "strength builds as you go"


def percent(score: float) -> str:
    return f"{round(score * 100)}%"


def days(n: int, unit: str = "day") -> str:
    return f"{n} {unit}{'s' if n != 1 else ''}"


def change_words(change: float) -> str:
    """How the score moved over the last 30 days, in points; a dip is named as normal."""
    points = round(change * 100)
    if points > 0:
        return f"up {points} in {RECENT_DAYS} days"
    if points < 0:
        return f"{-points} lower in {RECENT_DAYS} days; dips are normal"
    return f"steady over {RECENT_DAYS} days"


def strength_parts(progress: RoutineProgress) -> tuple[str, str | None]:
    """('Habit strength 72%', 'up 8 over 30 days'), or the use of a routine without a
    schedule."""
    if not progress.scheduled:
        return f"Used on {progress.done_recent} of the last {RECENT_DAYS} days", None
    if progress.strength is None:
        return "Habit strength: not yet", None
    if progress.new:
        return f"Habit {NEW_STRENGTH}", None
    return f"Habit strength {percent(progress.strength)}", change_words(progress.change or 0)


def strength_line(progress: RoutineProgress) -> str:
    """'Habit strength 72%, up 8 over 30 days', or the use of a routine without a schedule."""
    headline, change = strength_parts(progress)
    return f"{headline}, {change}" if change else headline


def runs_parts(progress: RoutineProgress) -> list[str]:
    """['Current run: 4 days', 'Best run: 23 days']; nothing before the first day done, and
    no current run named when there is none (a run is never "lost")."""
    if not progress.best_run:
        return []
    best = f"Best run: {days(progress.best_run, progress.run_unit)}"
    if progress.current_run:
        return [f"Current run: {days(progress.current_run, progress.run_unit)}", best]
    return [best, "A new run starts with your next one"]


def runs_line(progress: RoutineProgress) -> str | None:
    """'Current run: 4 days · best run: 23 days'."""
    parts = runs_parts(progress)
    return " · ".join(parts[:1] + [part[0].lower() + part[1:] for part in parts[1:]]) or None


def sparkline(values: tuple[float, ...] | list[float], plain: bool = False) -> str:
    """One character a value from 0 to 1."""
    ramp = PLAIN_SPARK if plain else SPARK
    return "".join(ramp[min(len(ramp) - 1, max(0, int(v * len(ramp))))] for v in values)


def home_line(progress: RoutineProgress, plain: bool = False) -> str | None:
    """The home screen's short progress: 'strength 72% ▂▃▅▆▇' or 'used on 9 of 30 days';
    for a routine kept a number of times, '2 of 3 this week' on a line before it."""
    if not progress.scheduled:
        return f"used on {progress.done_recent} of the last {RECENT_DAYS} days" \
            if progress.strength is not None else None
    if progress.strength is None:
        return progress.period
    # The period on a line of its own: with the strength it would wrap in the list.
    before = f"{progress.period}\n" if progress.period else ""
    if progress.new:
        return before + NEW_STRENGTH
    trend = sparkline(progress.trend, plain) if len(progress.trend) > 1 else ""
    return f"{before}strength {percent(progress.strength)}" + (f" {trend}" if trend else "")


def _one(value: float) -> str:
    return f"{value:.1f}"


def mood_average(mood: MoodSummary) -> str:
    """'average 5.1 (morning 5.5, evening 4.7)', or what to do for a first one."""
    if mood.average is None:
        return "no check-ins in this time yet"
    line = f"average {_one(mood.average)}"
    if mood.both_parts:
        line += f" (morning {_one(mood.morning_average or 0)}, " \
                f"evening {_one(mood.evening_average or 0)})"
    return line


#: How morning and evening are told apart (see insight.mood), said wherever they are.
MOOD_SPLIT = (f"Morning and evening go by each routine's time: before {EVENING_FROM_HOUR}:00 "
              "is morning.")


def mood_line(mood: MoodSummary) -> str:
    if mood.average is None:
        return "No mood check-ins in this time; the chart fills in as you check in."
    line = f"Average {_one(mood.average)} over {days(len(mood.points))} with a check-in"
    return line + mood_average(mood)[len(f"average {_one(mood.average)}"):]


def exercise_name(step_type: str) -> str:
    return EXERCISE_NAMES.get(step_type, step_type.replace("_", " ").capitalize())


def effect_line(effect: Effect) -> str:
    name = exercise_name(effect.step_type)
    sessions = f"{effect.sessions} session{'s' if effect.sessions != 1 else ''}"
    return f"{name}: {_one(effect.before)} before, {_one(effect.after)} after, over {sessions}"


def activity_lines(figures: ActivityFigures) -> list[str]:
    """What the activities came to; today's not yet reviewed are named apart, still to come."""
    one = figures.waiting == 1
    today = (f"{figures.waiting} {'activity' if one else 'activities'} planned for today "
             f"{'counts' if one else 'count'} once you have reviewed "
             f"{'it' if one else 'them'} or the day is over.")
    if not figures.planned:
        return [today] if figures.waiting else ["No activities planned in this time."]
    lines = [f"{figures.done} of {figures.planned} planned activities done."]
    if figures.waiting:
        lines.append(today)
    if figures.compared_days:
        lines.append(f"On {figures.enjoyed_more_days} of {days(figures.compared_days)} you "
                     "enjoyed them more than you expected"
                     + (f", on {figures.enjoyed_as_expected_days} as much."
                        if figures.enjoyed_as_expected_days else "."))
    return lines
