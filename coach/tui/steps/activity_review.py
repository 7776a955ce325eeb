"""Activity review: what was planned today, whether it happened, and how it actually felt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from coach.routine.steps.activity_review import ActivityReviewStep
from coach.store import Store
from coach.store.records import mappings
from coach.tui.steps.base import StepEnv, StepWidget
from coach.tui.text import literal
from coach.tui.widgets.fields import Entry, entry
from coach.tui.widgets.toggle import Toggle


def planned_today(store: Store, today: date) -> list[dict[str, Any]]:
    """The activities of today's latest plan (any routine)."""
    plans = store.step_records("activity_plan", since=today, until=today)
    return mappings(plans[-1].get("data", {}).get("activities")) if plans else []


@dataclass(frozen=True)
class TodayRead:
    """Today's latest plan, and what an earlier review of it today said (None: none)."""

    planned: list[dict[str, Any]]
    reviewed: dict[str, Any] | None


#: The most cells the activity column takes, however long the names: the rest of the
#: row stays near enough to read across.
NAME_MOST = 60


class ActivityReviewWidget(StepWidget):
    step_type = "activity_review"
    reads_today = True
    step: ActivityReviewStep

    @classmethod
    def read_today(cls, env: StepEnv) -> TodayRead:
        reviews = env.store.step_records("activity_review", since=env.today, until=env.today)
        return TodayRead(planned_today(env.store, env.today),
                         reviews[-1].get("data", {}) if reviews else None)

    def compose(self) -> ComposeResult:
        read = self.today_read if isinstance(self.today_read, TodayRead) else TodayRead([], None)
        self.planned = read.planned
        text = self.step.text or ("How did today's plans go? Doing them is what counts; "
                                  "not doing them is fine too.")
        yield Static(literal(text), classes="step-text")
        if not self.planned:
            yield Static("Nothing was planned for today. That is all right: tomorrow's plan "
                         "can start small.", classes="question")
            return
        timed = any(activity.get("time") for activity in self.planned)
        names = [literal(activity.get("name", ""), one_line=True) for activity in self.planned]
        # The name column is as wide as the longest name (up to NAME_MOST), so the other
        # columns sit close by at any width; a name longer than the room left wraps onto
        # more lines (see run.tcss). The time has a column of its own and is never cut.
        name_width = min(NAME_MOST, max(len("Activity"), *(n.cell_length for n in names)))
        heads = [self._name_cell("Activity", name_width)]
        if timed:
            heads.append(Static("Time", classes="col-clock"))
        heads += [Static("Done", classes="col-done"), Static("Pleasure", classes="col-pleasure")]
        if self.step.ask_mastery:
            heads.append(Static("Achievement", classes="col-mastery"))
        yield Horizontal(*heads, classes="activity-head")
        for number, (activity, name) in enumerate(zip(self.planned, names), start=1):
            cells: list[Widget] = [self._name_cell(name, name_width)]
            if timed:
                cells.append(Static(literal(activity.get("time") or "", one_line=True),
                                    classes="col-clock"))
            cells += [Toggle(id=f"done-{number}", classes="col-done"),
                      entry("0-10", id=f"pleasure-{number}", classes="col-pleasure",
                            max_length=2, restrict=r"\d*")]
            if self.step.ask_mastery:
                cells.append(entry("0-10", id=f"mastery-{number}", classes="col-mastery",
                                   max_length=2, restrict=r"\d*"))
            yield Horizontal(*cells, classes="activity-row")
        yield Static("Space marks an activity done; Tab moves between fields.", classes="hint")

    @staticmethod
    def _name_cell(text: str | Content, width: int) -> Static:
        cell = Static(text, classes="col-name")
        cell.styles.max_width = width
        return cell

    def on_mount(self) -> None:
        """A second look the same day starts from what was said the first time."""
        read = self.today_read
        if isinstance(read, TodayRead) and read.reviewed is not None:
            self.restore(read.reviewed)

    def restore(self, data: dict[str, Any]) -> None:
        earlier = {a["id"]: a for a in mappings(data.get("activities"))
                   if isinstance(a.get("id"), str)}
        for number, activity in enumerate(self.planned, start=1):
            planned_id = activity.get("id")
            review = earlier.get(planned_id) if isinstance(planned_id, str) else None
            if not review:
                continue
            self.query_one(f"#done-{number}", Toggle).value = review.get("done") is True
            for kind in ("pleasure", "mastery"):
                found = self.query(f"#{kind}-{number}")
                score = review.get(kind)
                if found and isinstance(score, int) and 0 <= score <= 10:
                    found.first(Entry).show_saved(score)

    def _score(self, widget_id: str) -> int | None:
        found = self.query(f"#{widget_id}")
        if not found:
            return None
        text = found.first(Input).value.strip()
        return int(text) if text else None

    def problems(self) -> list[tuple[Widget | None, str]]:
        found: list[tuple[Widget | None, str]] = []
        for number in range(1, len(self.planned) + 1):
            for kind in ("pleasure", "mastery"):
                score = self._score(f"{kind}-{number}")
                if score is not None and score > 10:
                    found.append((self.query_one(f"#{kind}-{number}"),
                                  f"Ratings are 0 to 10 ({kind}, activity {number})."))
        return found

    def result(self) -> dict[str, Any] | None:
        reviewed = []
        for number, activity in enumerate(self.planned, start=1):
            pleasure = self._score(f"pleasure-{number}")
            mastery = self._score(f"mastery-{number}")
            done = self.query_one(f"#done-{number}", Toggle).value or pleasure is not None
            reviewed.append({"id": activity.get("id"), "name": activity.get("name"),
                             "predicted": activity.get("predicted"), "done": done,
                             "pleasure": pleasure, "mastery": mastery})
        return {"activities": reviewed}
