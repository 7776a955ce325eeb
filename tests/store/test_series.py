"""The routines' series: the same strength, runs and day marks as the month digests give,
after every kind of write, and made again (never an error) when it cannot be trusted."""

from __future__ import annotations

import os
import random
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from coach.insight.all_history import all_history_figures
from coach.insight.history import checks_of_series, history_of_ledger, load_history
from coach.insight.overview import progress_of, range_figures, series_progress
from coach.insight.suggest import tried_by_key, tried_of_series
from coach.routine.model import Routine
from coach.store import Store
from coach.store.series import SERIES_NAME, Series
from coach.foundation.values import StepOutcome

UTC = (timezone.utc, "UTC")
FIRST = date(2023, 3, 10)
YEARS = 3
ROUTINES = ("morning", "evening")
#: The last day of the built history, and the store's today.
LAST = FIRST + timedelta(days=365 * YEARS)
NOW = datetime.combine(LAST, datetime.min.time(), tzinfo=timezone.utc) + timedelta(hours=20)


def _routine(routine_id: str, days: list[int] | None, steps: int) -> Routine:
    """What the figures read of a routine: its id, how many steps, its weekdays."""
    schedule = None if days is None else SimpleNamespace(days=days)
    return SimpleNamespace(id=routine_id, steps=[None] * steps,  # type: ignore[return-value]
                           schedule=schedule)


#: Each routine as the catalog might hold it now: scheduled on some days, or any time.
NOW_ROUTINES = (_routine("morning", [0, 1, 2, 3, 4], 3),
                _routine("evening", None, 2),
                _routine("never-used", [5], 1))


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=timezone.utc)


def _records(store: Store, rng: random.Random) -> list[dict]:
    """Three years of varied days: finished, started and left, rest days, nothing, and a
    schedule that changes now and then."""
    records: list[dict] = []
    clock = store.now
    weekdays: dict[str, list[int] | None] = {"morning": [0, 1, 2, 3, 4], "evening": None}
    day = FIRST
    while day <= LAST:
        if day.toordinal() % 13 == 0:  # a self-check now and then, standalone or in a routine
            form, routine = ("phq9", "_check") if day.day % 2 else ("gad7", "evening")
            at = _at(day, 12)
            records.append(store.step_record(routine, f"check-{day}", StepOutcome(
                form, "check", "done", at, at, {"form": form, "answers": [], "difficulty": None,
                                                "total": day.day % 22}), day=day))
        for hour, routine in ((7, "morning"), (20, "evening")):
            if rng.random() < 0.02:
                weekdays[routine] = rng.choice([None, [0, 2, 4], [0, 1, 2, 3, 4, 5, 6]])
            roll = rng.random()
            session = f"{routine}-{day}"
            store.now = lambda d=day, h=hour: _at(d, h)  # type: ignore[misc]
            if roll < 0.1:  # a rest day (now and then marked, then taken back)
                records.append(_rest(store, routine, day, rng.random() < 0.85))
                continue
            if roll < 0.25:
                continue  # nothing that day
            records.append(store.session_record(routine, session, "started", day=day,
                                                steps_total=3, weekdays=weekdays[routine]))
            steps = rng.randint(1, 3)
            for n in range(steps):
                at = _at(day, hour, 1 + n)
                kind = ("journal", "mood", "activity_plan")[n] if routine == "morning" else \
                    ("journal", "breathing", "activity_review")[n]
                data = {"journal": {"text": f"day {day}"},
                        "mood": {"rating": rng.randint(0, 10), "feelings": []},
                        "activity_plan": {"activities": [
                            {"id": f"a-{day}", "name": f"Walk {rng.randint(0, 9)}",
                             "time": None, "predicted": rng.randint(0, 10)}]},
                        "breathing": {"completed": True, "distress_before": rng.randint(3, 9),
                                      "distress_after": rng.randint(0, 6)},
                        "activity_review": {"activities": [
                            {"id": f"a-{day}", "name": "Walk", "predicted": None,
                             "done": rng.random() < 0.8, "pleasure": rng.randint(0, 10),
                             "mastery": None}]}}[kind]
                status = "skipped" if rng.random() < 0.1 else "done"
                records.append(store.step_record(routine, session, StepOutcome(
                    f"s{n}", kind, status, at, at + timedelta(seconds=30), data), day=day))
            if roll < 0.8:
                store.now = lambda d=day, h=hour: _at(d, h, 10)  # type: ignore[misc]
                records.append(store.session_record(routine, session, "finished", day=day))
        day += timedelta(days=1)
    store.now = clock
    return records


