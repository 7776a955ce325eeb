"""The local zone and the name stored with each record: from TZ, /etc/localtime or
/etc/timezone, the first that names a real zone, else the offset in force."""

from __future__ import annotations

import os
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from coach.store import days
from coach.store.days import local_zone, offset_name, zone_named

#: tests/conftest.py pins coach.store.days.local_zone; this module holds the real one.
NO_LINK = "no link"


def system(monkeypatch: pytest.MonkeyPatch, *, tz: str | None, link: str = NO_LINK,
           timezone_file: str | None = None) -> None:
    """A machine whose TZ, /etc/localtime link and /etc/timezone file are these."""
    if tz is None:
        monkeypatch.delenv("TZ", raising=False)
    else:
        monkeypatch.setenv("TZ", tz)

    def readlink(path: str | os.PathLike[str]) -> str:
        assert str(path) == "/etc/localtime"
        if link == NO_LINK:
            raise FileNotFoundError(path)
        return link

    real_read_text = Path.read_text

    def read_text(self: Path, *args: object, **kwargs: object) -> str:
        if str(self) == "/etc/timezone":
            if timezone_file is None:
                raise FileNotFoundError(self)
            return timezone_file.encode("utf-8").decode(*args, **kwargs)  # type: ignore[arg-type]
        return real_read_text(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "readlink", readlink)
    monkeypatch.setattr(Path, "read_text", read_text)


@pytest.mark.parametrize(("tz", "link", "timezone_file", "name"), [
    ("Europe/Berlin", "/usr/share/zoneinfo/Asia/Tokyo", None, "Europe/Berlin"),
    (":Europe/Berlin", NO_LINK, None, "Europe/Berlin"),  # the C library's leading colon
    ("UTC", NO_LINK, None, "UTC"),
    (None, "/usr/share/zoneinfo/Asia/Tokyo", "Europe/Berlin\n", "Asia/Tokyo"),
    ("Nowhere/Atlantis", "/usr/share/zoneinfo/Asia/Tokyo", None, "Asia/Tokyo"),
    (None, NO_LINK, "America/New_York\n", "America/New_York"),
    (None, "/etc/elsewhere", "America/New_York\n", "America/New_York"),
    (None, "/usr/share/zoneinfo/", "America/New_York\n", "America/New_York"),
], ids=["TZ", "TZ with colon", "TZ UTC", "link before file", "unknown TZ", "file",
        "link outside zoneinfo", "link to the zoneinfo folder"])
def test_the_first_source_that_names_a_real_zone_wins(
        monkeypatch: pytest.MonkeyPatch, tz: str | None, link: str,
        timezone_file: str | None, name: str) -> None:
    system(monkeypatch, tz=tz, link=link, timezone_file=timezone_file)
    assert local_zone() == (ZoneInfo(name), name)


def test_with_no_zone_named_anywhere_it_is_the_c_library_s(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """/etc/localtime copied rather than linked names no zone: the offset the C library
    reads from it stands, under the name it gives (here CET)."""
    system(monkeypatch, tz=None, link="/usr/share/zoneinfo/Not/AZone", timezone_file="\n")
    central = timezone(timedelta(hours=1), "CET")

    class CLibraryInCentralEurope(datetime):
        def astimezone(self, tz: object = None) -> datetime:  # type: ignore[override]
            assert tz is None
            return datetime(2026, 11, 22, 12, tzinfo=central)

    monkeypatch.setattr(days, "datetime", CLibraryInCentralEurope)
    assert local_zone() == (central, "CET")


def test_with_nothing_known_and_tz_empty_the_zone_is_utc(
        monkeypatch: pytest.MonkeyPatch) -> None:
    system(monkeypatch, tz="", timezone_file="")
    time.tzset()
    try:
        zone, stored = local_zone()
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
    assert zone.utcoffset(datetime(2026, 11, 22)) == timedelta(0) and stored == "UTC"
    assert isinstance(zone, timezone)


@pytest.mark.parametrize(("offset", "name"), [
    (timedelta(hours=9), "UTC+09:00"), (timedelta(hours=-3, minutes=-30), "UTC-03:30"),
    (timedelta(0), "UTC+00:00"), (timedelta(minutes=-1), "UTC-00:01")])
def test_an_offset_is_named_with_its_sign_and_read_back(offset: timedelta, name: str) -> None:
    assert offset_name(offset) == name
    assert zone_named(name).utcoffset(None) == offset


def test_a_posix_tz_at_utc_is_named_as_an_offset_of_zero(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """An offset of zero is falsy: it must not be taken for no offset at all."""
    monkeypatch.setenv("TZ", "GMT0")
    time.tzset()
    try:
        zone, stored = local_zone()
    finally:
        monkeypatch.setenv("TZ", "UTC")
        time.tzset()
    assert (zone.utcoffset(None), stored) == (timedelta(0), "UTC+00:00")

