"""JSON Schema of the routine format, generated from the same declarations the loader reads."""

from __future__ import annotations

import json
from typing import Any

from coach import __version__
from coach.routine.model import ROUTINE_RECORD


def routine_schema() -> dict[str, Any]:
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "coach routine",
        "description": f"A routine file for coach {__version__}: a title, an optional "
                       "schedule and an ordered list of steps.",
        **ROUTINE_RECORD.schema(),
    }


def routine_schema_json() -> str:
    return json.dumps(routine_schema(), indent=2, ensure_ascii=False) + "\n"
