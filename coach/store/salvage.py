"""Read what can be read from a damaged data file.

A file cut short or garbled part-way still holds whole records before the
damage; they are recovered one by one, and the caller keeps a copy of the
original beside it, so nothing that was there is lost.
"""

from __future__ import annotations

import json
from typing import Any

_DECODER = json.JSONDecoder()


def salvage_records(text: str, table: str) -> list[dict[str, Any]]:
    """Every complete record of `table` found before the damage, in file order."""
    start = text.find(f'"{table}"')
    if start < 0:
        return []
    brace = text.find("{", start + len(table) + 2)
    if brace < 0:
        return []
    position = brace + 1
    records: list[dict[str, Any]] = []
    while True:
        position = _skip(text, position, " \t\r\n,")
        if position >= len(text) or text[position] != '"':
            return records
        try:
            _key, position = _DECODER.raw_decode(text, position)
            position = _skip(text, position, " \t\r\n")
            if position >= len(text) or text[position] != ":":
                return records
            value, position = _DECODER.raw_decode(text, _skip(text, position + 1, " \t\r\n"))
        except ValueError:
            return records
        if isinstance(value, dict):
            records.append(value)


def _skip(text: str, position: int, characters: str) -> int:
    while position < len(text) and text[position] in characters:
        position += 1
    return position
