""""I need something now": rate how you feel, do an exercise that has helped you, rate again.

One screen, in stages: the distress rating (0-10), at 9 or 10 first a gentle offer of
the support plan, two or three suggested exercises (coach.insight.suggest, each with why),
the exercise itself (the step's own widget, as a routine shows it), the rating again, and
the change in one kind sentence, then another exercise or done. When two exercises have
not brought the rating down, the support plan is offered again before a third.

Each exercise is recorded as a step of the reserved routine `_now` (no session records:
nothing is "finished"), with the ratings around it and its key, through the app's saves,
so it feeds the same figures as any rated exercise. The person's past ratings and the
exercises they set aside are read in a worker thread.
"""

from __future__ import annotations

import textwrap
import uuid
from dataclasses import dataclass
from datetime import datetime
from functools import partial
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.foundation.values import StepOutcome
from coach.insight.not_for_me import NotForMe
from coach.insight.progress import format_duration
from coach.insight.suggest import (Suggestion, Tried, came_down, change_sentence, suggest_from,
                                   with_rating)
from coach.routine.now_exercises import Exercise, now_exercises
from coach.store import StoreError
from coach.store.records import NOW_ROUTINE
from coach.tui.app_access import coach_app
from coach.tui.screens.typing_keeper import draft_data
from coach.tui.steps import WIDGETS, StepWidget
from coach.tui.steps.base import on_the_clock
from coach.tui.steps.timed import DISTRESS_QUESTION
from coach.tui.text import literal
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.widgets.rating import Rating
from coach.tui.worker_errors import ReportsWorkerErrors

#: From this rating the support plan is offered before any exercise.
VERY_HIGH = 9
#: After this many exercises that have not brought the rating down, the plan comes first.
TRIED_BEFORE_OFFER = 2
AFTER_QUESTION = "And now? How distressed or tense do you feel?"
ASK_FOR_NUMBER = "Choose a number from 0 to 10 (a digit or the arrows), or press ^s to skip."
HIGH_OFFER = ("That sounds really hard right now. Your support plan is one key away: what "
              "you wrote for moments like this, and the people you can reach. If you are in "
              "danger now, call your local emergency number first.")
NO_DROP_OFFER = ("Two exercises have not brought it down yet. That happens, and it says "
                 "nothing about you. Your support plan is here too, with what you wrote for "
                 "times like this and the people you can reach.")


class Choices(OptionList):
    """The suggestions (or the exercises set aside); Enter takes the highlighted one."""

    BINDINGS = [Binding("enter", "select", "Start")]


class SetAside(OptionList):
    BINDINGS = [Binding("enter", "select", "Bring back")]


@dataclass
class Done:
    """One exercise of this visit."""

    exercise: Exercise
    before: int | None
    after: int | None


def exercise_length(exercise: Exercise) -> str:
    step = exercise.step
    seconds = getattr(step, "length_seconds", None) or step.typical_seconds
    return format_duration(seconds)


