"""A 0-10 rating: arrow keys or digits (1 then 0 for ten), with the ends labelled.

No number is chosen until the person chooses one: the scale shows no mark and says
"choose 0-10", the first arrow starts in the middle (5), and a digit chooses at once. A
step that needs the number asks for it when Next is pressed without one (`missing()` in
coach.tui.steps.base); an `optional` scale says it may be left out."""

from __future__ import annotations

import time

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from coach.tui.app_access import coach_app
from coach.tui.widgets.glyphs import MARKER, focus_marker, plain_words

TEN_WINDOW_SECONDS = 1.0
#: Columns the scale takes with a space between numbers; narrower, the numbers close up.
FULL_WIDTH = 46


class Rating(Widget, can_focus=True):
    DEFAULT_CSS = """
    Rating { height: 3; width: auto; min-width: 28; padding: 0 1; }
    Rating:focus { background: $boost; }
    """
    BINDINGS = [
        Binding("left", "change(-1)", "Lower", show=False),
        Binding("right", "change(1)", "Higher", show=False),
        Binding("home", "set(0)", show=False),
        Binding("end", "set(10)", show=False),
    ]

    value: reactive[int | None] = reactive(None)
    """The chosen rating, None until the person picks one."""

    class Changed(Message):
        def __init__(self, rating: Rating, value: int) -> None:
            super().__init__()
            self.rating = rating
            self.value = value

    def __init__(self, low: str = "worst", high: str = "best", *, id: str | None = None,
                 optional: bool = False) -> None:
        super().__init__(id=id)
        self.low = low
        self.high = high
        self.optional = optional
        self._last_one_at = 0.0

    def render(self) -> Content:
        # The chosen number is in brackets as well as reversed, and a focused scale has a
        # marker at its start: both read without colour (NO_COLOR), where a background or a
        # reversed row would hide the chosen number.
        compact = bool(self.size.width) and self.size.width < FULL_WIDTH
        plain = coach_app(self).plain
        cells = [Content.styled(focus_marker(self.has_focus, plain), "bold")]
        for number in range(11):
            if number == self.value:
                cells.append(Content.styled(f"[{number}]", "reverse bold"))
            else:  # narrow: " 0 1 2", the chosen one taking a column more
                cells.append(Content(f" {number}" if compact else f" {number} "))
            if not compact and number < 10:
                cells.append(Content(" "))
        scale = Content.assemble(*cells)
        gap = max(1, scale.cell_length - len(MARKER) - len(self.low) - len(self.high))
        ends = Content.styled(f"{' ' * len(MARKER)}{self.low}{' ' * gap}{self.high}", "dim")
        how = "←/→ or 0-9" if compact else "←/→ or a digit (1 then 0 for 10)"
        if self.value is None:
            how = f"{'optional' if self.optional else 'choose 0-10'}: {how}"
        hint = Content.styled(f"{' ' * len(MARKER)}{plain_words(how, plain)}", "dim")
        return Content("\n").join([scale, ends, hint])

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_change(self, delta: int) -> None:
        start = 5 if self.value is None else self.value
        self._set(max(0, min(10, start + delta if self.value is not None else start)))

    def action_set(self, value: int) -> None:
        self._set(value)

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            digit = int(event.character)
            now = time.monotonic()
            if digit == 0 and self.value == 1 and now - self._last_one_at < TEN_WINDOW_SECONDS:
                self._set(10)
            else:
                self._set(digit)
            if digit == 1:
                self._last_one_at = now
            event.stop()

    def _set(self, value: int) -> None:
        self.value = value
        self.post_message(self.Changed(self, value))
