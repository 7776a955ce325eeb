"""coach's own commands in Textual's command palette: start a routine or a self-check,
"need something now", history, the support plan, settings and help. Routine titles are the
person's text, shown literally."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from coach.practice.questionnaires import FORMS
from coach.routine.catalog import Catalog
from coach.foundation.visible import visible


class SelfChecks(Protocol):
    """What opens a self-check (coach.tui.routine_start.RoutineStart)."""

    def start_check(self, form_key: str) -> None: ...


class CommandsApp(Protocol):
    """What the palette asks of the app (coach.tui.app.CoachApp), named here so that this
    module does not import the app, which lists it among its commands."""

    catalog: Catalog
    routines: SelfChecks

    def routine_open_now(self) -> str | None: ...
    def start_routine(self, routine_id: str | None, *, fresh: bool = False) -> None: ...
    def open_history(self) -> None: ...
    def action_support(self) -> None: ...
    def action_now(self) -> None: ...
    def settings_note(self) -> None: ...
    def action_help(self) -> None: ...


class CoachCommands(Provider):
    def commands(self) -> Iterator[tuple[str, Callable[[], object], str]]:
        """(name, what it does, help) for each command that makes sense now: a routine is
        started only from outside one."""
        app = cast(CommandsApp, self.app)
        if app.routine_open_now() is None:
            for routine in app.catalog.ordered():
                yield (f"Start {visible(routine.title, one_line=True)}",
                       partial(app.start_routine, routine.id), f"Run the routine {routine.id}")
            for form in FORMS.values():
                yield (f"Self-check: {form.name} ({form.about})",
                       partial(app.routines.start_check, form.key),
                       f"{len(form.items)} questions about the last 2 weeks; a total to bring "
                       "to a professional")
        yield ("Need something now", app.action_now,
               "Rate how you feel, then a short exercise that has helped you")
        yield "History", app.open_history, "What you recorded, day by day"
        yield "Support plan", app.action_support, "Your plan for harder days"
        yield "Settings", app.settings_note, "Where your settings are and how to change them"
        yield "Help", app.action_help, "Keys, the current step, and where your files are"

    async def discover(self) -> Hits:
        for name, run, help_text in self.commands():
            yield DiscoveryHit(Content(name), run, text=name, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, highlighted(name, matcher.fuzzy_search.match(query, name)[1]),
                          run, text=name, help=help_text)


def highlighted(name: str, offsets: Iterable[int]) -> Content:
    """`name` as it is (Textual's own highlight reads it as markup), the matched letters
    bold."""
    content = Content(name)
    for offset in offsets:
        content = content.stylize("bold underline", offset, offset + 1)
    return content
