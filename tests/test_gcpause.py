"""The collector pause is shared: off while any thread is inside, back on after the last."""

from __future__ import annotations

import ast
import gc
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from coach.foundation.gcpause import gc_paused
from coach.store import Store, edits
from tests.conftest import REPO


def test_overlapping_pauses_keep_it_off_until_the_last_ends_then_put_it_back() -> None:
    assert gc.isenabled()
    first, second = gc_paused(), gc_paused()
    first.__enter__()
    second.__enter__()  # another thread's bulk read starts while the first is running
    first.__exit__(None, None, None)
    assert not gc.isenabled()
    second.__exit__(None, None, None)
    assert gc.isenabled()


def test_a_pause_inside_a_disabled_collector_leaves_it_disabled() -> None:
    gc.disable()  # as the app does until its first paint
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def store_of_three_months(directory: Path) -> Store:
    store = Store(directory, zone=(ZoneInfo("UTC"), "UTC"),
                  now=lambda: datetime(2026, 11, 22, 20, tzinfo=timezone.utc))
    for month in (9, 10, 11):
        store.add({"kind": "step", "routine": "r", "session": f"s{month}", "step": "j",
                   "type": "journal", "status": "done", "day": f"2026-{month:02d}-02",
                   "utc": f"2026-{month:02d}-02T20:00:00Z", "tz": "UTC",
                   "started": f"2026-{month:02d}-02T19:59:00Z",
                   "ended": f"2026-{month:02d}-02T20:00:00Z", "data": {"text": "a walk"}})
    return store


def test_a_caller_iterating_the_store_month_by_month_does_so_with_the_collector_on(
        tmp_path: Path) -> None:
    """A pause held across a `yield` would keep the collector off in every thread for as
    long as the caller took between two months (an export writing to a slow pipe)."""
    store = store_of_three_months(tmp_path)
    for months in (store.digests(), store.by_month(), store.digests(newest_first=True)):
        next(months)
        assert gc.isenabled()
        months.close()


def test_a_search_reads_each_month_with_the_collector_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = store_of_three_months(tmp_path)
    seen: list[bool] = []

    def search(months: Iterator[list[dict[str, Any]]], *args: Any) -> list[dict[str, Any]]:
        for _ in months:
            seen.append(gc.isenabled())
        return []

    monkeypatch.setattr(edits, "search", search)
    store.search_entries("walk")
    assert seen == [True, True, True]


def test_no_generator_in_coach_pauses_the_collector() -> None:
    """gc_paused may wrap work that ends, never a `yield`."""
    found = []
    for path in (REPO / "coach").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = [n for n in ast.walk(node) if n is not node]
                yields = any(isinstance(n, ast.Yield | ast.YieldFrom) for n in inner)
                pauses = any(isinstance(n, ast.Name) and n.id == "gc_paused" for n in inner)
                if yields and pauses and node.name != "gc_paused":
                    found.append(f"{path.relative_to(REPO)}: {node.name}")
    assert found == []
