"""The coach Textual app."""

from __future__ import annotations

from textual.app import App

from coach.routine.catalog import Catalog, load_catalog
from coach.tui.screens.home import HomeScreen


class CoachApp(App[None]):
    TITLE = "coach"
    CSS_PATH = "app.tcss"

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def on_mount(self) -> None:
        self.push_screen(HomeScreen(self.catalog))


def run_app() -> None:
    CoachApp(load_catalog()).run()
