"""Routine days: the local date a record belongs to, with a day-start hour.

An evening routine finished at 00:40 counts for the evening before: a day
starts at `day_start_hour` (04:00 by default), not at midnight.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_DAY_START_HOUR = 4


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def routine_day(instant: datetime, zone: tzinfo, day_start_hour: int = DEFAULT_DAY_START_HOUR) -> date:
    local = instant.astimezone(zone)
    return (local - timedelta(hours=day_start_hour)).date()


def local_zone() -> tuple[tzinfo, str]:
    """The local time zone and its IANA name when it can be known (TZ, /etc/localtime)."""
    name = os.environ.get("TZ", "").lstrip(":")
    if name and "/" not in name and name not in ("UTC", "GMT") and any(c.isdigit() for c in name):
        fallback = datetime.now().astimezone().tzinfo or timezone.utc  # a POSIX TZ such as JST-9
        return fallback, name
    candidates = [name] if name else []
    try:
        target = os.readlink("/etc/localtime")
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    except OSError:
        pass
    try:
        candidates.append(Path("/etc/timezone").read_text(encoding="utf-8").strip())
    except OSError:
        pass
    for candidate in candidates:
        if not candidate:
            continue
        try:
            return ZoneInfo(candidate), candidate
        except (ZoneInfoNotFoundError, ValueError):
            continue
    fallback = datetime.now().astimezone().tzinfo or timezone.utc
    return fallback, str(fallback)


def zone_named(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return timezone.utc


def iso_utc(instant: datetime) -> str:
    """UTC to the millisecond, so records made within one second keep their order."""
    return instant.astimezone(timezone.utc).isoformat(timespec="milliseconds") \
        .replace("+00:00", "Z")


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
