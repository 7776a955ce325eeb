"""Help, one key away (? or F1): the keys of the screen it was opened from, what the current
step asks and why it helps, and where coach keeps its files.

A modal screen over wherever the person was, so Esc returns them there as they left it.
What it shows is gathered when it opens, from the screen below.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from coach.practice.why import STEP_WHY
from coach.tui.text import literal
from coach.tui.widgets.key_bar import KeyBar, shown_keys

#: How the help key is named here: the footer has room for ? only.
HELP_KEYS = "? or F1"
EDIT_SETTINGS = "coach edit settings"


def keys_of(screen: Screen[object]) -> list[tuple[str, Content]]:
    """The keys the footer shows on `screen`, each as (key, what it does)."""
    app = screen.app
    keys = [(app.get_key_display(binding), label) for binding, label in shown_keys(screen)]
    return [(HELP_KEYS if key == "?" else key, label) for key, label in keys]


def step_of(screen: Screen[object]) -> tuple[str, str] | None:
    """(step title, step type) when `screen` runs a routine."""
    from coach.tui.screens.run import RunScreen

    if not isinstance(screen, RunScreen):
        return None
    step = screen.routine_run.current
    return (step.title, step.type_name) if step is not None else None


def file_places() -> list[tuple[str, str]]:
    """Where the person's files are, as coach.foundation.paths says (what, path)."""
    from coach.foundation.paths import config_dir, data_dir, support_file, user_routines_dir
    from coach.config.settings import SETTINGS_FILE_NAME

    return [("Your routines", str(user_routines_dir())),
            ("Settings", str(config_dir() / SETTINGS_FILE_NAME)),
            ("Your support plan", str(support_file())),
            ("Your records", str(data_dir()))]


def help_text(keys: list[tuple[str, Content]], step: tuple[str, str] | None,
              places: list[tuple[str, str]]) -> Content:
    blocks: list[Content] = []
    if step is not None:
        title, type_name = step
        asks, why = STEP_WHY.get(type_name, STEP_WHY["instruction"])
        blocks.append(Content("\n").join([
            Content.assemble(("This step: ", "bold $accent"), literal(title, one_line=True)),
            Content(asks),
            Content.styled(f"Why it helps: {why}", "italic")]))
    width = max((len(key) for key, _ in keys), default=0)
    lines = [Content.styled("Keys here", "bold $accent")]
    lines.extend(Content.assemble((key.ljust(width), "bold"), "  ", label) for key, label in keys)
    blocks.append(Content("\n").join(lines))
    lines = [Content.styled("Where your files are", "bold $accent")]
    lines.extend(Content.assemble((f"{what}: ", "dim"), literal(where, one_line=True))
                 for what, where in places)
    lines.append(Content.styled(f"Change settings with: {EDIT_SETTINGS} (coach reads them "
                                "when it opens).", "dim"))
    blocks.append(Content("\n").join(lines))
    return Content("\n\n").join(blocks)


class HelpScreen(ModalScreen[None]):
    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape", "close", "Back"),
                Binding("question_mark", "close", "Back", show=False),
                Binding("f1", "close", "Back", show=False)]

    def __init__(self, below: Screen[object]) -> None:
        super().__init__()
        self._text = help_text(keys_of(below), step_of(below), file_places())

    def compose(self) -> ComposeResult:
        with Vertical(id="help-dialog"):
            yield Static("Help", id="help-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(self._text, id="help-body")
        yield KeyBar()

    def action_close(self) -> None:
        self.dismiss(None)
