"""Due times with a fake clock: weekdays, follow-ups, the grace period after a gap, the
days Berlin and New York change their clocks, the day-start hour, and travel."""

from __future__ import annotations

import os
import time as process_clock
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from coach.remind.schedule import (AGAIN, FIRST, Plan, Rules, due_now, next_time, occurrences,
                                   plans_for, upcoming)
from coach.routine.catalog import Catalog
from coach.routine.loader import load_routine_bytes
from coach.routine.model import Routine
from coach.config.settings import Settings

UTC = timezone.utc
KIRITIMATI = ZoneInfo("Pacific/Kiritimati")
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
DAILY = tuple(range(7))


def plan(at: str = "07:30", days: tuple[int, ...] = DAILY, again: int = 0,
         routine_id: str = "morning") -> Plan:
    hour, minute = map(int, at.split(":"))
    return Plan(routine_id, "Morning routine", 8, time(hour, minute), days,
                timedelta(minutes=again))


def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone).astimezone(UTC)


def due(plans: list[Plan], rules: Rules, now: datetime, sent: set | None = None) -> list:
    return [(r.routine_id, r.day, r.which) for r in due_now(plans, rules, now, sent=sent or set())]


def test_nothing_before_its_time_then_one_reminder_at_it() -> None:
    rules = Rules(BERLIN)
    assert due([plan()], rules, local(BERLIN, 2026, 11, 23, 7, 29, 59)) == []
    assert due([plan()], rules, local(BERLIN, 2026, 11, 23, 7, 30)) == \
        [("morning", date(2026, 11, 23), (FIRST,))]


def test_a_sent_reminder_is_not_due_again() -> None:
    rules = Rules(BERLIN)
    sent = {("morning", date(2026, 11, 23), FIRST)}
    assert due([plan()], rules, local(BERLIN, 2026, 11, 23, 7, 31), sent) == []


def test_only_on_its_days() -> None:
    rules = Rules(BERLIN)
    weekdays = plan(days=(0, 1, 2, 3, 4))
    assert due([weekdays], rules, local(BERLIN, 2026, 11, 22, 7, 31)) == []  # a Sunday
    assert due([weekdays], rules, local(BERLIN, 2026, 11, 23, 7, 31)) != []  # a Monday
    assert next_time([weekdays], rules, local(BERLIN, 2026, 11, 21, 8, 0)) == \
        local(BERLIN, 2026, 11, 23, 7, 30)


def test_follow_up_comes_once_after_the_first() -> None:
    rules = Rules(BERLIN)
    routine = plan(again=30)
    sent = {("morning", date(2026, 11, 23), FIRST)}
    assert due([routine], rules, local(BERLIN, 2026, 11, 23, 7, 59), sent) == []
    assert due([routine], rules, local(BERLIN, 2026, 11, 23, 8, 0), sent) == \
        [("morning", date(2026, 11, 23), (AGAIN,))]
    sent.add(("morning", date(2026, 11, 23), AGAIN))
    assert due([routine], rules, local(BERLIN, 2026, 11, 23, 8, 1), sent) == []
    assert next_time([routine], rules, local(BERLIN, 2026, 11, 23, 7, 45)) == \
        local(BERLIN, 2026, 11, 23, 8, 0)


def test_after_a_gap_one_reminder_stands_in_for_both() -> None:
    rules = Rules(BERLIN)
    routine = plan(again=30)
    # The computer slept through 07:30 and 08:00: one reminder, recorded as both.
    assert due([routine], rules, local(BERLIN, 2026, 11, 23, 8, 40)) == \
        [("morning", date(2026, 11, 23), (FIRST, AGAIN))]


def test_nothing_for_a_time_longer_ago_than_the_grace_period() -> None:
    rules = Rules(BERLIN, grace=timedelta(hours=2))
    assert due([plan()], rules, local(BERLIN, 2026, 11, 23, 9, 30)) != []
    assert due([plan()], rules, local(BERLIN, 2026, 11, 23, 9, 31)) == []
    shorter = Rules(BERLIN, grace=timedelta(minutes=10))
    assert due([plan()], shorter, local(BERLIN, 2026, 11, 23, 7, 41)) == []


def test_a_week_away_sends_nothing_old() -> None:
    """Back after days away: nothing from earlier days, only what is due today."""
    rules = Rules(BERLIN)
    evening = plan("21:30", routine_id="evening")
    assert due([plan(), evening], rules, local(BERLIN, 2026, 11, 30, 12, 0)) == []
    assert due([plan(), evening], rules, local(BERLIN, 2026, 11, 30, 21, 45)) == \
        [("evening", date(2026, 11, 30), (FIRST,))]


