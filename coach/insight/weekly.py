"""The weekly summary in Markdown, to bring to a therapist: a week at a time, in kind words.

For each week, Monday to Sunday: each routine by its title, on how many of its
scheduled days it was done (only days already lived count: a week in progress
counts up to today), with habit strength at the week's end; mood by day;
distress before and after each exercise; activities with enjoyment predicted
and felt; what the person was grateful for; each self-check's form, total and band
(never its answers); each exercise taken when they needed something right away
(routine `_now`) with distress before and after; and journal text only when asked.
Records under a reserved routine id (`_now`, `_check`) are never shown as a routine.

Routine figures come from the progress worked out over all of history (see
insight.strength); the rest from the week's own records, which arrive a month at
a time, so ten years need the memory of one month. A person's words are escaped only
where they would change the rendering (coach.insight.markdown), so they read naturally
raw and show as written rendered.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from coach.insight import marks
from coach.insight.exercises import exercise_effects
from coach.insight.history import Rated
from coach.insight.self_checks import NAMES, band, known
from coach.insight.strength import RoutineProgress
from coach.insight.words import effect_line, exercise_name, percent
from coach.insight.markdown import literal, literal_lines
from coach.store.records import PRACTICE_KINDS, mappings, texts

Months = Iterable[list[dict[str, Any]]]


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _month_end(day: date) -> date:
    following = day.replace(day=28) + timedelta(days=4)
    return following - timedelta(days=following.day)


class WeeklySummary:
    """Writes the summary of `months` (records in time order, a month at a time)."""

    def __init__(self, progress: Mapping[str, RoutineProgress], titles: Mapping[str, str],
                 today: date, *, include_journal: bool = False) -> None:
        self.progress = progress
        self.titles = titles
        self.today = today
        self.include_journal = include_journal

    def chunks(self, months: Months) -> Iterator[str]:
        """A week is written once every record of it has been read: a month's file holds
        only that month's days, so every week ending in a month read is complete."""
        yield "# coach: weekly summary\n"
        weeks: dict[date, list[dict[str, Any]]] = defaultdict(list)
        wrote = False
        for month in months:
            last_day = None
            for record in month:
                if record.get("kind") not in PRACTICE_KINDS:  # reminders, rest marks
                    continue
                day = date.fromisoformat(record["day"])
                weeks[_monday(day)].append(record)
                last_day = max(last_day or day, day)
            if last_day is None:
                continue
            for monday in sorted(weeks):
                if monday + timedelta(days=6) <= _month_end(last_day):
                    yield "\n" + "\n".join(self.week(monday, weeks.pop(monday)))
                    wrote = True
        for monday in sorted(weeks):
            yield "\n" + "\n".join(self.week(monday, weeks.pop(monday)))
            wrote = True
        if not wrote:
            yield "\nNothing recorded yet.\n"

    def week(self, monday: date, records: list[dict[str, Any]]) -> list[str]:
        sunday = monday + timedelta(days=6)
        so_far = " (so far)" if sunday > self.today >= monday else ""
        lines = [f"## Week of {monday:%d %B %Y} to {sunday:%d %B}{so_far}", ""]
        lines += self._routines(monday, records)
        lines += self._moods(records)
        lines += self._before_after(records)
        lines += self._activities(records)
        lines += _self_checks(records)
        lines += self._right_away(records)
        gratitude = [item for r in _done(records, "gratitude")
                     for item in texts(r["data"].get("items"))]
        if gratitude:
            lines += ["**Grateful for**", ""] + [f"- {literal(item)}" for item in gratitude] + [""]
        if self.include_journal:
            lines += _journal(records)
        return lines

    def _routines(self, monday: date, records: list[dict[str, Any]]) -> list[str]:
        """Each routine practised or scheduled this week, by title: days done of the
        scheduled days lived, rest days, and habit strength at the week's end."""
        lived = [monday + timedelta(days=n) for n in range(7)
                 if monday + timedelta(days=n) <= self.today]
        finished: dict[str, set[str]] = defaultdict(set)
        for record in records:
            if record.get("kind") == "session" and record.get("event") == "finished" \
                    and not _reserved(record):
                finished[str(record.get("routine", ""))].add(record["day"])
        lines = ["**Routines**", ""]
        for routine_id in sorted({*finished, *self._scheduled_in(lived)},
                                 key=lambda r: self.titles.get(r, r).casefold()):
            lines.append(f"- {literal(self.titles.get(routine_id, routine_id))}: "
                         + self._routine_week(routine_id, lived, len(finished[routine_id])))
        if len(lines) == 2:
            lines.append("- nothing finished this week, and that is all right")
        return lines + [""]

    def _scheduled_in(self, lived: list[date]) -> set[str]:
        """The routines due in the week: on one of its days, or kept a number of times (from
        its first record on)."""
        return {routine_id for routine_id, progress in self.progress.items()
                if any(day in (progress.days if progress.frequency is not None
                               else progress.scheduled_days) for day in lived)}

    def _routine_week(self, routine_id: str, lived: list[date], finished: int) -> str:
        progress = self.progress.get(routine_id)
        if progress is None:  # a routine no longer in the routines folder
            return f"finished on {finished} day{'s' if finished != 1 else ''}"
        rest = sum(1 for day in lived if progress.days.get(day) == marks.REST)
        # Today counts once it is done, as for habit strength: it is not over yet.
        scheduled = [day for day in lived if day in progress.scheduled_days
                     and progress.days.get(day) not in (marks.REST, marks.TODAY_OPEN)]
        if progress.frequency is not None:  # kept a number of times: said in its terms
            done = sum(1 for day in lived if progress.days.get(day) in marks.DONE_MARKS)
            frequency = progress.frequency
            words = f"done {done} of {frequency.times} times" if frequency.per == "week" \
                else f"done on {done} day{'s' if done != 1 else ''} ({frequency.describe()})"
        elif not scheduled:
            words = f"done on {finished} day{'s' if finished != 1 else ''}"
        else:
            done = sum(1 for day in scheduled if progress.days.get(day) in marks.DONE_MARKS)
            words = f"done on {done} of {len(scheduled)} scheduled " \
                    f"day{'s' if len(scheduled) != 1 else ''}"
        if rest:
            words += f", {rest} rest day{'s' if rest != 1 else ''}"
        score = progress.scores.get(lived[-1]) if lived else None
        if progress.scheduled and score is not None:
            words += f"; habit strength {percent(score)}"
        return words

    def _moods(self, records: list[dict[str, Any]]) -> list[str]:
        moods = _done(records, "mood")
        if not moods:
            return []
        def tags_of(day_records: list[dict[str, Any]]) -> set[str]:
            return {tag for r in day_records for tag in texts(r["data"].get("tags"))}
        by_day: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for record in moods:
            by_day[record["day"]].append(record)
        # Tags come from quick check-ins; a week without any keeps the narrower table.
        tagged = any(tags_of(day_records) for day_records in by_day.values())
        lines = ["**Mood by day** (0 worst, 10 best)", "",
                 "| Day | Ratings | Feelings |" + (" Tags |" if tagged else ""),
                 "|---|---|---|" + ("---|" if tagged else "")]
        for day in sorted(by_day):
            ratings = ", ".join(str(r["data"].get("rating")) for r in by_day[day]
                                if r["data"].get("rating") is not None)
            feelings = ", ".join(sorted({f for r in by_day[day]
                                         for f in texts(r["data"].get("feelings"))}))
            label = date.fromisoformat(day).strftime("%a %d")
            row = f"| {label} | {ratings or '-'} | {literal(feelings, pipes=True) or '-'} |"
            if tagged:
                row += f" {literal(', '.join(sorted(tags_of(by_day[day]))), pipes=True) or '-'} |"
            lines.append(row)
        return lines + [""]

    def _before_after(self, records: list[dict[str, Any]]) -> list[str]:
        rated = [Rated(date.fromisoformat(r["day"]), str(r.get("type")),
                       r["data"]["distress_before"], r["data"]["distress_after"])
                 for r in records if r.get("kind") == "step" and r.get("status") == "done"
                 and isinstance(r.get("data"), dict)
                 and isinstance(r["data"].get("distress_before"), int)
                 and isinstance(r["data"].get("distress_after"), int)]
        if not rated:
            return []
        effects = exercise_effects(rated, date.min, date.max)
        return ["**Distress before and after** (0-10)", "",
                *(f"- {effect_line(effect)}" for effect in effects), ""]

    def _activities(self, records: list[dict[str, Any]]) -> list[str]:
        reviews = {a.get("id"): a for r in _done(records, "activity_review")
                   for a in mappings(r["data"].get("activities"))}
        planned = [a for r in _done(records, "activity_plan")
                   for a in mappings(r["data"].get("activities"))]
        if not planned:
            return []
        lines = ["**Activities: predicted and actual enjoyment**", "",
                 "| Activity | Predicted | Done | Pleasure | Achievement |",
                 "|---|---|---|---|---|"]
        for activity in planned:
            review = reviews.get(activity.get("id"), {})
            done = {True: "yes", False: "no"}.get(review.get("done"), "not reviewed")
            lines.append(f"| {literal(activity.get('name', ''), pipes=True)} | "
                         f"{_score(activity.get('predicted'))} | {done} | "
                         f"{_score(review.get('pleasure'))} | {_score(review.get('mastery'))} |")
        return lines + [""]


    def _right_away(self, records: list[dict[str, Any]]) -> list[str]:
        """Each exercise of "I need something now", with distress before and after as far
        as it was rated; one from a routine named with the routine's title."""
        taken = [r for r in records if r.get("kind") == "step" and r.get("routine") == NOW
                 and r.get("status") == "done" and isinstance(r.get("data"), dict)]
        if not taken:
            return []
        lines = ["**When you needed something right away**", ""]
        for record in taken:
            data = record["data"]
            words = exercise_name(str(record.get("type")))
            key = data.get("exercise")
            if isinstance(key, str) and "/" in key:
                routine = key.split("/", 1)[0]
                words += f" from {self.titles.get(routine, routine)}"
            rated = [f"{data[name]} {when}" for name, when in
                     (("distress_before", "before"), ("distress_after", "after"))
                     if type(data.get(name)) in (int, float)]
            if rated:
                words += ", distress " + ", ".join(rated)
            lines.append(f"- {date.fromisoformat(record['day']):%a %d}: {literal(words)}")
        return lines + [""]


