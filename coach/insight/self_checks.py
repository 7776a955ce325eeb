"""Self-checks over time: each PHQ-9 and GAD-7 result with its band, and its change.

A result is its day, form and total (the answers never leave the month files). Its
band is the published one (PHQ-9, Kroenke et al. 2001: 0-4 minimal, 5-9 mild, 10-14
moderate, 15-19 moderately severe, 20-27 severe; GAD-7, Spitzer et al. 2006: 0-4,
5-9, 10-14, 15-21 severe). Its change from the result of the same form before it is a
real change at 5 points or more on the PHQ-9 and 4 or more on the GAD-7; a higher
total is worse on both; a smaller change is "about the same". Both forms ask about the
last two weeks, so one is due 14 days after the last of its form (or when there is none
yet), never sooner; a routine's check step asked sooner says so first (`not_yet_words`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from coach.insight.history import Check
from coach.practice import questionnaires

#: The forms, in the order they are shown.
FORMS = tuple(questionnaires.FORMS)
NAMES = {key: form.name for key, form in questionnaires.FORMS.items()}
DUE_AFTER_DAYS = 14
NOT_A_DIAGNOSIS = "A self-check, not a diagnosis: something to bring to a professional."

BETTER, WORSE, SAME = "better", "worse", "about the same"


def band(form: str, total: int) -> str:
    return questionnaires.band(questionnaires.form_named(form), total)


def change_between(form: str, earlier_total: int, later_total: int) -> str:
    return questionnaires.change_between(form, earlier_total, later_total)


def known(form: str, total: int) -> bool:
    """Whether `total` is a total of a form coach knows (a hand-edited digest may hold
    another)."""
    found = questionnaires.FORMS.get(form)
    return found is not None and 0 <= total <= found.max_total


@dataclass(frozen=True)
class Result:
    day: date
    form: str
    total: int
    band: str
    #: better, worse or about the same, against the result before it; None for the first.
    change: str | None = None
    previous: Check | None = None


def results(checks: Iterable[Check]) -> dict[str, list[Result]]:
    """Each form's results in time order (only the forms coach knows, only forms with one)."""
    by_form: dict[str, list[Result]] = {}
    last: dict[str, Check] = {}
    for check in checks:
        if not known(check.form, check.total):
            continue
        before = last.get(check.form)
        change = None if before is None else change_between(check.form, before.total,
                                                             check.total)
        by_form.setdefault(check.form, []).append(
            Result(check.day, check.form, check.total, band(check.form, check.total), change,
                   before))
        last[check.form] = check
    return {form: by_form[form] for form in FORMS if form in by_form}


def in_range(checks: Iterable[Check], first: date, last: date) -> list[Result]:
    """The results from `first` to `last`, all forms together in time order (each still
    compared with the one before it, whenever that was)."""
    return sorted((result for rows in results(checks).values() for result in rows
                   if first <= result.day <= last), key=lambda result: result.day)


def _day(day: date, today: date) -> str:
    return f"{day:%d %b}" if day.year == today.year else f"{day:%d %b %Y}"


def change_words(result: Result, today: date) -> str:
    if result.previous is None:
        return "the first"
    when = _day(result.previous.day, today)
    points = abs(result.total - result.previous.total)
    if result.change == BETTER:
        return f"{points} lower than {when}, a real improvement"
    if result.change == WORSE:
        return f"{points} higher than {when}, a real change"
    return f"about the same as {when}"


def result_line(result: Result, today: date) -> str:
    """"12 Nov  PHQ-9  7 (mild)  about the same as 29 Oct"."""
    return (f"{_day(result.day, today)}  {NAMES[result.form]}  {result.total} ({result.band})"
            f"  {change_words(result, today)}")


def last_taken(checks: Iterable[Check], today: date) -> dict[str, date]:
    """The day each form was last taken, up to `today` (see last_results)."""
    return {form: check.day for form, check in last_results(checks, today).items()}


def last_results(checks: Iterable[Check], today: date) -> dict[str, Check]:
    """Each form's last result up to `today` (one dated later, after a clock was put back,
    is not counted); a form never taken is left out."""
    last: dict[str, Check] = {}
    for check in checks:
        if check.form in NAMES and check.day <= today and \
                (check.form not in last or check.day >= last[check.form].day):
            last[check.form] = check
    return last


def taken_lately(last: date | None, today: date) -> int | None:
    """Days since `last` when that is within the form's two weeks (fewer than
    DUE_AFTER_DAYS), else None: never taken, or due again."""
    if last is None or (today - last).days >= DUE_AFTER_DAYS:
        return None
    return (today - last).days


def due(checks: Iterable[Check], today: date) -> dict[str, int | None]:
    """Each form due today: days since its last result, or None if there is none yet."""
    last = last_taken(checks, today)
    since = {form: (today - last[form]).days if form in last else None for form in FORMS}
    return {form: days for form, days in since.items()
            if days is None or days >= DUE_AFTER_DAYS}


def _ago(days: int) -> str:
    return {0: "earlier today", 1: "yesterday"}.get(days, f"{days} days ago")


def _on(day: date, today: date) -> str:
    """"14 Nov", or "25 Dec 2026" in another year: for sentences."""
    return f"{day.day} {day:%b}" + ("" if day.year == today.year else f" {day.year}")


def not_yet_words(form: str, last: date, today: date) -> str:
    """What a routine's check step says when its form was taken within two weeks."""
    days = (today - last).days
    when = _ago(days) if days < 2 else f"on {_on(last, today)}, {_ago(days)}"
    again = last + timedelta(days=DUE_AFTER_DAYS)
    return (f"You took the {NAMES[form]} {when}. It asks about the last two weeks, so it "
            f"tells you most again from {_on(again, today)}.")


def last_line(form: str, last: date, today: date) -> str:
    """The line above the first question of a self-check the person opened themselves,
    when its form was taken within two weeks."""
    return (f"Your last {NAMES[form]} was {_ago((today - last).days)}; taking it again now "
            "is fine, it asks about the last two weeks.")


def since_last_words(form: str, last: Check | None, total: int, today: date) -> str | None:
    """Under a new total, how it compares with the last result of its form (None for the
    first): a real change named as such, a smaller one "about the same"."""
    if last is None:
        return None
    days = (today - last.day).days
    when = _ago(days) if days < 2 else f"on {_on(last.day, today)}"
    earlier = f"your last {NAMES[form]} ({last.total}, {when})"
    points = abs(total - last.total)
    change = change_between(form, last.total, total)
    if change == BETTER:
        return f"{points} lower than {earlier}: a real improvement."
    if change == WORSE:
        return (f"{points} higher than {earlier}. That can happen; it may help to talk it "
                "over with someone you trust, or with a professional.")
    return f"About the same as {earlier}."


def due_line(checks: Iterable[Check], today: date) -> str | None:
    """"A PHQ-9 self-check is due (the last was 16 days ago). ^k Self-check", or None. Short
    enough for one line of home at 80 columns."""
    forms = due(checks, today)
    if not forms:
        return None
    if len(forms) > 1:
        return f"{' and '.join(NAMES[form] for form in forms)} self-checks are due. ^k Self-check"
    [(form, days)] = forms.items()
    since = "none taken yet" if days is None else f"the last was {days} days ago"
    return f"A {NAMES[form]} self-check is due ({since}). ^k Self-check"
