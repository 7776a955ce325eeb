"""The keys that work right now, on the bottom line.

A screen may name a key after its current effect with `binding_label(action)`
(space says Resume while paused).

A lean stand-in for Textual's Footer: one widget showing the screen's active
bindings, repainted only when its text changes. Footer composes a grid of
widgets and rebuilds it at every change of bindings, which cost a third of
coach's start-up and repaints on each focus change over SSH. A click on a key
presses it.
"""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget


class KeyBar(Widget):
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom; height: 1; width: 1fr;
        background: $footer-background; color: $footer-foreground;
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._content = Content("")
        self._spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, *_: object) -> None:
        pieces: list[tuple[Content, str]] = []
        seen_actions: set[str] = set()
        for binding, enabled in self._shown_bindings():
            if not binding.show or not enabled or binding.action in seen_actions:
                continue
            seen_actions.add(binding.action)
            label = getattr(self.screen, "binding_label", lambda action: None)(binding.action)
            piece = Content.assemble((self.app.get_key_display(binding), "bold $footer-key-foreground"),
                                     " ", label or binding.description)
            pieces.append((piece, binding.key))
        self._pieces = pieces
        self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        """Two spaces between keys, or one where that is what lets every key fit (the runner's
        six keys at 60 columns): a key cut off at the edge is a key nobody knows of."""
        pieces = getattr(self, "_pieces", [])
        width = sum(piece.cell_length for piece, _ in pieces) + 1
        gap = 2 if not self.size.width or width + 2 * len(pieces) <= self.size.width else 1
        spans: list[tuple[int, int, str]] = []
        x = 1
        for piece, key in pieces:
            spans.append((x, x + piece.cell_length, key))
            x += piece.cell_length + gap
        content = Content.assemble(" ", Content(" " * gap).join([p for p, _ in pieces]))
        self._spans = spans
        if content != self._content:
            self._content = content
            self.refresh()

    def _shown_bindings(self) -> list[tuple[Binding, bool]]:
        """The screen's active bindings, and the app's priority ones (the support plan's key)
        even over a modal screen, where Textual leaves them out of `active_bindings`
        although they still work."""
        active = self.screen.active_bindings
        shown = [(item.binding, item.enabled) for item in active.values()]
        for key, bindings in self.app._bindings.key_to_bindings.items():
            if key not in active:
                shown.extend((binding, True) for binding in bindings if binding.priority)
        return shown

    def render(self) -> Content:
        return self._content

    async def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                await self.app.simulate_key(key)
                return
