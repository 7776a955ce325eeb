"""The history screen's "What goes with better days" section, for the range shown.

It reads in its own worker (the range's month digests for a range of days, the store's
ledger for all history), and once shown works out the other ranges after the screen has
painted, as the history screen does its other figures. It keeps nothing itself: the
history screen's figures (insight.history_figures) keep what was worked out while no
month file changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from textual import work
from textual.content import Content
from textual.widgets import Static

from coach.insight.better_days import (NOTHING_YET, RULE, TITLE, BetterDays, activity_words,
                                       routine_words)
from coach.insight.overview import RANGES
from coach.store import StoreError
from coach.tui.app_access import coach_app
from coach.tui.text import literal
from coach.tui.widgets.glyphs import plain_words
from coach.tui.worker_errors import ReportsWorkerErrors

#: How many activities are named, the largest difference first (`coach stats` names all).
ACTIVITY_LINES = 5


def better_days_content(figures: BetterDays, titles: Mapping[str, str]) -> Content:
    """The section's lines: activities, then routines, then the rule once; or what it takes
    when no line has enough days."""
    lines = [Content.styled(TITLE, "bold")]
    for line in figures.activities[:ACTIVITY_LINES]:
        before, after = activity_words(line)
        lines.append(Content.assemble(before, literal(line.name, one_line=True), after))
    for line in figures.routines:
        lines.append(Content.assemble(
            literal(titles.get(line.name, line.name), one_line=True), routine_words(line)))
    if len(lines) == 1:
        lines.append(Content(NOTHING_YET))
    else:
        lines.append(Content.styled(RULE, "dim"))
    return Content("\n").join(lines)


class BetterDaysSection(ReportsWorkerErrors, Static):
    """Shown for one range at a time; a range asked for while another is read wins."""

    def show_range(self, today: date, days: int | None, titles: Mapping[str, str]) -> None:
        """Show the range's lines from memory, or say they are being worked out and read
        them (a range of days is a few month digests: it is ready with the rest)."""
        self._asked = (today, days, dict(titles))
        known = coach_app(self).history.figures().better_days_known(today, days, tuple(titles))
        if known is not None:
            self.update(better_days_content(known, titles))
            return
        self.update(Content.assemble((TITLE, "bold"),
                                     plain_words(" · working it out…", coach_app(self).plain)))
        self._load(today, days, dict(titles))

    @work(thread=True, exclusive=True, group="better-days", exit_on_error=False)
    def _load(self, today: date, days: int | None, titles: dict[str, str]) -> None:
        try:
            figures = coach_app(self).history.figures().better_days(today, days, tuple(titles))
        except StoreError as err:
            self.app.call_from_thread(self.update, Content.assemble(
                (TITLE, "bold"), literal(f" · could not be read: {err}")))
            return
        self.app.call_from_thread(self._loaded, today, days, titles, figures)

    def _loaded(self, today: date, days: int | None, titles: dict[str, str],
                figures: BetterDays) -> None:
        if self.is_attached and self._asked == (today, days, titles):
            self.update(better_days_content(figures, titles))
            self.call_after_refresh(self._warm, today, titles)

    @work(thread=True, exclusive=True, group="better-days-warm", exit_on_error=False)
    def _warm(self, today: date, titles: dict[str, str]) -> None:
        """Once a range is shown: the others, so switching to one only shows it (as the
        history screen warms its other figures)."""
        figures = coach_app(self).history.figures()
        try:
            for days in RANGES:
                figures.better_days(today, days, tuple(titles))
        except StoreError:
            return  # a range that cannot be read says so when it is shown