class NowScreen(ReportsWorkerErrors, Screen[None]):
    #: Reminders wait on home rather than appear over this screen (see tui.reminders).
    HOLDS_REMINDER_TOASTS = True
    CSS_PATH = ["run.tcss", "now.tcss"]
    BINDINGS = [
        Binding("enter", "next", "Go on"),
        Binding("ctrl+s", "skip", "Skip", priority=True),
        Binding("p", "plan", "Support plan"),
        Binding("1", "start(0)", "Start 1", show=False),
        Binding("2", "start(1)", "Start 2", show=False),
        Binding("3", "start(2)", "Start 3", show=False),
        Binding("x", "not_for_me", "Not for me"),
        Binding("u", "set_aside", "Not for me list"),
        Binding("a", "another", "Another exercise"),
        Binding("space", "pause", "Pause"),
        Binding("escape", "leave", "Leave"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.stage = "before"
        self.session_id = uuid.uuid4().hex
        #: The rating the next exercise starts from (the last one given).
        self.rating: int | None = None
        self.done: list[Done] = []
        self.suggestions: list[Suggestion] = []
        self.exercise: Exercise | None = None
        self.widget: StepWidget | None = None
        self.started: datetime | None = None
        self.result: dict[str, Any] | None = None
        #: What the ratings and the "not for me" file held, once read (None until then).
        self.tried: dict[str, Tried] | None = None
        self.not_for_me: NotForMe | None = None
        self._paused_while_covered = False
        #: The exercise under way was kept on the way out (so it is never stored twice).
        self._kept = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="now-header"):
            yield Static("Need something now", id="now-title")
        yield VerticalScroll(id="now-body")
        yield KeyBar()

    async def on_mount(self) -> None:
        self._read()
        await self._show_rating("before")

    @work(thread=True, exit_on_error=False, group="now-read")
    def _read(self) -> None:
        """The person's past ratings and their "not for me" list, in a worker thread."""
        from coach.insight.suggest import tried_of_series

        app = coach_app(self)
        tried = tried_of_series(app.store.series())
        marks = NotForMe(app.store.directory)
        app.call_from_thread(self._read_done, tried, marks)

    def _read_done(self, tried: dict[str, Tried], marks: NotForMe) -> None:
        self.tried, self.not_for_me = tried, marks
        if self.stage in ("choose", "set-aside"):
            self.call_later(self._show_stage, self.stage)

    # -- stages ----------------------------------------------------------------------------

    async def _body(self, *widgets: Any) -> VerticalScroll:
        body = self.query_one("#now-body", VerticalScroll)
        self.widget = None
        await body.remove_children()
        await body.mount_all(widgets)
        body.scroll_home(animate=False)
        return body

    async def _show_rating(self, stage: str) -> None:
        self.stage = stage
        question = DISTRESS_QUESTION if stage == "before" else AFTER_QUESTION
        lead = [] if stage == "before" or self.exercise is None else [
            Static(Content.assemble(literal(self.exercise.title), " is done."
                                    ).stylize("dim"), classes="now-lead")]
        rating = Rating("calm", "very distressed", id="now-rating")
        await self._body(*lead, Static(question, classes="question"), rating,
                         Static(id="now-ask", classes="now-ask"))
        self.set_focus(rating)
        self.refresh_bindings()

    async def _show_stage(self, stage: str) -> None:
        self.stage = stage
        if stage in ("offer-high", "offer-tried"):
            words = HIGH_OFFER if stage == "offer-high" else NO_DROP_OFFER
            await self._body(Static(words, classes="now-offer"), Static(Content.assemble(
                "Press ", ("p", "bold"), " to open your support plan, or ", ("Enter", "bold"),
                " to go on to an exercise."), classes="hint"))
        elif stage == "choose":
            await self._show_choices()
        elif stage == "set-aside":
            await self._show_set_aside()
        self.refresh_bindings()

    async def _show_choices(self) -> None:
        if self.tried is None or self.not_for_me is None:
            await self._body(Static(Content.styled("Looking at what has helped you before…",
                                                   "dim")))
            return
        app = coach_app(self)
        self.suggestions = suggest_from(now_exercises(app.catalog.ordered()), self.tried,
                                   app.store.today(), self.not_for_me.keys)
        lead = ("Here are a few things that may help." if self.rating is None
                else f"You rated your distress {self.rating}. Here are a few things that may help.")
        options = Choices(*[Option(self._choice(n, s), id=s.exercise.key)
                               for n, s in enumerate(self.suggestions)], id="now-choices")
        aside = len(self.not_for_me.keys)
        note = Content.styled(
            f"{aside} exercise{'s' if aside != 1 else ''} set aside as not for you: "
            "u to see them and bring one back." if aside else
            "x sets the highlighted one aside as not for you; you can bring it back later.",
            "dim")
        if not self.suggestions:
            await self._body(Static(lead, classes="question"), Static(
                "Every exercise is set aside as not for you. Press u to bring one back.",
                classes="now-offer"))
            return
        await self._body(Static(lead, classes="question"), options,
                         Static(note, classes="hint"))
        self.set_focus(options)

    def _choice(self, n: int, suggestion: Suggestion) -> Content:
        """Its number, title and length, then why and where it is from, each line wrapped
        under the title (an option's own wrapping would start lines at its edge)."""
        exercise = suggestion.exercise
        width = max(24, self.app.size.width - 12)  # the body's padding, the list's border
        head = textwrap.wrap(f"{exercise.title} · about {exercise_length(exercise)}", width)
        why = suggestion.reason[0].upper() + suggestion.reason[1:]
        if exercise.routine_title:
            why += f" · from {exercise.routine_title}"
        lines = [literal(head[0]).stylize("bold"),
                 *(literal(line).stylize("bold") for line in head[1:]),
                 *(literal(line).stylize("italic") for line in textwrap.wrap(why, width))]
        return Content.assemble((f"{n + 1}  ", "bold"), Content("\n   ").join(lines))

    def on_resize(self) -> None:
        if self.stage == "choose" and self.query("#now-choices"):
            options = self.query_one("#now-choices", OptionList)
            for n, suggestion in enumerate(self.suggestions):
                options.replace_option_prompt_at_index(n, self._choice(n, suggestion))

    async def _show_set_aside(self) -> None:
        marks = self.not_for_me
        if marks is None:
            return
        app = coach_app(self)
        titles = {e.key: e for e in now_exercises(app.catalog.ordered())}
        options = SetAside(*[Option(self._aside_line(key, titles.get(key)), id=key)
                               for key in marks.keys], id="now-aside")
        words = ("Set aside as not for you. Enter brings the highlighted one back; Esc goes "
                 "back to the suggestions." if marks.keys else
                 "Nothing is set aside. Esc goes back to the suggestions.")
        await self._body(Static(words, classes="question"), options)
        self.set_focus(options)

    @staticmethod
    def _aside_line(key: str, exercise: Exercise | None) -> Content:
        if exercise is None:  # a step of a routine that is gone since
            return Content.assemble(literal(key), (" · no longer in your routines", "dim"))
        where = f" · from {exercise.routine_title}" if exercise.routine_title else ""
        return Content.assemble(literal(exercise.title), literal(where).stylize("dim"))

    async def _start(self, exercise: Exercise) -> None:
        self.stage = "exercise"
        self.exercise = exercise
        self._kept = False
        env = coach_app(self).routines.step_env()
        widget = WIDGETS[exercise.step.type_name](exercise.step, env)
        title = Static(literal(exercise.title), id="now-step-title")
        await self._body(title, widget)
        self.widget = widget
        self.started = env.store.now()
        widget.focus_first()
        self.refresh_bindings()

    async def _end_exercise(self) -> None:
        widget = self.widget
        if widget is None:
            return
        self.result = widget.result()
        await self._show_rating("after")

    async def _rated_after(self, after: int | None) -> None:
        exercise = self.exercise
        assert exercise is not None
        before = self.rating
        self._record(exercise, before, after)
        self.done.append(Done(exercise, before, after))
        if after is not None:
            self.rating = after
        self.stage = "change"
        await self._body(Static(change_sentence(before, after), classes="now-change"),
                         Static(Content.assemble(
                             "Press ", ("a", "bold"), " for another exercise, or ",
                             ("Enter", "bold"), " when you are done."), classes="hint"))
        self.refresh_bindings()

    def _record(self, exercise: Exercise, before: int | None, after: int | None, *,
                at_once: bool = False) -> None:
        app = coach_app(self)
        store = app.store
        data = dict(self.result or {})
        if before is not None:
            data["distress_before"] = before
        if after is not None:
            data["distress_after"] = after
        data["exercise"] = exercise.key
        outcome = StepOutcome(exercise.key, exercise.step.type_name, "done",
                              self.started or store.now(), store.now(), data)
        record = store.step_record(NOW_ROUTINE, self.session_id, outcome, day=store.today())
        if not at_once:
            app.saves.save_record(store.add, record)
        else:  # the terminal is gone: written in this thread, as a routine's steps are
            try:
                store.add(record)
            except StoreError:  # kept in a file of its own as coach ends
                app.saves.not_written.append(record)
        if self.tried is not None and before is not None and after is not None:
            self.tried = with_rating(self.tried, exercise.key, store.today(), before, after)

    def _no_drop_yet(self) -> bool:
        """Two exercises or more, and the rating is not below where this visit began."""
        first = next((d.before for d in self.done if d.before is not None), None)
        return len(self.done) >= TRIED_BEFORE_OFFER and not came_down(first, self.rating)

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        stage = self.stage
        if action == "skip":
            return stage in ("before", "after")
        if action == "plan":
            return stage in ("offer-high", "offer-tried")
        if action in ("start", "not_for_me"):
            return stage == "choose" and bool(self.suggestions)
        if action == "set_aside":
            return stage == "choose" and bool(self.not_for_me and self.not_for_me.keys)
        if action == "another":
            return stage == "change"
        if action == "pause":
            clocked = on_the_clock(self.widget)
            return stage == "exercise" and clocked is not None and clocked.stage == "exercise"
        return True

    def binding_label(self, action: str) -> str | None:
        if action == "next":
            return {"choose": "Start", "set-aside": "Bring back", "exercise": "Done",
                    "change": "Done", "offer-high": "An exercise",
                    "offer-tried": "An exercise"}.get(self.stage)
        if action == "leave":
            return "Back" if self.stage == "set-aside" else None
        if action == "pause":
            clocked = on_the_clock(self.widget)
            return "Resume" if clocked is not None and clocked.is_paused else None
        return None

    async def action_next(self) -> None:
        stage = self.stage
        if stage in ("before", "after"):
            rating = self.query_one("#now-rating", Rating)
            if rating.value is None:
                self.query_one("#now-ask", Static).update(ASK_FOR_NUMBER)
                return
            await self._rated(rating.value)
        elif stage in ("offer-high", "offer-tried"):
            await self._show_stage("choose")
        elif stage == "choose":
            options = self.query("#now-choices")
            if options and (index := options.first(OptionList).highlighted) is not None:
                await self.action_start(index)
        elif stage == "set-aside":
            await self._bring_back()
        elif stage == "exercise" and self.widget is not None:
            if self.widget.next_stage():
                self.refresh_bindings()
                return
            await self._end_exercise()
        elif stage == "change":
            self.dismiss(None)

    async def _rated(self, value: int | None) -> None:
        if self.stage == "before":
            self.rating = value
            high = value is not None and value >= VERY_HIGH
            await self._show_stage("offer-high" if high else "choose")
        else:
            await self._rated_after(value)

    async def action_skip(self) -> None:
        if self.stage in ("before", "after"):
            await self._rated(None)

    async def on_step_widget_advance(self, event: StepWidget.Advance) -> None:
        event.stop()
        await self.action_next()

    async def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        await self.action_next()

    def action_plan(self) -> None:
        coach_app(self).action_support()

    async def action_start(self, index: int) -> None:
        if self.stage == "choose" and 0 <= index < len(self.suggestions):
            await self._start(self.suggestions[index].exercise)

    async def action_not_for_me(self) -> None:
        options = self.query("#now-choices")
        marks = self.not_for_me
        if not options or marks is None:
            return
        index = options.first(OptionList).highlighted
        if index is None or not 0 <= index < len(self.suggestions):
            return
        exercise = self.suggestions[index].exercise
        coach_app(self).saves.save(partial(marks.write, marks.set(exercise.key, aside=True)))
        self.notify(f"{exercise.title} is set aside as not for you. Press u to bring it back.",
                    title="Not for me", markup=False)
        await self._show_stage("choose")

    async def action_set_aside(self) -> None:
        await self._show_stage("set-aside")

    async def _bring_back(self) -> None:
        options = self.query("#now-aside")
        marks = self.not_for_me
        if not options or marks is None:
            return
        option_list = options.first(OptionList)
        index = option_list.highlighted
        if index is None:
            return
        key = str(option_list.get_option_at_index(index).id)
        coach_app(self).saves.save(partial(marks.write, marks.set(key, aside=False)))
        self.notify("It can be suggested again.", title="Brought back", markup=False)
        await self._show_stage("set-aside" if marks.keys else "choose")

    async def action_another(self) -> None:
        if self.stage != "change":
            return
        await self._show_stage("offer-tried" if self._no_drop_yet() else "choose")

    def action_pause(self) -> None:
        clocked = on_the_clock(self.widget)
        if clocked is None:
            return
        if clocked.is_paused:
            clocked.resume()
        else:
            clocked.pause()
        self.refresh_bindings()

    async def action_leave(self) -> None:
        if self.stage == "set-aside":
            await self._show_stage("choose")
            return
        self.keep_for_later()
        self.dismiss(None)

    def keep_for_later(self, *, at_once: bool = False) -> bool:
        """Keep the exercise under way (what was typed in it, the rating before) when the
        person leaves, quits or the terminal goes: whether there was one to keep."""
        if self.stage not in ("exercise", "after") or self.exercise is None or self._kept:
            return False
        if self.stage == "exercise" and self.widget is not None:
            self.result = draft_data(self.widget) or self.widget.result()
        self._record(self.exercise, self.rating, None, at_once=at_once)
        self._kept = True
        return True

    # -- another screen over this one ------------------------------------------------------

    def on_screen_suspend(self) -> None:
        """The support plan came over the exercise: it waits."""
        clocked = on_the_clock(self.widget)
        if clocked is not None and clocked.stage == "exercise" and not clocked.is_paused:
            clocked.pause()
            self._paused_while_covered = True

    def on_screen_resume(self) -> None:
        if self._paused_while_covered:
            self._paused_while_covered = False
            clocked = on_the_clock(self.widget)
            if clocked is not None and clocked.is_paused:
                clocked.resume()
        self.refresh_bindings()
