"""Activity planning: up to three activities, each with a time and a predicted enjoyment."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Static

from coach.insight.better_days import better_days, better_first
from coach.insight.history import load_history
from coach.routine.steps.activity_plan import ActivityPlanStep
from coach.routine.typed_time import (TYPED_TIME_LENGTH, HalfAnHour, HourOfEitherHalf,
                                      parse_typed_time)
from coach.store import StoreError
from coach.store.records import mappings
from coach.tui.app_access import coach_app
from coach.tui.steps.base import StepWidget
from coach.tui.text import literal
from coach.tui.widgets.fields import Entry, entry
from coach.tui.widgets.glyphs import plain_words
from coach.tui.worker_errors import ReportsWorkerErrors
from coach.foundation.visible import quoted, visible

SUGGESTIONS_SHOWN = 4
PAST_NAMES = 30
#: The days whose activities and moods say which activities go with better days.
BETTER_DAYS_OVER = 365


class ActivityPlanWidget(ReportsWorkerErrors, StepWidget):
    step_type = "activity_plan"
    step: ActivityPlanStep

    def compose(self) -> ComposeResult:
        text = self.step.text or ("Choose something you used to enjoy, or that gives a sense of "
                                  "achievement. Give it a time, and guess how much you will enjoy "
                                  "it (0-10).")
        yield Static(literal(text), classes="step-text")
        yield Static(classes="hint", id="ideas")
        ideas = self._ideas([])
        suggester = SuggestFromList(ideas, case_sensitive=False) if ideas else None
        yield Horizontal(Static("Activity", classes="col-name"), Static("Time", classes="col-time"),
                         Static("Enjoy 0-10", classes="col-score"), classes="activity-head")
        for number in range(1, self.step.max_activities + 1):
            yield Horizontal(
                entry(f"{number}.", id=f"name-{number}", classes="col-name", limit=80,
                      field_name=f"the name of activity {number}", suggester=suggester),
                entry("HH:MM", id=f"time-{number}", classes="col-time",
                      limit=TYPED_TIME_LENGTH, field_name=f"the time of activity {number}"),
                entry("0-10", id=f"predicted-{number}", classes="col-score", max_length=2,
                      restrict=r"\d*"),
                classes="activity-row")

    def on_mount(self) -> None:
        self._show_ideas([])
        self._load_past_names()

    def _ideas(self, past: list[str]) -> list[str]:
        """Names planned before, then the routine's own ideas; written out like any shown
        text, since completions are what the person sees and accepts. `past` comes with
        the activities that went with better days first (see _load_past_names)."""
        return list(dict.fromkeys(visible(str(i), one_line=True)
                                  for i in [*past, *self.step.suggestions]))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load_past_names(self) -> None:
        """Earlier plans come from the store's digests, off the UI thread: the step shows at
        once with the routine's ideas, and earlier ones join a moment later. Activities
        that went with better days over the last BETTER_DAYS_OVER days come first, quietly:
        the order is the only sign of it."""
        try:
            past = self.env.store.recent_activity_names(PAST_NAMES)
            first = self.env.today - timedelta(days=BETTER_DAYS_OVER - 1)
            history = load_history(self.env.store, first)
        except StoreError:
            return  # ideas are a help, not a need: the step works without them
        better = better_days(history.moods, history.plans, history.reviews, {}, first,
                             self.env.today)
        ideas = better_first([*better.with_better_days(), *past, *self.step.suggestions],
                             better)
        if past:
            self.app.call_from_thread(self._show_ideas, ideas)

    def _show_ideas(self, past: list[str]) -> None:
        if not self.is_attached:  # the person moved on before the names arrived
            return
        ideas = self._ideas(past)
        hint = self.query_one("#ideas", Static)
        hint.display = bool(ideas)
        if ideas:
            shown = Content(" · ").join(literal(i) for i in ideas[:SUGGESTIONS_SHOWN])
            more = len(ideas) - SUGGESTIONS_SHOWN
            # Every idea completes, so the ones not shown are named as a number.
            if more > 0:
                shown = Content.assemble(shown, (f" · +{more} more", "dim"))
            hint.update(Content.assemble(("Ideas: ", "dim"), shown,
                                         (plain_words(" (type to complete, → to accept)", coach_app(self).plain),
                                          "dim")))
        suggester = SuggestFromList(ideas, case_sensitive=False)
        for number in range(1, self.step.max_activities + 1):
            self.query_one(f"#name-{number}", Input).suggester = suggester

    def restore(self, data: dict[str, Any]) -> None:
        """Refill the rows, keeping each activity's id so the evening review still finds it."""
        self.row_ids: dict[int, str] = {}
        for number, activity in enumerate(mappings(data.get("activities"))[
                : self.step.max_activities], start=1):
            self.query_one(f"#name-{number}", Entry).show_saved(activity.get("name", ""))
            self.query_one(f"#time-{number}", Entry).show_saved(activity.get("time") or "")
            predicted = activity.get("predicted")
            if isinstance(predicted, int) and 0 <= predicted <= 10:
                self.query_one(f"#predicted-{number}", Entry).show_saved(predicted)
            if activity.get("id"):
                self.row_ids[number] = str(activity["id"])

    def _rows(self) -> list[tuple[str, str, str]]:
        rows = []
        for number in range(1, self.step.max_activities + 1):
            name = self.query_one(f"#name-{number}", Entry).value_to_save.strip()
            when = self.query_one(f"#time-{number}", Entry).value_to_save.strip()
            predicted = self.query_one(f"#predicted-{number}", Entry).value_to_save.strip()
            rows.append((name, when, predicted))
        return rows

    def problems(self) -> list[tuple[Widget | None, str]]:
        found: list[tuple[Widget | None, str]] = []
        for number, (name, when, predicted) in enumerate(self._rows(), start=1):
            if not name and (when or predicted):
                found.append((self.query_one(f"#name-{number}"),
                              f"Activity {number} has a time or a rating but no name yet."))
            if when and (said := _time_problem(when)):
                found.append((self.query_one(f"#time-{number}"), f"Activity {number}: {said}"))
            if predicted and not 0 <= int(predicted) <= 10:
                found.append((self.query_one(f"#predicted-{number}"),
                              f"Activity {number}: enjoyment is 0 to 10."))
        return found

    def result(self) -> dict[str, Any] | None:
        activities = []
        row_ids = getattr(self, "row_ids", {})
        for number, (name, when, predicted) in enumerate(self._rows(), start=1):
            if not name:
                continue
            activities.append({
                "id": row_ids.get(number) or uuid.uuid4().hex,
                "name": name,
                "time": parse_typed_time(when).strftime("%H:%M") if when else None,
                "predicted": int(predicted) if predicted else None,
            })
        return {"activities": activities} if activities else None


def _time_problem(typed: str) -> str | None:
    """What keeps `typed` from being read as a time, quoting it whole; None when it reads."""
    shown = quoted(typed, len(typed))
    try:
        parse_typed_time(typed)
    except HourOfEitherHalf as err:
        morning, evening = err.either
        return f"is {shown} in the morning or the evening? Write it like {morning} or {evening}."
    except HalfAnHour as err:
        other = err.hour - 1 or 12
        return (f"{shown} is {err.hour}:30 to some people and {other}:30 to others; write "
                f"the time you mean in numbers, like {err.hour % 12 + 12}:30 or "
                f"{other % 12 + 12}:30 (in the morning {err.hour % 12:02d}:30 or "
                f"{other % 12:02d}:30).")
    except ValueError:
        return (f"{shown} is not a time coach can read; write it like 18:30, 6:30 pm, 6pm "
                "or noon.")
    return None
