"""Reading a JSON export back in, a record at a time, in the memory of a few thousand records.

The export is parsed as a stream (coach.store.jsonstream), whatever its layout:
a ten-year export never sits in memory whole, and neither does its parsed form.
Records are checked one by one, gathered by month and added in batches; each
batch is decided under the store's lock, so nothing is added twice. If the
file breaks off or a batch cannot be saved, the import stops there and says
exactly how far it got; importing the same file again adds only what is missing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from coach.store.export import EXPORT_FORMAT, EXPORT_VERSION
from coach.store.jsonstream import (CUT_SHORT, PIECE, TOO_DEEP, UNEXPECTED, JsonStream, NotJson,
                                    Unbuilt)
from coach.store.records import record_problem
from coach.store.store import Store

#: An export of fifty years is well under this; anything bigger is not one.
IMPORT_LIMIT = 1024 ** 3
BATCH = 5000
REASONS_SHOWN = 5


class NotAnExport(Exception):
    """The file is not a coach JSON export this coach can read; the message says why."""


class ReadLimit:
    """A binary file that refuses to be read past `limit` bytes (it may grow while read)."""

    def __init__(self, handle: BinaryIO, limit: int) -> None:
        self.handle, self.left = handle, limit

    def read(self, size: int = -1) -> bytes:
        return self._counted(self.handle.read(min(size, self.left + 1) if size >= 0
                                              else self.left + 1))

    def seek(self, position: int) -> None:
        self.left += self.handle.tell() - position
        self.handle.seek(position)

    def _counted(self, data: bytes) -> bytes:
        self.left -= len(data)
        if self.left < 0:
            raise NotAnExport("it grew past the size an export may have while it was read")
        return data


#: Deeper than any record coach writes (see records.MAX_DEPTH); a record the reader cannot
#: even build (nested hundreds of levels) is refused with these words.
MAX_RECORD_DEPTH = 12
_UNBUILT_WORDS = {TOO_DEEP: f"the record is nested more than {MAX_RECORD_DEPTH} levels deep"}
_NOT_AN_EXPORT = "it is not a coach JSON export (coach export --format json makes one)"
_JSON_STARTS = '["-0123456789tfn'
#: The first line of `coach export --format csv` (or of a spreadsheet that saved it again).
_CSV_HEADER = re.compile(r'"?uid"?[,;\t]"?kind"?[,;\t]"?day"?[,;\t]')


def read_export(handle: BinaryIO, piece: int = PIECE) -> Iterator[Any]:
    """Check the export's format and version, then return its records one at a time.
    A month file of a data folder (a TinyDB document, {"records": {"1": {...}}}) is read
    too: a copy of one, or a month holding records of other months, is imported this way.

    Any layout `json.load` reads is read the same way (see JsonStream): the
    file is a stream of text, never in memory whole, and records are built one
    at a time. What follows the records is read too, so a file that is not
    valid JSON to its end is not taken for one. When the records come before
    the format or the version (keys sorted, as `jq -S` or `sort_keys` write
    them), the file is read through once to find those, then again to import.
    """
    stream = JsonStream(handle, piece)
    try:
        names = _opened(stream)
        header: dict[str, Any] = {}
        for name in names:
            if name != "records":
                value = stream.value()
                if name in ("format", "version"):
                    header[name] = value
                continue
            if stream.start() == "{" and not header:  # a month file: {"records": {"1": ...}}
                stream.at += 1
                return _month_records(stream, names)
            if stream.start() != "[":
                _check_header({"format": EXPORT_FORMAT, "version": EXPORT_VERSION} | header)
                raise NotAnExport("its records are not a list" if stream.start()
                                  else CUT_SHORT)
            stream.at += 1
            if "format" not in header or "version" not in header:
                header = _header_after_records(stream, names, header)
                _check_header(header)
                handle.seek(0)
                return _records_again(JsonStream(handle, piece))
            _check_header(header)
            return _records(stream, names)
        stream.end()
    except NotJson as err:
        raise NotAnExport(str(err)) from None
    _check_header(header)
    raise NotAnExport("it holds no list of records")


def _opened(stream: JsonStream) -> Iterator[str]:
    """The names of the export's top level, once it is known to be a JSON object."""
    first = stream.start()
    if not first:
        raise NotAnExport(f"it is empty; {_NOT_AN_EXPORT}")
    while len(stream.text) - stream.at < 40 and stream.more():
        pass  # enough of the first line to tell a CSV header
    if _CSV_HEADER.match(stream.text, stream.at):
        raise NotAnExport("coach import reads JSON exports (this looks like a CSV file); "
                          "coach export --format json makes one")
    if first != "{":
        raise NotAnExport(_NOT_AN_EXPORT if first in _JSON_STARTS else UNEXPECTED)
    stream.at += 1
    return stream.names()