def _rest(store: Store, routine: str, day: date, rest: bool) -> dict:
    from coach.store.days import iso_utc
    from coach.store.store import _stamped

    return _stamped({"kind": "rest", "routine": routine, "day": day.isoformat(), "rest": rest,
                     "utc": iso_utc(store.now()), "tz": store.zone[1]})


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("series") / "data"
    store = Store(directory, zone=UTC, now=lambda: NOW)
    store.import_records(_records(store, random.Random(21)))
    return directory


@pytest.fixture
def data(built: Path, tmp_path: Path) -> Path:
    """A copy of the built history, with its series made and saved."""
    import shutil

    directory = tmp_path / "data"
    shutil.copytree(built, directory)
    _store(directory).series()
    assert (directory / "digests" / SERIES_NAME).is_file()
    return directory


def _store(directory: Path) -> Store:
    return Store(directory, zone=UTC, now=lambda: NOW)


def assert_same_figures(directory: Path) -> None:
    """Every routine's progress from the series (as saved, brought up to date by a fresh
    store) equals the one from the month digests, on a few days; so do the figures over
    all history from the ledger."""
    series = _store(directory).series()
    history = load_history(_store(directory))
    ledger = history_of_ledger(_store(directory).ledger())
    assert (ledger.moods, ledger.rated, ledger.plans, ledger.reviews) == \
        (history.moods, history.rated, history.plans, history.reviews)
    assert checks_of_series(series) == history.checks == ledger.checks
    # What "need something now" asks of every rating: the same from the kept totals.
    from_series, from_ratings = tried_of_series(series), tried_by_key(history.rated)
    assert from_series.keys() == from_ratings.keys() and from_series
    for key, tried in from_ratings.items():
        kept = from_series[key]
        assert (kept.sessions, kept.last) == (tried.sessions, tried.last), key
        assert (kept.before, kept.after, kept.drop) == pytest.approx(
            (tried.before, tried.after, tried.drop)), key
    for today in (LAST, LAST - timedelta(days=200), LAST + timedelta(days=30)):
        expected = range_figures(history, today, None)
        assert range_figures(ledger, today, None, series) == expected
        # Worked out (and saved), then as saved, while no month changes.
        assert all_history_figures(_store(directory), series, today) == expected
        assert all_history_figures(_store(directory), series, today) == expected
    for today in (LAST, LAST - timedelta(days=200), FIRST + timedelta(days=3), FIRST):
        for routine in NOW_ROUTINES:
            expected = progress_of(history, routine, today)
            assert series_progress(series, routine, today) == expected, (routine.id, today)
            light = series_progress(series, routine, today, detail=False)
            assert (light.strength, light.change, light.current_run, light.best_run,
                    light.done_recent, light.trend) == \
                (expected.strength, expected.change, expected.current_run,
                 expected.best_run, expected.done_recent, expected.trend)


def test_the_series_gives_the_figures_the_digests_give(data: Path) -> None:
    assert_same_figures(data)
    series = _store(data).series()
    morning = series.routine("morning")
    assert morning.start is not None and morning.partly and morning.schedules
    assert b"r" in morning.marks and b"d" in morning.marks
    ledger = history_of_ledger(_store(data).ledger())
    assert ledger.moods and ledger.rated and ledger.plans and ledger.reviews
    assert len(checks_of_series(series)) > 70
    # Three years of two routines, about 85 self-checks and an exercise rated each month: a
    # few kilobytes, not the digests' megabytes (the self-checks are about 3 KB of it, the
    # exercises' monthly totals 1 KB).
    assert (data / "digests" / SERIES_NAME).stat().st_size < 24_000


