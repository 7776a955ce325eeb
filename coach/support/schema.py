"""JSON Schema of support.yaml, generated from the same declarations the loader reads."""

from __future__ import annotations

import json

from coach import __version__
from coach.support.plan import PLAN_RECORD


def support_schema_json() -> str:
    description = (f"A support plan for coach {__version__}: seven optional sections, each a "
                   "list of lines in your own words.")
    return json.dumps({"$schema": "http://json-schema.org/draft-07/schema#",
                       "title": "coach support plan", "description": description,
                       **PLAN_RECORD.schema()}, indent=2, ensure_ascii=False) + "\n"
