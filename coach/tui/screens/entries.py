"""Journal and gratitude: what the person wrote, by day, with search, to read and to correct.

The left list holds the days with entries (journal, gratitude, mood, planned and
reviewed activities), newest first; the right one that day's entries, shown
exactly as written. Days are read a range at a time (the last 90 days, then 90
more with "Earlier"), and a search reads month by month in a worker, so the
cost follows what is shown, not the years behind it. `e` corrects an entry and
`d` deletes one, each after a question, and `u` undoes the latest of those made
here; the store does each under its lock, so another coach writing at the same
moment loses nothing, and a deleted entry is kept as removed until emptied.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from functools import partial
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from coach.insight.history_text import local_time
from coach.routine.model import Routine
from coach.routine.steps.gratitude import good_things
from coach.store import StoreError
from coach.store.edits import undone_words
from coach.store.records import mappings, texts
from coach.tui.app_access import coach_app
from coach.tui.text import literal
from coach.tui.widgets.glyphs import plain_words
from coach.tui.widgets.key_bar import KeyBar
from coach.tui.worker_errors import ReportsWorkerErrors

#: Days read at a time, back from today.
DAYS_AT_A_TIME = 90
EARLIER = "earlier"
SEARCH_PAUSE_SECONDS = 0.3
#: What the store answers a correction, deletion or undo: (the revision written, the entry
#: as shown now), or None when there was nothing to change.
Revised = tuple[dict[str, Any], dict[str, Any] | None] | None
KIND_NAMES = {"journal": "Journal", "gratitude": "Good things", "mood": "Mood",
              "activity_plan": "Planned", "activity_review": "How it went"}


def _rating(value: Any) -> str:
    return "-" if value is None else str(value)


def entry_content(record: dict[str, Any], routines: dict[str, Routine]) -> Content:
    """One entry, as written: a heading (time, routine, kind), then its text line by line."""
    routine = routines.get(str(record.get("routine", "")))
    title = routine.title if routine else str(record.get("routine", ""))
    data = record.get("data") or {}
    kind = str(record.get("type", ""))
    kind_name = KIND_NAMES.get(kind, kind)
    if kind == "gratitude" and texts(data.get("items")):
        kind_name = good_things(len(texts(data.get("items"))))  # what is there, not the plan
    heading = Content.assemble((f"{local_time(record)}  ", "dim"),
                               literal(title, one_line=True).stylize("bold"),
                               (f" · {kind_name}", "dim"))
    if record.get("edited"):
        heading = Content.assemble(heading, (" · corrected", "dim italic"))
    body: list[Content] = []
    if kind == "journal":
        if data.get("prompt"):
            body.append(literal(data["prompt"]).stylize("italic"))
        body.append(literal(data.get("text", "")))
    elif kind == "gratitude":
        body += [Content.assemble(f"{n}. ", literal(item, one_line=True))
                 for n, item in enumerate(texts(data.get("items")), start=1)]
    elif kind == "mood":
        parts = [f"{data['rating']}/10"] if data.get("rating") is not None else []
        line = Content.assemble(" · ".join(parts))
        if texts(data.get("feelings")):
            line = Content.assemble(line, " · " if parts else "",
                                    literal(", ".join(texts(data["feelings"])), one_line=True))
        body.append(line)
        if data.get("note"):
            body.append(literal(data["note"]))
    elif kind == "activity_plan":
        for activity in mappings(data.get("activities")):
            when = f" at {activity['time']}" if activity.get("time") else ""
            body.append(Content.assemble("• ", literal(activity.get("name", ""), one_line=True),
                                         (f"{when}, expect {_rating(activity.get('predicted'))}"
                                          "/10", "dim")))
    elif kind == "activity_review":
        for activity in mappings(data.get("activities")):
            done = "done" if activity.get("done") is True else "not done"
            body.append(Content.assemble(
                "• ", literal(activity.get("name") or "", one_line=True),
                (f": {done}, pleasure {_rating(activity.get('pleasure'))}, achievement "
                 f"{_rating(activity.get('mastery'))}", "dim")))
    return Content("\n").join([heading, *body, Content("")])  # a blank line between entries


def _day_label(day: date, count: int) -> Content:
    return Content.assemble(f"{day:%a %-d %b %Y}", (f" · {count}", "dim"))


class EntriesScreen(ReportsWorkerErrors, Screen[None]):
    CSS_PATH = "entries.tcss"
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("slash", "search", "Search"),
        Binding("e", "correct", "Correct"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo"),
    ]

    def __init__(self) -> None:
        super().__init__()
        #: Entries by day, newest day first, for what the list shows now.
        self.by_day: dict[date, list[dict[str, Any]]] = {}
        self.since: date | None = None
        self.query_text = ""
        self._search_timer: Timer | None = None
        #: The corrections and deletions made here, the latest last, each as (the revision
        #: written, the entry as it was shown before): what `u` takes back, one at a time.
        self.undoable: list[tuple[dict[str, Any], dict[str, Any]]] = []
        #: The entry an undo just brought back or set back (its day and uid): the list
        #: shows it chosen when it is next drawn, wherever the highlight was.
        self.bring_into_view: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Static("Your entries", id="entries-title")
        yield Input(placeholder="Search what you wrote ( / )", id="entries-search")
        with Horizontal(id="entries-body"):
            yield OptionList(id="entries-days")
            yield OptionList(id="entries-list")
        yield Static(id="entries-note")
        yield KeyBar()

    @property
    def routines(self) -> dict[str, Routine]:
        return coach_app(self).catalog.routines

    @property
    def today(self) -> date:
        return coach_app(self).store.today()

    def on_mount(self) -> None:
        self.query_one("#entries-days", OptionList).focus()
        self.load_days(self.today - timedelta(days=DAYS_AT_A_TIME - 1))

    # -- reading -----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="entries", exit_on_error=False)
    def load_days(self, since: date) -> None:
        """The entries from `since` to today, in a worker."""
        try:
            records = coach_app(self).store.entries(since=since, until=self.today)
        except StoreError as err:
            self.app.call_from_thread(self._problem, str(err))
            return
        self.app.call_from_thread(self._show_days, _grouped(records), since, "")

    @work(thread=True, exclusive=True, group="entries", exit_on_error=False)
    def search(self, text: str) -> None:
        try:
            records = coach_app(self).store.search_entries(text)
        except StoreError as err:
            self.app.call_from_thread(self._problem, str(err))
            return
        self.app.call_from_thread(self._show_days, _grouped(records), None, text)

    def _problem(self, why: str | Exception) -> None:
        self.app.notify(str(why), title="Your entries", severity="warning", timeout=20,
                        markup=False)

    def _show_days(self, by_day: dict[date, list[dict[str, Any]]], since: date | None,
                   text: str) -> None:
        self.by_day, self.query_text = by_day, text
        if since is not None:
            self.since = since
        days = self.query_one("#entries-days", OptionList)
        chosen = days.highlighted_option.id if days.highlighted_option else None
        if self.bring_into_view is not None:
            chosen = self.bring_into_view[0]
        days.clear_options()
        for day, entries in by_day.items():
            days.add_option(Option(_day_label(day, len(entries)), id=day.isoformat()))
        if not text and self.since is not None:
            days.add_option(Option(Content.styled(plain_words(
                f"Earlier… (before {self.since:%-d %b %Y})", coach_app(self).plain),
                                                  "italic"), id=EARLIER))
        ids = [days.get_option_at_index(i).id for i in range(days.option_count)]
        days.highlighted = ids.index(chosen) if chosen in ids else (0 if ids else None)
        note = self.query_one("#entries-note", Static)
        if text and not by_day:
            note.update(Content.assemble("No entries match “", literal(text, one_line=True),
                                         "”. Esc shows them all again."))
        elif not by_day:
            note.update("Nothing written in these days yet. Your journal, good things, "
                        "check-ins and plans appear here.")
        else:
            note.update(Content.assemble("Entries matching “", literal(text, one_line=True),
                                         "”, newest first.") if text else "")
        self._show_entries()

    def _show_entries(self) -> None:
        days = self.query_one("#entries-days", OptionList)
        entries = self.query_one("#entries-list", OptionList)
        previous = entries.highlighted_option.id if entries.highlighted_option else None
        entries.clear_options()
        option = days.highlighted_option
        if option is None or option.id == EARLIER:
            return
        for record in self.by_day.get(date.fromisoformat(str(option.id)), []):
            entries.add_option(Option(entry_content(record, self.routines), id=record["uid"]))
        wanted, self.bring_into_view = self.bring_into_view, None
        # The same entry stays chosen when the day is drawn again (as on each change).
        target = wanted[1] if wanted is not None else previous
        ids = [entries.get_option_at_index(i).id for i in range(entries.option_count)]
        if ids:
            entries.highlighted = ids.index(target) if target in ids else 0

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list.id == "entries-days":
            self._show_entries()
        self.refresh_bindings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list.id != "entries-days":
            return
        if event.option.id == EARLIER and self.since is not None:
            self.load_days(self.since - timedelta(days=DAYS_AT_A_TIME))
        else:
            self.query_one("#entries-list", OptionList).focus()

    # -- search ------------------------------------------------------------------------------

    def action_search(self) -> None:
        self.query_one("#entries-search", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._search_timer is not None:
            self._search_timer.stop()
        text = event.value.strip()
        if not text:
            self._search_timer = None
            if self.query_text:
                self.load_days(self.since or self.today - timedelta(days=DAYS_AT_A_TIME - 1))
            return
        self._search_timer = self.set_timer(SEARCH_PAUSE_SECONDS, lambda: self.search(text))

    def on_input_submitted(self, _: Input.Submitted) -> None:
        self.query_one("#entries-days", OptionList).focus()

    def action_back(self) -> None:
        """Esc leaves the search first (showing every entry again), then the screen."""
        search = self.query_one("#entries-search", Input)
        if search.value or search.has_focus:
            search.value = ""
            self.query_one("#entries-days", OptionList).focus()
            return
        if self.query_one("#entries-list", OptionList).has_focus:
            self.query_one("#entries-days", OptionList).focus()
            return
        self.app.pop_screen()

    # -- correcting and deleting -------------------------------------------------------------

    def chosen_entry(self) -> dict[str, Any] | None:
        entries = self.query_one("#entries-list", OptionList)
        option = entries.highlighted_option
        if option is None:
            return None
        return next((record for day in self.by_day.values() for record in day
                     if record["uid"] == option.id), None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("correct", "delete"):
            return self.chosen_entry() is not None and \
                not self.query_one("#entries-search", Input).has_focus
        if action == "undo":
            return bool(self.undoable) and \
                not self.query_one("#entries-search", Input).has_focus
        return True

    def action_correct(self) -> None:
        from coach.tui.screens.entry_edit import EntryEditScreen

        record = self.chosen_entry()
        if record is None:
            return

        def corrected(data: dict[str, Any] | None) -> None:
            if data is not None:
                self.save_correction(record, data)

        self.app.push_screen(EntryEditScreen(record), corrected)

    def action_delete(self) -> None:
        from coach.tui.screens.confirm import ConfirmScreen

        record = self.chosen_entry()
        if record is None:
            return
        day = date.fromisoformat(record["day"])

        def answered(yes: bool | None) -> None:
            if yes:
                self.delete(record)

        self.app.push_screen(ConfirmScreen(
            f"Delete this entry from {day:%A %-d %B}? coach keeps it as removed until you "
            "empty removed entries (coach doctor --purge-removed); u brings it back.",
            "Delete"), answered)

    def save_correction(self, record: dict[str, Any], data: dict[str, Any]) -> None:
        def saved(revised: Revised) -> None:
            if revised is not None:
                self.undoable.append((revised[0], record))
            self._changed("Your correction is saved. u undoes it." if revised is not None else
                          "That entry was removed elsewhere (perhaps in another coach), so "
                          "there was nothing to correct.")

        coach_app(self).saves.save(
            partial(coach_app(self).store.revise_entry,
                    record["uid"], date.fromisoformat(record["day"]), data=data),
            done=saved, failed=self._problem)

    def delete(self, record: dict[str, Any]) -> None:
        def deleted(revised: Revised) -> None:
            if revised is not None:
                self.undoable.append((revised[0], record))
            self._changed("The entry is deleted. u brings it back." if revised is not None
                          else "That entry was already gone.")

        coach_app(self).saves.save(
            partial(coach_app(self).store.revise_entry,
                    record["uid"], date.fromisoformat(record["day"]), removed=True),
            done=deleted, failed=self._problem)

    def action_undo(self) -> None:
        """Take back the latest correction or deletion made here."""
        if not self.undoable:
            return
        revision, record = self.undoable.pop()
        self.refresh_bindings()

        def undone(result: Revised) -> None:
            if result is not None:
                self.bring_into_view = (record["day"], record["uid"])
            self._changed(undone_words(record, revision) if result is not None else
                          "That change was undone already (perhaps in another coach).")

        coach_app(self).saves.save(
            partial(coach_app(self).store.undo, revision["uid"],
                    date.fromisoformat(revision["day"])),
            done=undone, failed=self._problem)

    def _changed(self, words: str) -> None:
        self.app.notify(words, title="Your entries", markup=False)
        if self.is_attached:  # the person may have left the list while it was written
            self.refresh_bindings()
            self._reload()

    def _reload(self) -> None:
        if self.query_text:
            self.search(self.query_text)
        else:
            self.load_days(self.since or self.today - timedelta(days=DAYS_AT_A_TIME - 1))


def _grouped(records: list[dict[str, Any]]) -> dict[date, list[dict[str, Any]]]:
    """Entries by day, the newest day first, each day's in time order."""
    by_day: dict[date, list[dict[str, Any]]] = defaultdict(list)
    for record in records:
        by_day[date.fromisoformat(record["day"])].append(record)
    for entries in by_day.values():
        entries.sort(key=lambda r: r.get("utc", ""))
    return dict(sorted(by_day.items(), reverse=True))