NOW = "_now"


def _reserved(record: dict[str, Any]) -> bool:
    """A record of "I need something now" or a standalone self-check: not a routine's."""
    return str(record.get("routine", "")).startswith("_")


def _self_checks(records: list[dict[str, Any]]) -> list[str]:
    """Each self-check's form, total and band: nothing of its answers."""
    lines = []
    for record in _done(records, "check"):
        form, total = record["data"].get("form"), record["data"].get("total")
        if type(total) is int and known(form, total):
            lines.append(f"- {date.fromisoformat(record['day']):%a %d}: {NAMES[form]} "
                         f"{total} ({band(form, total)})")
    if not lines:
        return []
    return ["**Self-checks** (totals; a self-check, not a diagnosis)", "", *lines, ""]


def _done(records: Iterable[dict[str, Any]], step_type: str) -> list[dict[str, Any]]:
    return [r for r in records if r.get("kind") == "step" and r.get("type") == step_type
            and r.get("status") == "done" and isinstance(r.get("data"), dict)]


def _score(value: Any) -> str:
    return "-" if value is None else str(value)


def _journal(records: list[dict[str, Any]]) -> list[str]:
    entries = _done(records, "journal")
    if not entries:
        return []
    lines = ["**Journal**", ""]
    for record in entries:
        prompt = literal(record["data"].get("prompt", ""), in_emphasis=True)
        day = f"{date.fromisoformat(record['day']):%A %d %B}"
        lines.append(f"*{day}: {prompt}*" if prompt else f"*{day}*")
        lines.append("")
        lines.extend(f"> {line}".rstrip()
                     for line in literal_lines(record["data"].get("text", "")))
        lines.append("")
    return lines