def _header_after_records(stream: JsonStream, names: Iterator[str],
                          header: dict[str, Any]) -> dict[str, Any]:
    """Read past the records (each one built, so the file is checked, but none kept) and
    the rest of the export, for the format and version after them."""
    for _ in stream.items():
        pass
    for name in names:
        value = stream.value()
        if name in ("format", "version"):
            header[name] = value
    stream.end()
    return header


def _records_again(stream: JsonStream) -> Iterator[Any]:
    """The second reading: straight to the records (the header is checked)."""
    try:
        names = _opened(stream)
        for name in names:
            if name == "records":
                stream.take("[", "its records are not a list")
                return _records(stream, names)
            stream.value()
    except NotJson as err:
        raise NotAnExport(str(err)) from None
    raise NotAnExport("it changed while it was read")


def _check_header(header: dict[str, Any]) -> None:
    if header.get("format") != EXPORT_FORMAT:
        raise NotAnExport(_NOT_AN_EXPORT)
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise NotAnExport("its version is not a number coach knows")
    if version > EXPORT_VERSION:
        raise NotAnExport("it was made by a newer coach; update coach to import it")


def _month_records(stream: JsonStream, names: Iterator[str]) -> Iterator[Any]:
    """The records of a month file's table, by id ({"1": {...}, "2": {...}}), then the rest
    of the file read through (and checked) to its end."""
    try:
        for _ in stream.names():
            yield stream.value()
        for _ in names:
            stream.value()
        stream.end()
    except NotJson as err:
        raise NotAnExport(str(err)) from None


def _records(stream: JsonStream, names: Iterator[str]) -> Iterator[Any]:
    """The records, then the rest of the export read through (and checked) to its end."""
    try:
        yield from stream.items()
        for _ in names:
            stream.value()
        stream.end()
    except NotJson as err:
        raise NotAnExport(str(err)) from None


@dataclass
class Importer:
    """Takes records one at a time and adds them a batch at a time."""

    store: Store
    read: int = 0
    added: int = 0
    present: int = 0
    refused: int = 0
    #: The first few refused records: (position in the file, 1-based, and why).
    reasons: list[tuple[int, str]] = field(default_factory=list)
    _pending: list[dict[str, Any]] = field(default_factory=list)

    def take(self, record: Any) -> None:
        self.read += 1
        if isinstance(record, Unbuilt):
            problem = _UNBUILT_WORDS.get(record, f"the record {record.why}")
        else:
            problem = record_problem(record)
        if problem is not None:
            self.refused += 1
            if len(self.reasons) < REASONS_SHOWN:
                self.reasons.append((self.read, problem))
            return
        self._pending.append(record)
        if len(self._pending) >= BATCH:
            self.flush()

    def flush(self) -> None:
        """Add what is pending, a month at a time, counting as it goes: if a month cannot be
        saved (StoreError), the counts say exactly what was added before it."""
        by_month: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for record in self._pending:
            by_month[record["day"][:7]].append(record)
        self._pending = []
        for month in sorted(by_month):
            added, present = self.store.import_records(by_month[month])
            self.added += added
            self.present += present
