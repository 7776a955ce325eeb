"""The baseline: a bare Textual app that paints one label."""

from textual.app import App, ComposeResult
from textual.widgets import Label


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Label("Morning routine")


if __name__ == "__main__":
    Bare().run()
