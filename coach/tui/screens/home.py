"""The home screen: the person's routines, and any routine file that failed to load."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.routine.catalog import Catalog
from coach.routine.model import Routine
from coach.tui.text import literal


class HomeScreen(Screen[None]):
    BINDINGS = [Binding("q", "app.quit", "Quit")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home-body"):
            with Vertical(id="routine-column"):
                yield Static("Your routines", classes="heading")
                yield OptionList(*self._options(), id="routines")
            yield Static(id="preview")
        if self.catalog.failures:
            yield Static(self._failures_text(), id="failures")
        yield Footer()

    def _options(self) -> list[Option]:
        options = []
        for routine in self.catalog.ordered():
            when = routine.schedule.describe() if routine.schedule else "any time"
            prompt = Content.assemble(literal(routine.title), "\n", (when, "dim"))
            options.append(Option(prompt, id=routine.id))
        return options

    def _failures_text(self) -> Content:
        lines = [Content.styled("Some routine files could not be loaded:", "bold")]
        for failure in self.catalog.failures:
            for problem in failure.problems:
                lines.append(literal(str(problem)))
        lines.append(Content.styled("Run 'coach validate' to check them after editing.", "dim"))
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        routines = self.query_one("#routines", OptionList)
        if routines.option_count:
            routines.highlighted = 0
        else:
            self.query_one("#preview", Static).update(
                "No routines yet. Run 'coach init' to copy the shipped ones.")

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        routine = self.catalog.routines.get(event.option.id or "")
        if routine is not None:
            self.query_one("#preview", Static).update(self._preview(routine))

    @staticmethod
    def _preview(routine: Routine) -> Content:
        parts = [Content.styled(routine.title, "bold")]
        if routine.description:
            parts.append(literal(routine.description))
        parts.append(Content(""))
        for number, step in enumerate(routine.steps, start=1):
            parts.append(Content.assemble(f"{number}. ", literal(step.title)))
        return Content("\n").join(parts)
