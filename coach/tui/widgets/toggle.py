"""A yes/no choice that says what it means: "● done" or "○ not yet". Space switches it."""

from __future__ import annotations

from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget


class Toggle(Widget, can_focus=True):
    DEFAULT_CSS = """
    Toggle { height: 1; padding: 0; background: $boost; }
    Toggle:focus { background: $primary 30%; text-style: bold; }
    """
    BINDINGS = [Binding("space", "switch", "Switch", show=False)]

    value: reactive[bool] = reactive(False)
    """Whether the thing was done."""

    def __init__(self, on: str = "done", off: str = "not yet", *, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.on_label = on
        self.off_label = off

    def render(self) -> Content:
        if self.value:
            return Content.styled(f"● {self.on_label}", "$success")
        return Content.styled(f"○ {self.off_label}", "dim")

    def action_switch(self) -> None:
        self.value = not self.value
