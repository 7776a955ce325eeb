"""Reading a JSON export back in, a record at a time, in the memory of a few thousand records.

The export is parsed as a stream (ijson, on its C backend): a ten-year export
never sits in memory whole, and neither does its parsed form. Records are
checked one by one, gathered by month and added in batches; each batch is
decided under the store's lock, so nothing is added twice. If the file breaks
off or a batch cannot be saved, the import stops there and says exactly how
far it got; importing the same file again adds only what is missing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from coach.store.export import EXPORT_FORMAT, EXPORT_VERSION
from coach.store.months import TABLE
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

    def readline(self, size: int = -1) -> bytes:
        return self._counted(self.handle.readline(min(size, self.left + 1) if size >= 0
                                                  else self.left + 1))

    def seek(self, position: int) -> None:
        self.left += self.handle.tell() - position
        self.handle.seek(position)

    def _counted(self, data: bytes) -> bytes:
        self.left -= len(data)
        if self.left < 0:
            raise NotAnExport("it grew past the size an export may have while it was read")
        return data


#: Deeper than any record coach writes (see records.MAX_DEPTH); deeper ones are refused.
MAX_RECORD_DEPTH = 12
TOO_DEEP = object()


def json_error_words(err: Exception) -> str:
    """What a JSON parser's complaint means, in plain words (its own text quotes the file)."""
    text = err.args[0] if err.args else ""
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    first = str(text).strip().splitlines()[0] if str(text).strip() else type(err).__name__
    if "premature EOF" in first:
        return "the file ends in the middle (it may have been cut short)"
    if "overflow" in first:
        return "it holds a number too large to keep"
    if "invalid" in first or "lexical" in first:
        return ("it is not valid JSON there (an unexpected character; note that NaN and "
                "Infinity are not numbers JSON allows)")
    return f"it is not valid JSON there ({first})"


#: The first line of an export this coach wrote: then every record is a line of its own.
_OWN_HEADER = re.compile(rb'\{"format":"coach-export","version":(\d{1,4}),"exported":"[^"\\]{0,40}",'
                         rb'"records":\[\n')
_OWN_END = (b"]}\n", b"]}")


def read_export(handle: BinaryIO) -> Iterator[Any]:
    """Check the export's format and version, then return its records one at a time.
    A month file of a data folder (a TinyDB document, {"records": {"1": {...}}}) is read
    too: a copy of one, or a month holding records of other months, is imported this way.

    A file laid out as `coach export` writes it (a record a line) is read a
    line at a time with orjson; any other layout is parsed from ijson's flat
    events, so nesting costs nothing until a record is
    built, and a record nested deeper than any coach writes is never built:
    its events are skipped and it comes out as TOO_DEEP, which the Importer refuses.
    ijson's own `items()` builds a path string for every level, which made a file
    nested 100,000 deep take gigabytes.
    """
    import ijson

    first = handle.readline(200)
    if not first:
        raise NotAnExport(f"it is empty; {_NOT_AN_EXPORT}")
    if own := _OWN_HEADER.fullmatch(first):
        _check_header({"format": EXPORT_FORMAT, "version": int(own.group(1))})
        return _lines(handle)
    handle.seek(0)
    events = ijson.basic_parse(handle, use_float=True)
    header: dict[str, Any] = {}
    try:
        event, _ = next(events, ("end", None))
        if event != "start_map":
            raise NotAnExport(_NOT_AN_EXPORT)
        for event, key in events:
            if event != "map_key":
                break
            event, value = next(events)
            if key == TABLE and event == "start_map" and not header:  # a month file
                return _values(events)
            if key == "records":
                _check_header(header)
                if event != "start_array":
                    raise NotAnExport("its records are not a list")
                return _items(events)
            if key in ("format", "version") and event in ("string", "number"):
                header[key] = value
            else:
                _skip(event, events)
    except ijson.JSONError as err:
        raise NotAnExport(json_error_words(err)) from None
    _check_header(header)
    raise NotAnExport("it holds no list of records")


_NOT_AN_EXPORT = "it is not a coach JSON export (coach export --format json makes one)"


def _check_header(header: dict[str, Any]) -> None:
    if header.get("format") != EXPORT_FORMAT:
        raise NotAnExport(_NOT_AN_EXPORT)
    version = header.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise NotAnExport("its version is not a number coach knows")
    if version > EXPORT_VERSION:
        raise NotAnExport("it was made by a newer coach; update coach to import it")


def _lines(handle: BinaryIO) -> Iterator[Any]:
    import orjson

    while True:
        line = handle.readline()
        if line in _OWN_END:
            return
        if not line.endswith(b"\n"):
            raise NotAnExport("the file ends in the middle (it may have been cut short)")
        try:
            record = orjson.loads(line[:-2] if line.endswith(b",\n") else line)
        except orjson.JSONDecodeError as err:
            if "recursion" in str(err) or "depth limit" in str(err):
                yield TOO_DEEP
                continue
            raise NotAnExport(f"it is not valid JSON there ({err.msg}; note that NaN and "
                              "Infinity are not numbers JSON allows)") from None
        yield record


def _values(events: Iterator[tuple[str, Any]]) -> Iterator[Any]:
    """The records of a month file's table, by id: {"1": {...}, "2": {...}}."""
    for event, _ in events:
        if event == "end_map":
            return
        event, value = next(events)
        yield _build(event, value, events, 1)


def _items(events: Iterator[tuple[str, Any]]) -> Iterator[Any]:
    for event, value in events:
        if event == "end_array":
            return
        item = _build(event, value, events, 1)
        yield item


def _build(event: str, value: Any, events: Iterator[tuple[str, Any]], depth: int) -> Any:
    if event not in ("start_map", "start_array"):
        return value
    if depth > MAX_RECORD_DEPTH:
        _skip(event, events)
        return TOO_DEEP
    too_deep = False
    if event == "start_array":
        items: list[Any] = []
        for event, value in events:
            if event == "end_array":
                return TOO_DEEP if too_deep else items
            item = _build(event, value, events, depth + 1)
            too_deep = too_deep or item is TOO_DEEP
            items.append(item)
    mapping: dict[str, Any] = {}
    for event, key in events:
        if event == "end_map":
            return TOO_DEEP if too_deep else mapping
        event, value = next(events)
        item = _build(event, value, events, depth + 1)
        too_deep = too_deep or item is TOO_DEEP
        mapping[key] = item
    return TOO_DEEP  # the events ended early: the parser raises on the next read


def _skip(event: str, events: Iterator[tuple[str, Any]]) -> None:
    """Pass over a value without building it, however deep."""
    if event not in ("start_map", "start_array"):
        return
    depth = 1
    for event, _ in events:
        if event in ("start_map", "start_array"):
            depth += 1
        elif event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                return


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
        problem = f"the record is nested more than {MAX_RECORD_DEPTH} levels deep" \
            if record is TOO_DEEP else record_problem(record)
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