def test_a_follow_up_claimed_alone_is_never_followed_by_its_first_reminder() -> None:
    """Both are claimed together, but should the record hold the follow-up's claim alone
    (the first's line damaged or lost), the first reminder is not sent from then on."""
    rules = Rules(BERLIN)
    sent = {("morning", date(2026, 11, 23), AGAIN)}
    assert due([plan(again=30)], rules, local(BERLIN, 2026, 11, 23, 8, 0), sent) == []
    assert due([plan(again=30)], rules, local(BERLIN, 2026, 11, 23, 8, 5), sent) == []


def test_berlin_spring_forward_keeps_local_time_and_moves_a_skipped_time() -> None:
    rules = Rules(BERLIN)
    # 29 March 2026: 02:00 becomes 03:00.
    assert next_time([plan()], rules, local(BERLIN, 2026, 3, 28, 12, 0)) == \
        datetime(2026, 3, 29, 5, 30, tzinfo=UTC)  # 07:30 CEST
    skipped = plan("02:30")
    assert next_time([skipped], rules, local(BERLIN, 2026, 3, 28, 12, 0)) == \
        datetime(2026, 3, 29, 1, 30, tzinfo=UTC)  # 03:30 CEST, once
    assert len([o for o in occurrences(skipped, rules, local(BERLIN, 2026, 3, 29, 12, 0))
                if o.first.date() == date(2026, 3, 29)]) == 1


def test_a_follow_up_within_its_grace_across_the_spring_forward_night_is_sent() -> None:
    """With days starting at noon, Friday's 11:59 routine comes on Saturday at 11:59 and
    its follow-up twelve hours later, at 23:59. The clocks go forward that night, so a
    day's grace ends at 00:59 on Monday: at 00:30 on Monday it is still due."""
    fridays = plan("11:59", days=(4,), again=12 * 60)
    rules = Rules(BERLIN, day_start_hour=12, grace=timedelta(hours=24))
    assert due([fridays], rules, local(BERLIN, 2026, 3, 30, 0, 30)) == \
        [("morning", date(2026, 3, 27), (FIRST, AGAIN))]
    assert due([fridays], rules, local(BERLIN, 2026, 3, 30, 1, 0)) == []


def test_berlin_fall_back_reminds_once_for_a_time_that_happens_twice() -> None:
    rules = Rules(BERLIN, grace=timedelta(hours=3))
    twice = plan("02:30")
    # 25 October 2026: 03:00 becomes 02:00, so 02:30 happens at 00:30 and 01:30 UTC.
    first = datetime(2026, 10, 25, 0, 30, tzinfo=UTC)
    assert due([twice], rules, first) == [("morning", date(2026, 10, 24), (FIRST,))]
    sent = {("morning", date(2026, 10, 24), FIRST)}
    assert due([twice], rules, datetime(2026, 10, 25, 1, 30, tzinfo=UTC), sent) == []


def test_new_york_clock_changes_keep_07_30_local() -> None:
    rules = Rules(NEW_YORK)
    assert next_time([plan()], rules, local(NEW_YORK, 2026, 3, 7, 12, 0)) == \
        datetime(2026, 3, 8, 11, 30, tzinfo=UTC)  # EDT, after the change
    assert next_time([plan()], rules, local(NEW_YORK, 2026, 10, 31, 12, 0)) == \
        datetime(2026, 11, 1, 12, 30, tzinfo=UTC)  # EST, after the change
    assert next_time([plan()], rules, local(NEW_YORK, 2026, 11, 1, 12, 0)) == \
        datetime(2026, 11, 2, 12, 30, tzinfo=UTC)


def test_the_day_start_hour_decides_which_day_a_late_reminder_is_for() -> None:
    late = plan("00:30", routine_id="evening")
    with_four = Rules(BERLIN, day_start_hour=4)
    assert due([late], with_four, local(BERLIN, 2026, 11, 24, 0, 31)) == \
        [("evening", date(2026, 11, 23), (FIRST,))]
    at_midnight = Rules(BERLIN, day_start_hour=0)
    assert due([late], at_midnight, local(BERLIN, 2026, 11, 24, 0, 31)) == \
        [("evening", date(2026, 11, 24), (FIRST,))]


def test_travel_follows_the_zone_in_force() -> None:
    """The same instant is 07:30 in Berlin but 01:30 in New York: the time is local."""
    instant = local(BERLIN, 2026, 11, 23, 7, 30)
    assert due([plan()], Rules(BERLIN), instant) != []
    assert due([plan()], Rules(NEW_YORK), instant) == []
    assert next_time([plan()], Rules(NEW_YORK), instant) == local(NEW_YORK, 2026, 11, 23, 7, 30)


