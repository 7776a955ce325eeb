"""Click on user text where it is shown, to prove a `[@click=...]` in it never acts."""

from __future__ import annotations

from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Static


async def click_on_text(pilot: Pilot, word: str) -> int:
    """Click every cell that shows `word` in a text widget on the screen; the clicks made.

    The cells are found in what each widget paints, so a word that markup had turned
    into a live link (drawn somewhere else, without its brackets) is clicked as well.
    Only text widgets are clicked: a click on a list option or a chip would act on it.
    """
    screen = pilot.app.screen
    clicks = 0
    for widget in list(screen.query(Static)):
        region = widget.region
        if not widget.display or not region:
            continue
        lines = widget.render_lines(Region(0, 0, region.width, region.height))
        for row, strip in enumerate(lines):
            column = strip.text.find(word)
            while column >= 0:
                for x in range(region.x + column, region.x + column + len(word)):
                    y = region.y + row
                    if screen.get_widget_at(x, y)[0] is widget:
                        await pilot.click(offset=(x, y))
                        clicks += 1
                column = strip.text.find(word, column + 1)
    return clicks
