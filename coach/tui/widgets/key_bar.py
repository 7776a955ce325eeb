"""The keys that work right now, on the bottom line.

A screen may name a key after its current effect with `binding_label(action)`
(space says Resume while paused). Where not every key fits, the command palette's key
goes first (after home's Mood, which fits from about 90 columns), then Back, Skip, Quit and
History; then the longest label is shortened (a
routine's title), and only then are keys left out: "^g Support" stays, and the help
screen lists them all.

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
from textual.screen import Screen
from textual.widget import Widget

from coach.tui.textual_private import app_bindings

#: Left out of a bar too narrow for every key, in this order (the help screen has them all).
#: Home's two-key mood check-in outranks the palette's name: ^k is named on the help screen
#: and wherever the palette is the way to something (a self-check that is due).
DROPPED_FIRST = ("command_palette", "mood", "back", "skip", "app.quit", "history")
#: A label shortened to fit keeps at least this many cells, then the ellipsis.
MIN_LABEL = 8
ELLIPSIS = "…"


def cell_length(piece: tuple[str, Content, str, str]) -> int:
    """The cells a key takes in the bar: its key, a space, its label."""
    display, label, _, _ = piece
    return Content(display).cell_length + 1 + label.cell_length


def shown_keys(screen: Screen[object]) -> list[tuple[Binding, Content]]:
    """The keys the bar shows on `screen`: each enabled, shown binding once, with its label
    (the screen's `binding_label`, or the binding's description)."""
    app = screen.app
    active = screen.active_bindings
    bindings = [(item.binding, item.enabled) for item in active.values()]
    # The app's priority bindings (the support plan's key) work even over a modal screen,
    # where Textual leaves them out of `active_bindings`.
    for key, found in app_bindings(app).items():
        if key not in active:
            bindings.extend((binding, True) for binding in found if binding.priority)
    shown: list[tuple[Binding, Content]] = []
    seen_actions: set[str] = set()
    for binding, enabled in bindings:
        if not binding.show or not enabled or binding.action in seen_actions:
            continue
        seen_actions.add(binding.action)
        label = getattr(screen, "binding_label", lambda action: None)(binding.action)
        shown.append((binding, Content(label) if isinstance(label, str) else
                      label or Content(binding.description)))
    return shown


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
        self._pieces = [(self.app.get_key_display(binding), label, binding.key, binding.action)
                        for binding, label in shown_keys(self.screen)]
        self._lay_out()

    def on_resize(self) -> None:
        self._lay_out()

    def _lay_out(self) -> None:
        """Two spaces between keys, or one where that is what lets every key fit (the runner's
        six keys at 60 columns): a key cut off at the edge is a key nobody knows of. Where
        they still do not fit (a long routine title in "r Start ..."), the longest label is
        shortened with an ellipsis, and only then are keys left out from the right, the
        support plan's last."""
        pieces = list(getattr(self, "_pieces", []))
        available = self.size.width

        def width(gap: int) -> int:
            return sum(cell_length(piece) for piece in pieces) + 1 + gap * len(pieces)

        for action in DROPPED_FIRST:
            if not available or width(1) <= available:
                break
            pieces = [piece for piece in pieces if piece[3] != action]
        while available and width(1) > available and pieces:
            longest = max(range(len(pieces)), key=lambda n: pieces[n][1].cell_length)
            display, label, key, action = pieces[longest]
            keep = max(MIN_LABEL, label.cell_length - (width(1) - available) - 1)
            if keep >= label.cell_length - 1:
                break  # nothing left to shorten
            pieces[longest] = (display, label[:keep] + ELLIPSIS, key, action)
        while available and width(1) > available and len(pieces) > 1:
            last_but_support = [n for n, piece in enumerate(pieces) if piece[3] != "support"]
            del pieces[last_but_support[-1] if last_but_support else -1]
        gap = 2 if not available or width(2) <= available else 1
        spans: list[tuple[int, int, str]] = []
        x = 1
        shown = [Content.assemble((display, "bold $footer-key-foreground"), " ", label)
                 for display, label, _, _ in pieces]
        for piece, (_, _, key, _) in zip(shown, pieces):
            spans.append((x, x + piece.cell_length, key))
            x += piece.cell_length + gap
        content = Content.assemble(" ", Content(" " * gap).join(shown))
        self._spans = spans
        if content != self._content:
            self._content = content
            self.refresh()

    def render(self) -> Content:
        return self._content

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.app.simulate_key(key)
                return