def test_at_most_one_reminder_per_routine() -> None:
    rules = Rules(BERLIN, grace=timedelta(hours=24))
    reminders = due([plan("23:50", routine_id="late"), plan()], rules,
                    local(BERLIN, 2026, 11, 24, 7, 40))
    assert sorted(r[0] for r in reminders) == ["late", "morning"]


def test_upcoming_lists_times_in_order() -> None:
    rules = Rules(BERLIN)
    now = local(BERLIN, 2026, 11, 23, 7, 0)
    coming = upcoming([plan(again=30), plan("21:30", routine_id="evening")], rules, now,
                      now + timedelta(days=1))
    assert [(r.routine_id, r.which, r.due.astimezone(BERLIN).strftime("%d %H:%M"))
            for r in coming] == [("morning", (FIRST,), "23 07:30"),
                                 ("morning", (AGAIN,), "23 08:00"),
                                 ("evening", (FIRST,), "23 21:30")]


def test_upcoming_is_after_now_up_to_and_with_its_end_and_names_day_and_length() -> None:
    """At 07:30 the 07:30 reminder is due, not coming; one at the end of the span is."""
    seven_thirty = local(BERLIN, 2026, 11, 23, 7, 30)
    coming = upcoming([plan(again=30)], Rules(BERLIN), seven_thirty,
                      seven_thirty + timedelta(minutes=30))
    assert [(r.which, r.due, r.day, r.minutes) for r in coming] == \
        [((AGAIN,), seven_thirty + timedelta(minutes=30), date(2026, 11, 23), 8)]


def test_no_overflow_at_the_ends_of_the_calendar() -> None:
    """A clock set absurdly far (a dead RTC battery reads year 1 or 9999) breaks nothing."""
    for zone in (UTC, BERLIN, NEW_YORK):
        rules = Rules(zone)
        end = datetime(9999, 12, 31, 12, 0, tzinfo=UTC)
        coming = next_time([plan()], rules, end)
        assert coming is None or coming > end
        assert due([plan()], rules, datetime(1, 1, 2, 12, 0, tzinfo=UTC)) == []


def test_a_clock_reset_to_year_one_still_reminds_at_the_routine_s_time() -> None:
    """The days before the first of the calendar do not exist; the days after it still
    have their reminders."""
    rules = Rules(UTC)
    assert due([plan()], rules, datetime(1, 1, 1, 7, 31, tzinfo=UTC)) == \
        [("morning", date(1, 1, 1), (FIRST,))]
    assert next_time([plan()], rules, datetime(1, 1, 1, 12, 0, tzinfo=UTC)) == \
        datetime(1, 1, 2, 7, 30, tzinfo=UTC)


#: The zone the C library had when the tests started, before any test pinned TZ.
_STARTING_TZ = os.environ.get("TZ")


def _set_tz(name: str | None) -> None:
    if name is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = name


@contextmanager
def process_zone(name: str) -> Iterator[None]:
    """The process's own local time (what `astimezone()` with no zone uses) set to `name`,
    as in a reminder loop started before the computer's zone was changed: the C library
    keeps the zone it read at the start, while coach looks the zone up afresh each pass."""
    pinned = os.environ.get("TZ")
    _set_tz(name)
    process_clock.tzset()
    try:
        yield
    finally:
        _set_tz(_STARTING_TZ)
        process_clock.tzset()
        _set_tz(pinned)


def test_the_zone_in_force_counts_not_the_one_the_process_started_in() -> None:
    """A loop started in American Samoa keeps Samoa's time for the process after the
    computer moves to Kiribati's Line Islands, a day and an hour ahead. At 00:30 on Monday
    there (23:30 on Saturday in Samoa), Monday's 00:15 routine is due, and the next is a
    week later. Due times are UTC."""
    mondays = plan("00:15", days=(0,))
    rules = Rules(KIRITIMATI, day_start_hour=0)
    monday = local(KIRITIMATI, 2026, 11, 23, 0, 30)
    with process_zone("Pacific/Pago_Pago"):
        reminders = due_now([mondays], rules, monday, sent=set())
        coming = next_time([mondays], rules, monday)
    assert [(r.day, r.due) for r in reminders] == \
        [(date(2026, 11, 23), local(KIRITIMATI, 2026, 11, 23, 0, 15))]
    assert coming == local(KIRITIMATI, 2026, 11, 30, 0, 15)
    assert reminders[0].due.utcoffset() == coming.utcoffset() == timedelta(0)


