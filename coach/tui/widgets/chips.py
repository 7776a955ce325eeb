"""Words to pick from, laid out in wrapped lines: arrows move, space toggles."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget

from coach.tui.app_access import coach_app
from coach.tui.text import literal
from coach.tui.widgets.glyphs import plain_words


class Chips(Widget, can_focus=True):
    DEFAULT_CSS = """
    Chips { height: auto; padding: 0 1; }
    Chips:focus { background: $boost; }
    """
    BINDINGS = [
        Binding("left", "move(-1)", show=False),
        Binding("right", "move(1)", show=False),
        Binding("space", "pick", "Pick", show=False),
    ]

    cursor: reactive[int] = reactive(0)
    """The word the arrow keys are on."""
    chosen: reactive[frozenset[int]] = reactive(frozenset())
    """The positions of the picked words."""

    def __init__(self, words: tuple[str, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.words = words

    def render(self) -> Content:
        width = max(20, (self.size.width or 76) - 2)
        lines: list[Content] = []
        line = Content("")
        for index, word in enumerate(self.words):
            mark = "●" if index in self.chosen else "○"
            chip = Content.assemble(f"{mark} ", literal(word))
            if index == self.cursor and self.has_focus:
                chip = chip.stylize("reverse underline")  # the row itself is never reversed
            elif index in self.chosen:
                chip = chip.stylize("bold $accent")
            if line.cell_length and line.cell_length + chip.cell_length + 2 > width:
                lines.append(line)
                line = Content("")
            line = Content.assemble(line, "  " if line.cell_length else "", chip)
        lines.append(line)
        lines.append(Content.styled(
            plain_words("←/→ to move, space to pick", coach_app(self).plain), "dim"))
        return Content("\n").join(lines)

    def action_move(self, delta: int) -> None:
        if self.words:
            self.cursor = (self.cursor + delta) % len(self.words)

    def action_pick(self) -> None:
        """Pick the word under the cursor, or put it back."""
        self.chosen = self.chosen ^ {self.cursor}

    def selected(self) -> list[str]:
        return [self.words[i] for i in sorted(self.chosen)]
