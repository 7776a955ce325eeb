"""Routine days: the local date a record belongs to, with a day-start hour.

An evening routine finished at 00:40 counts for the evening before: a day
starts at `day_start_hour` (04:00 by default), not at midnight.
"""

from __future__ import annotations

import os
import re
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
    """The local time zone and its IANA name when it can be known (TZ, /etc/localtime).

    A POSIX TZ value such as `JST-9` or `<+0530>-5:30` names no zone database entry;
    the C library still applies it, so the zone is the offset in force now, named
    like `UTC+09:00` so that every later reader shows the same local time.
    """
    name = os.environ.get("TZ", "").lstrip(":")
    if name and "/" not in name and name not in ("UTC", "GMT") and any(c.isdigit() for c in name):
        offset = datetime.now().astimezone().utcoffset() or timedelta(0)
        return timezone(offset), offset_name(offset)
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


def offset_name(offset: timedelta) -> str:
    """'UTC+09:00', 'UTC-03:30', 'UTC+00:00'."""
    minutes = round(offset.total_seconds() / 60)
    sign = "-" if minutes < 0 else "+"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


_OFFSET_NAME = re.compile(r"UTC([+-])(\d{2}):(\d{2})")
# The standard-time part of a POSIX TZ value: a name (or <quoted name>), then the offset
# west of Greenwich: JST-9, <+0530>-5:30, EST5EDT,M3.2.0,M11.1.0.
_POSIX_TZ = re.compile(r"(?:[A-Za-z]{3,}|<[^>]{1,20}>)([+-]?)(\d{1,2})(?::(\d{2}))?(?::\d{2})?")


def zone_named(name: str) -> tzinfo:
    """The zone a record names: an IANA name, an offset as coach writes it, or the standard
    time of a POSIX TZ value stored by an older coach; UTC for anything else."""
    if match := _OFFSET_NAME.fullmatch(name):
        sign = -1 if match.group(1) == "-" else 1
        minutes = int(match.group(2)) * 60 + int(match.group(3))
        if minutes < 24 * 60:
            return timezone(sign * timedelta(minutes=minutes))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        pass
    if (match := _POSIX_TZ.match(name)) and "/" not in name:
        west = -1 if match.group(1) == "-" else 1
        minutes = int(match.group(2)) * 60 + int(match.group(3) or 0)
        if minutes < 24 * 60:
            return timezone(-west * timedelta(minutes=minutes))
    return timezone.utc


def iso_utc(instant: datetime) -> str:
    """UTC to the millisecond, so records made within one second keep their order."""
    return instant.astimezone(timezone.utc).isoformat(timespec="milliseconds") \
        .replace("+00:00", "Z")


def parse_utc(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