def test_days_name_routine_days_as_the_home_screen_does() -> None:
    """At 03:30 with the day starting at 04:00, [mon] means the night after Monday."""
    late = plan("03:30", days=(0,))
    sunday_noon = local(BERLIN, 2026, 11, 22, 12, 0)
    assert next_time([late], Rules(BERLIN, day_start_hour=4), sunday_noon) == \
        local(BERLIN, 2026, 11, 24, 3, 30)  # Tuesday 03:30, for routine day Monday
    assert due([late], Rules(BERLIN, day_start_hour=4), local(BERLIN, 2026, 11, 24, 3, 31)) == \
        [("morning", date(2026, 11, 23), (FIRST,))]
    assert next_time([late], Rules(BERLIN, day_start_hour=0), sunday_noon) == \
        local(BERLIN, 2026, 11, 23, 3, 30)  # with days starting at midnight, Monday 03:30


def test_a_time_at_the_day_start_hour_opens_its_own_day() -> None:
    """04:00 with the day starting at 04:00 is the first minute of the day, not the night
    after it: [mon] comes on Monday at 04:00."""
    at_start = plan("04:00", days=(0,))
    sunday_noon = local(BERLIN, 2026, 11, 22, 12, 0)
    assert next_time([at_start], Rules(BERLIN, day_start_hour=4), sunday_noon) == \
        local(BERLIN, 2026, 11, 23, 4, 0)
    assert due([at_start], Rules(BERLIN, day_start_hour=4), local(BERLIN, 2026, 11, 23, 4, 1)) \
        == [("morning", date(2026, 11, 23), (FIRST,))]


def test_an_older_day_s_follow_up_never_follows_a_newer_day_s_reminder() -> None:
    rules = Rules(BERLIN, grace=timedelta(hours=13))
    routine = plan(again=12 * 60)  # 07:30, and again at 19:30
    sent = {("morning", date(2026, 11, 22), FIRST)}  # yesterday's first; its follow-up missed
    now = local(BERLIN, 2026, 11, 23, 7, 31)
    assert due([routine], rules, now, sent) == [("morning", date(2026, 11, 23), (FIRST,))]
    sent.add(("morning", date(2026, 11, 23), FIRST))
    assert due([routine], rules, now + timedelta(minutes=1), sent) == []


def test_a_routine_once_a_week_is_due_again_a_week_later() -> None:
    """Monday's reminder has passed on Monday morning: the next is next Monday's, and on
    Thursday, with none in the days just past, nothing is due."""
    mondays = plan(days=(0,))
    monday = local(BERLIN, 2026, 11, 23, 8, 0)
    assert next_time([mondays], Rules(BERLIN), monday) == local(BERLIN, 2026, 11, 30, 7, 30)
    assert due([mondays], Rules(BERLIN), local(BERLIN, 2026, 11, 26, 8, 0)) == []


def test_the_next_time_is_after_now_not_at_it() -> None:
    seven_thirty = local(BERLIN, 2026, 11, 23, 7, 30)
    assert next_time([plan()], Rules(BERLIN), seven_thirty) == \
        local(BERLIN, 2026, 11, 24, 7, 30)


#: A routine file's schedule at 07:30, every day.
SCHEDULED = 'schedule:\n  at: "07:30"\n'


def routine(routine_id: str, extra: str, length: str = "minutes: 60",
            title: str | None = None) -> Routine:
    text = (f"title: '{title or routine_id.title()}'\n{extra}steps:\n  - type: breathing\n"
            f"    pattern: {{inhale: 4, hold_in: 2, exhale: 4}}\n    {length}\n")
    result = load_routine_bytes(text.encode(), Path(f"{routine_id}.yaml"))
    assert result.routine is not None, result.problems
    return result.routine


def test_only_scheduled_routines_with_reminders_on_are_planned() -> None:
    routines = [routine("unscheduled", ""),
                routine("quiet", SCHEDULED + "reminders: false\n"),
                routine("long", SCHEDULED), routine("short", SCHEDULED, "cycles: 1")]
    assert [(p.routine_id, p.minutes) for p in plans_for(routines, Settings())] == \
        [("long", 60), ("short", 1)]  # ten seconds are "about 1 min"


def test_routines_due_together_are_listed_as_the_home_screen_lists_them() -> None:
    """`coach remind --next` and home agree: at the same time, by title, whatever its
    capitals; a bracket comes before the letters in both."""
    routines = [routine("breathe", SCHEDULED, title="Breathe"),
                routine("work", SCHEDULED, title="[Work] wind-down"),
                routine("scan", SCHEDULED, title="body scan")]
    now = local(BERLIN, 2026, 11, 23, 7, 0)
    coming = upcoming(plans_for(routines, Settings()), Rules(BERLIN), now,
                      now + timedelta(hours=1))
    home = Catalog(routines={r.id: r for r in routines}).ordered()
    assert [r.title for r in coming] == [r.title for r in home] == \
        ["[Work] wind-down", "body scan", "Breathe"]