def test_a_new_record_counts(data: Path) -> None:
    store = _store(data)
    day = next(LAST - timedelta(days=n) for n in range(30)
               if not store.series().routine("morning").is_finished(LAST - timedelta(days=n)))
    store.record_session("morning", "today", "finished", day=day)
    store.record_session("evening", "new", "finished", day=LAST + timedelta(days=1))
    assert _store(data).series().routine("morning").is_finished(day)
    assert_same_figures(data)


def test_rest_days_set_and_taken_back_count(data: Path) -> None:
    store = _store(data)
    days = [LAST - timedelta(days=n) for n in (2, 40, 400)]
    for day in days:
        store.set_rest_day("morning", day)
    assert all(_store(data).series().routine("morning").is_rest(day) or
               _store(data).series().routine("morning").is_finished(day) for day in days)
    assert_same_figures(data)
    for day in days:
        store.set_rest_day("morning", day, rest=False)
    assert not any(_store(data).series().routine("morning").is_rest(day) for day in days)
    assert_same_figures(data)


def test_days_marked_afterwards_count_and_a_finished_day_stands(data: Path) -> None:
    store = _store(data)
    series = store.series().routine("morning")
    finished = next(LAST - timedelta(days=n) for n in range(30)
                    if series.is_finished(LAST - timedelta(days=n)))
    days = [LAST - timedelta(days=n) for n in (1, 5, 9, 45, 400, 700)]
    for day, state in zip(days, ("done", "partly", "rest", "done", "partly", "none")):
        store.mark_day("morning", day, state)
        store.mark_day("evening", day, "done")
    store.mark_day("morning", finished, "partly")
    store.mark_day("morning", LAST - timedelta(days=9), "done")  # the latest mark wins
    marked = _store(data).series().routine("morning")
    assert marked.is_finished(finished) and marked.marks[(finished - marked.start).days] == ord("d")
    assert marked.is_finished(LAST - timedelta(days=9)) and not marked.is_rest(
        LAST - timedelta(days=9))
    assert b"m" in marked.marks and b"p" in marked.marks
    assert_same_figures(data)
    for day in days:  # cleared again
        store.mark_day("morning", day, "none")
    assert_same_figures(data)


def test_edits_and_deletions_of_entries_count(data: Path) -> None:
    store = _store(data)
    journals = [record for record in store.records(since=LAST - timedelta(days=90))
                if record.get("type") == "journal" and record["routine"] == "morning"]
    assert len(journals) > 4
    series = store.series().routine("morning")
    partly = next(r for r in journals if series.touched_on(date.fromisoformat(r["day"])))
    before = series.touched_on(date.fromisoformat(partly["day"]))
    assert store.delete_entry(partly["uid"], date.fromisoformat(partly["day"]))
    after = _store(data).series().routine("morning").touched_on(
        date.fromisoformat(partly["day"]))
    assert after == before - 1
    store.correct_entry(journals[-1]["uid"], date.fromisoformat(journals[-1]["day"]),
                        {"text": "said better"})
    assert_same_figures(data)


def test_an_import_counts(data: Path, tmp_path: Path) -> None:
    other = Store(tmp_path / "other", zone=UTC, now=lambda: NOW)
    other.now = lambda: _at(FIRST - timedelta(days=400), 7)
    older = other.session_record("morning", "long-ago", "finished",
                                 day=FIRST - timedelta(days=400), weekdays=[5, 6])
    latest = other.session_record("evening", "latest", "finished", day=LAST)
    assert _store(data).import_records([older, latest]) == (2, 0)
    series = _store(data).series()
    assert series.routine("morning").first_day == FIRST - timedelta(days=400)
    assert_same_figures(data)


