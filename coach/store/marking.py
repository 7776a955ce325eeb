"""A past day of a routine marked afterwards: done, partly done, a rest day, or no mark.

What the person marks is kept as what it is (a "mark" record, or the rest record a rest
day has always had), never as a guided session. For each routine and day, the latest of
its mark and rest records says what the person marked: a rest record marking a rest day
reads "rest", one taking it back "none", a mark record its own value. So clearing a mark,
undoing one, and merging two devices' records later are each one more record, and nothing
is ever rewritten. The latest is the last in `order`: by hybrid logical clock, device and
uid (see store.hlc), so that devices with skewed clocks agree on it. A guided session
finished that day stands whatever the mark says (the figures look at it first).

A day can be marked from today back to MARK_DAYS - 1 days before it: the days a person
still remembers well enough to tick off.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import Any, Protocol

from coach.store.hlc import Key, key
from coach.store.records import MARK, REST


class Store(Protocol):
    """What undoing a mark asks of coach.store.Store (named here, not imported: the store
    imports this module)."""

    def well_formed(self, *, since: date | None = None, until: date | None = None,
                    kind: str | None = None, routine: str | None = None,
                    ordered: bool = True) -> list[dict[str, Any]]: ...

    def mark_day(self, routine_id: str, day: date, state: str, *,
                 undoes: str | None = None) -> dict[str, Any]: ...


#: How many days can be marked, today included.
MARK_DAYS = 30
#: What the person marked a day: the values of a mark record, and "rest".
DONE, PARTLY, NONE, RESTED = "done", "partly", "none", "rest"
STATES = (DONE, PARTLY, RESTED, NONE)

#: How each mark is said in a sentence ("Marked 5 Dec done for Morning routine").
STATE_WORDS = {DONE: "done", PARTLY: "partly done", RESTED: "a rest day", NONE: "unmarked"}


def state_of(record: Mapping[str, Any]) -> str | None:
    """What a mark or rest record says the day is; None for any other record."""
    if record.get("kind") == MARK:
        return str(record.get("mark"))
    if record.get("kind") == REST:
        return RESTED if record.get("rest") is True else NONE
    return None


def order(record: Mapping[str, Any]) -> Key:
    """Where a mark or rest record stands among those of its day: the last one wins."""
    return key(record)


def day_states(records: Iterable[Mapping[str, Any]]) -> dict[tuple[str, str], str]:
    """(routine, day) -> what the person marked it, from well-formed records in any order
    (the latest mark or rest record of a day in `order` wins); days whose latest says
    nothing are "none"."""
    marks = sorted((record for record in records if state_of(record) is not None), key=order)
    return {(record["routine"], record["day"]): str(state_of(record)) for record in marks}


def first_markable(today: date) -> date:
    return today - timedelta(days=MARK_DAYS - 1)


def markable(day: date, today: date) -> bool:
    """Whether `day` can be marked today: not in the future, not more than MARK_DAYS back."""
    return first_markable(today) <= day <= today


def describe(record: Mapping[str, Any], title: str) -> str:
    """A mark as a sentence, for the person: "Marked 5 Dec done for Morning routine"."""
    day = date.fromisoformat(record["day"])
    state = state_of(record) or NONE
    words = "Cleared the mark of" if state == NONE else "Marked"
    what = "" if state == NONE else f" {STATE_WORDS[state]}"
    return f"{words} {day.day} {day:%b}{what} for {title}"


def previous_state(store: Store, record: Mapping[str, Any]) -> str:
    """What the day of a mark (or rest) record was marked before it: the latest such record
    of its routine and day before it in `order`, or "none"."""
    day = date.fromisoformat(record["day"])
    held = store.well_formed(since=day, until=day, routine=record["routine"], ordered=False)
    earlier = [r for r in held if order(r) < order(record)]
    return day_states(earlier).get((record["routine"], record["day"]), NONE)


def undo_mark(store: Store, record: Mapping[str, Any]) -> dict[str, Any]:
    """Undo a mark (or rest) record: write one that marks its day as it was before, naming
    the one it undoes (reads the day's month: not on the UI thread). The record written."""
    return store.mark_day(record["routine"], date.fromisoformat(record["day"]),
                          previous_state(store, record), undoes=record["uid"])

