"""The coach app, typed, from any screen or widget: `coach_app(self).saves`.

Textual types `self.app` as a plain App, which has none of coach's parts (saves, the store,
the catalog). The app module is imported only for type checking: at run time screens are
imported by the app, not the other way round.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from coach.tui.app import CoachApp


def coach_app(node: DOMNode) -> CoachApp:
    """The app `node` is part of; every screen and widget of coach runs in a CoachApp."""
    return cast("CoachApp", node.app)
