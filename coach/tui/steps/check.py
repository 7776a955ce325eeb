"""A self-check (PHQ-9 or GAD-7): one question at a time, then the total and its range.

Calm by design: the form's stem once at the top, "3 of 9", the question, its four answers
chosen with 0-3 (or the arrows and Enter); Back (^p) returns to the question before with
its answer kept. The PHQ-9's unscored difficulty question follows its nine items. When
item 9 (thoughts of being better off dead or of hurting oneself) was answered above 0, a
quiet page comes before the score, every time: it says this matters, shows the people and
services of the person's own support plan (read in a worker thread), and offers the whole
plan. Nothing is stored until the score has been shown and the person goes on: the step
has no draft, so leaving part way keeps nothing.

Both forms ask about the last two weeks. A routine's check step whose form was taken fewer
than 14 days ago (in any routine, or on its own) opens on a short page instead of the first
question: Enter goes on without it today (recorded as skipped, as Skip would), t takes it
all the same. A self-check the person opened themselves always asks, with one line above
its first question saying when the last one was. Under the total, how it compares with the
form's last result. Each form's last result is read in the runner's worker (`read_today`),
from the routines' series, which keeps every total.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import OptionList, Static

from coach.insight.history import Check, checks_of_series
from coach.insight.self_checks import (last_line, last_results, not_yet_words, since_last_words,
                                       taken_lately)
from coach.practice.questionnaires import (
    ANSWERS,
    DIFFICULTY_ANSWERS,
    DIFFICULTY_QUESTION,
    ITEM_9,
    NOT_A_DIAGNOSIS,
    REPRODUCTION_NOTE,
    result_words,
    total,
)
from coach.routine.steps.check import CheckStep
from coach.support.plan import EDIT_COMMAND, NOT_FILLED_IN, SECTIONS, helplines
from coach.tui.app_access import coach_app
from coach.tui.steps.base import StepEnv, StepWidget
from coach.tui.text import literal
from coach.tui.widgets.glyphs import plain_words
from coach.tui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from coach.support.load import PlanResult

ITEM, DIFFICULTY, FOLLOW_UP, SCORE = "item", "difficulty", "follow-up", "score"
#: The page before item 1 in a routine, when the form was taken within two weeks.
NOT_YET = "not yet"

#: The page after item 9 answered above 0: what it says before the person's own plan.
FOLLOW_UP_WORDS = ("One of your answers was about thoughts of being better off dead or of "
                   "hurting yourself. Thank you for answering it honestly. Thoughts like these "
                   "matter, and you do not have to carry them alone. It can help to tell "
                   "someone soon: someone you trust, or your doctor or therapist.")
EMERGENCY = "If you are in danger now, call your local emergency number first."


def plan_lines(result: PlanResult) -> Content:
    """The people and the services of the person's plan, each whole; for the example plan
    (not filled in yet), its helplines and how to make it theirs."""
    from coach.tui.screens.support import entry_line

    plan = result.plan
    if result.is_example:
        lines = [Content(f"{NOT_FILLED_IN}. These lines are there for anyone:"),
                 *(entry_line(contact) for contact in helplines(plan)),
                 Content.assemble("Make the plan yours on a calmer day with: ",
                                  (EDIT_COMMAND, "bold"))]
        return Content("\n").join(lines)
    lines = []
    for field, heading, _ in SECTIONS:
        if field in ("people", "professionals") and (entries := getattr(plan, field)):
            lines.append(Content.styled(heading, "bold"))
            lines.extend(entry_line(contact) for contact in entries)
    if not lines:
        return Content.assemble("Your plan has no people or services in it yet; add them on a "
                                "calmer day with: ", (EDIT_COMMAND, "bold"))
    return Content("\n").join([Content("From your support plan:"), *lines])


class AnswerList(OptionList):
    """The four answers; a digit chooses one at once, Enter the one highlighted. Each choice
    goes straight to the step (not by a message), so answers typed fast land in order."""

    BINDINGS = [Binding(str(n), f"answer({n})", show=False) for n in range(4)]

    def __init__(self, chosen: Callable[[int], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._chosen = chosen

    def action_answer(self, value: int) -> None:
        self.highlighted = value
        self._chosen(value)

    def action_select(self) -> None:
        """Enter: the answer highlighted; with none yet, as Next, which asks for one."""
        if self.highlighted is not None:
            self._chosen(self.highlighted)
        else:
            self.call_later(self.app.run_action, "next", self.screen)


class NotYet(Vertical, can_focus=True):
    """The page before the first question when the form was taken within two weeks: it
    holds the keyboard, so t takes it now and Enter goes on without it."""

    BINDINGS = [Binding("t", "take_now", "Take it now")]

    def __init__(self, take_now: Callable[[], None], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._take_now = take_now

    def action_take_now(self) -> None:
        self._take_now()


class FollowUp(Vertical, can_focus=True):
    """The page after item 9: it holds the keyboard, so its key works and Enter goes on."""

    BINDINGS = [Binding("p", "open_plan", "Your support plan")]

    def action_open_plan(self) -> None:
        coach_app(self).action_support()


class Score(Vertical, can_focus=True):
    """The total: it holds the keyboard, so Enter finishes."""


class CheckWidget(ReportsWorkerErrors, StepWidget):
    step_type = "check"
    reads_today = True
    step: CheckStep

    DEFAULT_CSS = """
    CheckWidget #check-stem { padding: 1 0 0 0; }
    CheckWidget #check-position { padding: 1 0 0 0; color: $text-muted; }
    CheckWidget #check-question { text-style: bold; }
    CheckWidget AnswerList { height: auto; margin: 1 0 0 0; border: none; padding: 0; }
    CheckWidget AnswerList:focus { border: none; }
    CheckWidget AnswerList > .option-list--option-highlighted {
        text-style: $no-color-emphasis;
    }
    CheckWidget .check-hint { color: $text-muted; padding: 1 0 0 0; }
    CheckWidget #check-last { padding: 1 0 0 0; color: $text-muted; }
    CheckWidget NotYet, CheckWidget FollowUp, CheckWidget Score {
        height: auto; padding: 1 0 0 0;
    }
    CheckWidget NotYet > Static, CheckWidget FollowUp > Static, CheckWidget Score > Static {
        padding: 0 0 1 0;
    }
    CheckWidget NotYet > .keys, CheckWidget FollowUp > .keys, CheckWidget Score > .keys {
        color: $text-muted;
    }
    CheckWidget #check-total { text-style: bold; }
    CheckWidget #check-since { margin: 1 0 0 0; }
    CheckWidget #check-note { color: $text-muted; }
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.form = self.step.form
        self.answers: list[int | None] = [None] * len(self.form.items)
        self.difficulty: int | None = None
        #: Where the person is among `stages()`.
        self.at = 0
        self._plan_asked = False
        #: The form was taken within two weeks: a routine's step opens on a page that says
        #: so (`asks_first`); one the person opened themselves says it above item 1.
        self.asks_first = False
        self.says_last = False

    @classmethod
    def read_today(cls, env: StepEnv) -> dict[str, Check]:
        """Each form's last result up to today (the routines' series keeps every total)."""
        return last_results(checks_of_series(env.store.series()), env.today)

    # -- what is shown -----------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        read = self.today_read if isinstance(self.today_read, dict) else {}
        key, today = self.form.key, self.env.today
        self.last_result: Check | None = read.get(key)
        last = None if self.last_result is None else self.last_result.day
        lately = last if last is not None and taken_lately(last, today) is not None else None
        self.asks_first = lately is not None and not self.env.on_its_own
        self.says_last = lately is not None and self.env.on_its_own
        if self.step.text:
            yield Static(literal(self.step.text), classes="step-text")
        with NotYet(self.take_now, id="check-not-yet"):
            yield Static(not_yet_words(key, lately, today) if lately and self.asks_first else "")
            yield Static(Content.assemble(("Enter", "bold"), " go on without it today · ",
                                          ("t", "bold"), " take it now anyway"), classes="keys")
        yield Static(last_line(key, lately, today) if lately and self.says_last else "",
                     id="check-last")
        yield Static(self.form.stem, id="check-stem")
        yield Static(id="check-position")
        yield Static(id="check-question")
        yield AnswerList(self._chosen, id="check-answers")
        yield Static(classes="check-hint", id="check-hint")
        with FollowUp(id="check-follow-up"):
            yield Static(FOLLOW_UP_WORDS)
            yield Static(EMERGENCY)
            opening = plain_words("Opening your plan…", coach_app(self).plain)
            yield Static(Content.styled(opening, "dim"), id="check-plan")
            yield Static(Content.assemble(("p", "bold"), " your whole support plan · ",
                                          ("Enter", "bold"), " go on"), classes="keys")
        with Score(id="check-score"):
            yield Static(id="check-total")
            yield Static(id="check-since")
            yield Static(NOT_A_DIAGNOSIS)
            yield Static(REPRODUCTION_NOTE, id="check-note")
            yield Static(Content.assemble(("Enter", "bold"), " go on"), classes="keys")

    def on_mount(self) -> None:
        self._show()

    def stages(self) -> list[tuple[str, int]]:
        """Each page in order: the page saying the form was taken lately (in a routine), every
        item, the difficulty question, the follow-up page when item 9 calls for it, and the
        score."""
        pages = [(NOT_YET, 0)] if self.asks_first else []
        pages.extend((ITEM, i) for i in range(len(self.form.items)))
        if self.form.asks_difficulty:
            pages.append((DIFFICULTY, 0))
        if self._follows_up():
            pages.append((FOLLOW_UP, 0))
        pages.append((SCORE, 0))
        return pages

    def _follows_up(self) -> bool:
        return self.form.key == "phq9" and (self.answers[ITEM_9] or 0) > 0

    @property
    def stage(self) -> tuple[str, int]:
        return self.stages()[self.at]

    def _show(self) -> None:
        kind, index = self.stage
        asking = kind in (ITEM, DIFFICULTY)
        for name in ("check-stem", "check-position", "check-question", "check-answers",
                     "check-hint"):
            self.query_one(f"#{name}").display = asking
        self.query_one("#check-stem").display = kind == ITEM
        self.query_one("#check-last").display = self.says_last and kind == ITEM and index == 0
        self.query_one(NotYet).display = kind == NOT_YET
        self.query_one(FollowUp).display = kind == FOLLOW_UP
        self.query_one(Score).display = kind == SCORE
        answers = self.query_one(AnswerList)
        self.query_one("#check-hint", Static).update(Content.assemble(
            ("0-3", "bold"), " or the arrows and ", ("Enter", "bold"), " to answer",
            *((" · ", ("^p", "bold"), " back") if self.at > 0 else ())))
        if kind == ITEM:
            count = len(self.form.items)
            self.query_one("#check-position", Static).update(
                Content.styled(f"{index + 1} of {count}", "dim"))
            self._ask(self.form.items[index], ANSWERS, self.answers[index])
        elif kind == DIFFICULTY:
            self.query_one("#check-position", Static).update(
                Content.styled("One more question, not counted in the total", "dim"))
            self._ask(DIFFICULTY_QUESTION, DIFFICULTY_ANSWERS, self.difficulty)
        elif kind == FOLLOW_UP:
            self._read_plan()
        else:
            self.query_one("#check-total", Static).update(result_words(self.form, self._total()))
            since = since_last_words(self.form.key, self.last_result, self._total(),
                                     self.env.today)
            self.query_one("#check-since", Static).update(since or "")
            self.query_one("#check-since").display = since is not None
        if self.is_attached and self.screen.is_current:
            self.focus_first()
            self.screen.refresh_bindings()
        answers.scroll_visible(animate=False)

    def _ask(self, question: str, options: tuple[str, ...], chosen: int | None) -> None:
        self.query_one("#check-question", Static).update(question)
        answers = self.query_one(AnswerList)
        answers.clear_options()
        answers.add_options([f"{n}  {text}" for n, text in enumerate(options)])
        answers.highlighted = chosen

    def focus_first(self) -> None:
        kind, _ = self.stage
        target: Widget = {NOT_YET: self.query_one(NotYet), FOLLOW_UP: self.query_one(FollowUp),
                          SCORE: self.query_one(Score)}.get(kind, self.query_one(AnswerList))
        self.screen.set_focus(target)

    # -- moving through the pages ------------------------------------------------------------

    def _chosen(self, value: int) -> None:
        kind, index = self.stage
        if kind == ITEM:
            self.answers[index] = value
        elif kind == DIFFICULTY:
            self.difficulty = value
        else:
            return
        self.show_problems([])
        self._forward()

    def take_now(self) -> None:
        """t on the page before the questions: the questions, as usual."""
        if self.stage[0] == NOT_YET:
            self._forward()

    def _forward(self) -> None:
        self.at = min(self.at + 1, len(self.stages()) - 1)
        self._show()

    def _given(self) -> bool:
        kind, index = self.stage
        if kind == ITEM:
            return self.answers[index] is not None
        if kind == DIFFICULTY:
            return self.difficulty is not None
        return True

    def next_stage(self) -> bool:
        """Next on a question with its answer, or on the follow-up page: the page after.
        On the score, False: the step is done; on the page before the questions, False with
        nothing to store: the routine goes on without it."""
        kind, _ = self.stage
        if kind in (NOT_YET, SCORE) or not self._given():
            return False
        self._forward()
        return True

    def back_stage(self) -> bool:
        if self.at == 0:
            return False
        self.at -= 1
        self.show_problems([])
        self._show()
        return True

    def has_stage_before(self) -> bool:
        return self.at > 0

    def missing(self) -> list[tuple[Widget, str]]:
        kind, _ = self.stage
        if kind in (NOT_YET, SCORE):
            return []
        return [(self.query_one(AnswerList), "Choose one of the four answers: 0 to 3, or the "
                 "arrows and Enter. To leave the self-check for now, press Esc.")]

    def next_label(self) -> str | None:
        return "Not today" if self.stage[0] == NOT_YET else None

    def _total(self) -> int:
        return total(self.form, [a or 0 for a in self.answers])

    def result(self) -> dict[str, Any] | None:
        """Only once the score has been shown: before that there is nothing to store."""
        if self.stage[0] != SCORE or any(a is None for a in self.answers):
            return None
        return {"form": self.form.key, "answers": list(self.answers),
                "difficulty": self.difficulty if self.form.asks_difficulty else None,
                "total": self._total()}

    def restore(self, data: dict[str, Any]) -> None:
        """Back to a self-check done earlier in this run: its answers, on its score."""
        answers = data.get("answers")
        if data.get("form") != self.form.key or not isinstance(answers, list):
            return
        try:
            total(self.form, answers)
        except ValueError:
            return
        self.answers = list(answers)
        self.asks_first = False  # taken in this run: its score, not the page
        difficulty = data.get("difficulty")
        self.difficulty = difficulty if difficulty in (0, 1, 2, 3) else None
        self.at = len(self.stages()) - 1
        if self.is_mounted:
            self._show()

    # -- the person's own plan, for the follow-up page ---------------------------------------

    def _read_plan(self) -> None:
        if not self._plan_asked:
            self._plan_asked = True
            self._load_plan()

    @work(thread=True, exit_on_error=False, group="check-plan")
    def _load_plan(self) -> None:
        try:
            result = coach_app(self).support_loader()
        except Exception:  # the loader reports its own problems; this is a last guard
            lines = Content("Your plan could not be opened just now; ^g tries again.")
        else:
            lines = plan_lines(result)
        self.app.call_from_thread(self.query_one("#check-plan", Static).update, lines)
