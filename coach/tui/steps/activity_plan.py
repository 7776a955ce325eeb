"""Activity planning: up to three activities, each with a time and a predicted enjoyment."""

from __future__ import annotations

import re
import uuid
from datetime import time
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Static

from coach.routine.kinds import parse_time_text
from coach.routine.steps.activity_plan import ActivityPlanStep
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


class HourOfEitherHalf(ValueError):
    """A bare hour from 1 to 11 ("7"): morning or evening could be meant, so it is asked."""

    def __init__(self, hour: int) -> None:
        super().__init__(f"is {hour} in the morning or the evening?")
        self.hour = hour


def parse_typed_time(text: str) -> time:
    """A time as people type it: 18:30, 6:30 pm, 6.30pm, 6pm, 1830, and a bare hour that
    can mean one time only: 18 (and 0, 12, 13 to 23)."""
    cleaned = text.strip().lower().replace(".", ":")
    match = re.fullmatch(r"(\d{1,2})(?::?(\d{2}))?\s*([ap]\.?m\.?)?", cleaned)
    if match and not (match.group(2) or match.group(3)):
        hour = int(match.group(1))
        if 1 <= hour <= 11:
            raise HourOfEitherHalf(hour)
        cleaned = f"{hour}:00"  # 24 and over are said to be no time of day, as 24:00 is
    elif match:
        cleaned = f"{match.group(1)}:{match.group(2) or '00'}" + (
            f" {match.group(3)}" if match.group(3) else "")
    return parse_time_text(cleaned)


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
                entry("HH:MM", id=f"time-{number}", classes="col-time", max_length=8),
                entry("0-10", id=f"predicted-{number}", classes="col-score", max_length=2,
                      restrict=r"\d*"),
                classes="activity-row")

    def on_mount(self) -> None:
        self._show_ideas([])
        self._load_past_names()

    def _ideas(self, past: list[str]) -> list[str]:
        """Names planned before, then the routine's own ideas; written out like any shown
        text, since completions are what the person sees and accepts."""
        return list(dict.fromkeys(visible(str(i), one_line=True)
                                  for i in [*past, *self.step.suggestions]))

    @work(thread=True, exclusive=True, exit_on_error=False)
    def _load_past_names(self) -> None:
        """Earlier plans come from the store's digests, off the UI thread: the step shows at
        once with the routine's ideas, and earlier ones join a moment later."""
        try:
            past = self.env.store.recent_activity_names(PAST_NAMES)
        except StoreError:
            return  # ideas are a help, not a need: the step works without them
        if past:
            self.app.call_from_thread(self._show_ideas, past)

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
            if when:
                try:
                    parse_typed_time(when)
                except HourOfEitherHalf as err:
                    found.append((self.query_one(f"#time-{number}"),
                                  f"Activity {number}: is {quoted(when, 30)} in the morning or "
                                  f"the evening? Write it like {err.hour:02d}:00 or "
                                  f"{err.hour}pm."))
                except ValueError:
                    found.append((self.query_one(f"#time-{number}"),
                                  f"Activity {number}: {quoted(when, 30)} is not a time coach "
                                  "can read; write it like 18:30, 6:30 pm or 6pm."))
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