def test_a_month_changed_or_removed_by_another_process_counts(data: Path) -> None:
    # Another process's write looks the same as any other: the month file's stamp changed.
    other = _store(data)
    other.record_session("morning", "elsewhere", "finished", day=LAST - timedelta(days=3))
    assert_same_figures(data)
    month = data / f"records-{LAST - timedelta(days=500):%Y-%m}.json"
    month.unlink()
    assert not _store(data).series().routine("morning").is_finished(
        LAST - timedelta(days=500))
    assert_same_figures(data)


def test_a_month_that_cannot_be_read_now_is_left_out_and_comes_back(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    month = data / f"records-{LAST - timedelta(days=300):%Y-%m}.json"
    day = next(d for d in (LAST - timedelta(days=300 + n) for n in range(-10, 10))
               if _store(data).series().routine("morning").is_finished(d)
               and d.strftime("%Y-%m") == month.name[8:15])
    os.chmod(month, 0)
    try:
        if os.access(month, os.R_OK):  # root reads any file: have the system say no
            real_stat = os.stat

            def refuse(path: Any, *args: Any, **kwargs: Any) -> os.stat_result:
                if Path(path) == month:
                    raise PermissionError(13, "Permission denied", str(path))
                return real_stat(path, *args, **kwargs)
            monkeypatch.setattr(os, "stat", refuse)
        assert not _store(data).series().routine("morning").is_finished(day)
    finally:
        monkeypatch.undo()
        os.chmod(month, 0o600)
    assert _store(data).series().routine("morning").is_finished(day)
    assert_same_figures(data)


@pytest.mark.parametrize("spoil", [
    b"", b"{", b"[]", b'{"v": 99}', b"\x00\xff" * 10,
    b'{"v": 1, "months": {}, "routines": {"morning": {"start": "2024-01-01", "marks": "dx",'
    b' "partly": {}, "schedules": {}}}}',
])
def test_a_damaged_or_foreign_series_is_made_again_without_a_word(data: Path,
                                                                   spoil: bytes) -> None:
    (data / "digests" / SERIES_NAME).write_bytes(spoil)
    store = _store(data)
    assert Series.from_bytes(spoil) is None
    assert store.series().routines
    assert store.problems == {} and store.notices == []
    assert Series.from_bytes((data / "digests" / SERIES_NAME).read_bytes()) is not None
    assert_same_figures(data)


def test_a_series_marking_days_of_a_month_it_does_not_name_is_made_again(data: Path) -> None:
    """Well formed, but not what the month files say: a month before the history began, all
    finished, that no month file holds. Taking out the months that changed could never
    take those days out."""
    path = data / "digests" / SERIES_NAME
    series = Series.from_bytes(path.read_bytes())
    assert series is not None
    for n in range(28):
        series.routines["morning"].set(date(2020, 2, 1) + timedelta(days=n), "d")
    path.write_bytes(series.to_bytes())
    assert _store(data).series().routine("morning").first_day == FIRST
    assert_same_figures(data)


def test_a_second_read_of_an_unchanged_folder_reads_no_digest(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import coach.store.months as months

    asked: list[str] = []
    real = months.MonthFiles.digest

    def counting(self, path, keep=True, listed=None):  # type: ignore[no-untyped-def]
        asked.append(path.name)
        return real(self, path, keep, listed)

    monkeypatch.setattr(months.MonthFiles, "digest", counting)
    _store(data).series()
    assert asked == []
    _store(data).record_session("evening", "one more", "finished", day=LAST)
    _store(data).series()
    assert asked == [f"records-{LAST:%Y-%m}.json"]


def test_the_figures_over_all_history_are_not_worked_out_again_while_nothing_changed(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import coach.insight.all_history as all_history

    series = _store(data).series()
    first = all_history_figures(_store(data), series, LAST + timedelta(days=1))
    worked_out: list[date] = []
    real = all_history.range_figures

    def counting(history, today, days, series=None, parts=()):  # type: ignore[no-untyped-def]
        worked_out.append(today)
        return real(history, today, days, series, parts)

    monkeypatch.setattr(all_history, "range_figures", counting)
    again = all_history_figures(_store(data), series, LAST + timedelta(days=9))
    assert worked_out == [] and again.last == LAST + timedelta(days=9)
    assert again.mood == first.mood and again.activities == first.activities
    _store(data).set_rest_day("evening", LAST)
    all_history_figures(_store(data), _store(data).series(), LAST + timedelta(days=9))
    assert worked_out == [LAST + timedelta(days=9)]


@pytest.mark.parametrize("spoil", [
    lambda _: b"", lambda _: b"{]", lambda _: b'{"v": 1}', lambda _: b'{"v": 99, "months": {}}',
    lambda good: good.replace(b',"first":"', b',"first":"2023-W10-1","was":"'),
    lambda good: good.replace(b']]],"effects"', b']],[1.0]],"effects"'),
    lambda good: good[:-4] + b',1.0]]]}',
    lambda good: good.replace(b'",9.0,null,9.0]', b'","9.0",null,9.0]', 1),
], ids=["empty", "not json", "no figures", "another version", "a week date",
        "a short point", "a long row", "a figure as text"])
def test_damaged_figures_over_all_history_are_worked_out_again(data: Path,
                                                               spoil: object) -> None:
    from coach.insight.all_history import figures_from_bytes

    series = _store(data).series()
    expected = all_history_figures(_store(data), series, LAST)
    path = data / "digests" / "all-figures.json"
    good = path.read_bytes()
    spoilt = spoil(good)  # type: ignore[operator]
    assert spoilt != good and figures_from_bytes(spoilt) is None
    path.write_bytes(spoilt)
    assert all_history_figures(_store(data), series, LAST) == expected


def test_strength_goes_on_from_a_checkpoint_kept_in_the_series(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The walk over three years is kept as a checkpoint about a year back (where the
    strength chart's weeks begin); the next
    reads (on later days too) go on from it and give the same figures; a write makes the
    series forget it."""
    import coach.store.series as series_module

    series = _store(data).series()
    assert series.checkpoints == {}
    morning = NOW_ROUTINES[0]
    series_progress(series, morning, LAST, detail=False)
    assert len(series.checkpoints) == 1
    _store(data).keep_series(series)
    walked_from: list[date] = []
    real = series_module.RoutineSeries.states

    def states(self, first):  # type: ignore[no-untyped-def]
        walked_from.append(first)
        return real(self, first)

    monkeypatch.setattr(series_module.RoutineSeries, "states", states)
    history = load_history(_store(data))
    for today in (LAST, LAST + timedelta(days=20)):
        kept = _store(data).series()
        expected = progress_of(history, morning, today)
        got = series_progress(kept, morning, today, detail=False)
        assert (got.strength, got.change, got.current_run, got.best_run, got.done_recent,
                got.trend) == (expected.strength, expected.change, expected.current_run,
                               expected.best_run, expected.done_recent, expected.trend)
    checkpoint = date.fromisoformat(next(iter(series.checkpoints.values()))[0])
    assert walked_from == [checkpoint, checkpoint]
    assert LAST - timedelta(days=400) < checkpoint < LAST - timedelta(days=360)
    _store(data).set_rest_day("morning", LAST)
    assert _store(data).series().checkpoints == {}


def test_a_month_whose_ratings_are_all_gone_leaves_no_exercise_totals(data: Path) -> None:
    """A month changed by hand (every rated exercise taken out): the totals kept for it go
    with it, and the suggestions' figures are those of the ratings left."""
    import json

    assert_same_figures(data)
    month = data / f"records-{LAST - timedelta(days=500):%Y-%m}.json"
    document = json.loads(month.read_text(encoding="utf-8"))
    table = document["records"]
    rated = [key for key, record in table.items() if record.get("type") == "breathing"]
    assert rated
    for key in rated:
        del table[key]
    month.write_text(json.dumps(document), encoding="utf-8")
    assert month.name not in _store(data).series().exercises
    assert_same_figures(data)


def test_better_days_over_all_history_are_kept_while_nothing_changed(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Worked out once from the ledger (as better_days over every record gives them), then
    read from their file while no month file changes; a change works them out again."""
    from coach.insight import all_better_days as kept
    from coach.insight.better_days import better_days

    today = LAST + timedelta(days=1)
    history = load_history(_store(data))
    series = _store(data).series()
    expected = better_days(history.moods, history.plans, history.reviews,
                           {key: series.routine(key) for key in ("morning", "evening")},
                           FIRST, today)
    assert expected.activities and expected.routines
    first = kept.all_history_better_days(_store(data), series, today, ["morning", "evening"])
    assert first == expected
    ledgers: list[int] = []
    real = Store.ledger

    def counting(store: Store) -> Any:
        ledgers.append(1)
        return real(store)

    monkeypatch.setattr(Store, "ledger", counting)
    again = kept.all_history_better_days(_store(data), series, today + timedelta(days=5),
                                         ["morning"])
    assert ledgers == [] and again.activities == expected.activities
    assert [line.name for line in again.routines] == ["morning"]
    _store(data).set_rest_day("evening", LAST)
    changed = kept.all_history_better_days(_store(data), _store(data).series(), today,
                                           ["morning", "evening"])
    assert ledgers == [1] and changed.activities == expected.activities
    (data / "digests" / kept.FILE_NAME).write_bytes(b"{]")
    assert kept.all_history_better_days(_store(data), _store(data).series(), today,
                                        ["morning", "evening"]) == changed
    assert ledgers == [1, 1]


@pytest.mark.parametrize("spoil", [
    lambda _: b"{]", lambda _: b"[]", lambda good: good.replace(b'"v":3', b'"v":99'),
    lambda good: good.replace(b'"mood_days":', b'"mood_days":-1,"was":'),
    lambda good: good.replace(b'"mood_days":', b'"mood_days":"1","was":'),
    lambda good: good.replace(b'"latest":"', b'"latest":"x'),
    lambda good: good.replace(b'"activities":[[', b'"activities":[[1,'),
    lambda good: good.replace(b'"activities":[["', b'"activities":[[null,"'),
], ids=["not json", "not an object", "another version", "negative days", "days as text",
        "not a day", "a long row", "a name not text"])
def test_damaged_better_days_over_all_history_are_worked_out_again(
        data: Path, spoil: Any) -> None:
    from coach.insight import all_better_days as kept

    today = LAST + timedelta(days=1)
    series = _store(data).series()
    good = kept.all_history_better_days(_store(data), series, today, ["morning"])
    path = data / "digests" / kept.FILE_NAME
    spoilt = spoil(path.read_bytes())
    assert spoilt != path.read_bytes() or spoilt in (b"{]", b"[]")
    path.write_bytes(spoilt)
    assert kept.better_days_from_bytes(spoilt) is None
    assert kept.all_history_better_days(_store(data), series, today, ["morning"]) == good
    assert kept.better_days_from_bytes(path.read_bytes()) is not None  # saved again


def test_better_days_kept_on_the_day_of_the_last_record_are_used(data: Path,
                                                                 monkeypatch: Any) -> None:
    from coach.insight import all_better_days as kept

    series = _store(data).series()
    kept.all_history_better_days(_store(data), series, LAST + timedelta(days=1), ["morning"])
    latest = kept.better_days_from_bytes((data / "digests" / kept.FILE_NAME).read_bytes())
    assert latest is not None
    read: list[int] = []
    real = Store.ledger
    monkeypatch.setattr(Store, "ledger", lambda store: read.append(1) or real(store))
    kept.all_history_better_days(_store(data), series, latest[1], ["morning"])
    assert read == []
