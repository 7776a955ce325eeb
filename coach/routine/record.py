"""Records: YAML mappings read into frozen dataclasses, field by field.

A field declared with `option()` carries its kind and its documentation, so
one dataclass is at once the model, the validator and the JSON Schema.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterable
from typing import Any

import yaml

from coach.routine.kinds import INVALID, Context, Kind, did_you_mean, is_null
from coach.routine.problems import Severity
from coach.foundation.visible import quoted

#: What a record's `check()` yields: the key it concerns, a message, a severity.
Finding = tuple[str, str, Severity]


def option(kind: Kind, doc: str, *, default: Any = dataclasses.MISSING,
           required: bool = False, key: str | None = None) -> Any:
    """Declare a field that is read from YAML.

    `required` fields must be present in the file even when the dataclass
    gives a default (the loader may fill that default in other ways).
    """
    metadata = {"kind": kind, "doc": doc, "required": required, "key": key}
    return dataclasses.field(default=default, metadata=metadata)


def yaml_fields(cls: type) -> dict[str, dataclasses.Field[Any]]:
    """The fields of `cls` that are read from YAML, by their YAML key."""
    return {
        (f.metadata.get("key") or f.name): f
        for f in dataclasses.fields(cls)
        if "kind" in f.metadata
    }


class Record(Kind):
    """A mapping read into the dataclass `cls` (see `option`)."""

    node_types = (yaml.MappingNode,)

    def __init__(self, cls: type, label: str, *, ignored_keys: Iterable[str] = (),
                 build: Callable[[Any], Any] | None = None) -> None:
        self.cls = cls
        self.label = label
        self.noun = f"{label} (key: value lines)"
        self.ignored_keys = frozenset(ignored_keys)
        self.build = build

    def read_checked(self, node: yaml.MappingNode, ctx: Context) -> Any:
        fields = yaml_fields(self.cls)
        values: dict[str, Any] = {}
        value_nodes: dict[str, yaml.Node] = {}
        key_lines: dict[str, int] = {}
        failed = False
        for key_node, value_node in node.value:
            if not (ctx.visit(key_node) and ctx.visit(value_node)):
                return INVALID
            key = self._key(key_node, ctx)
            if key is None:
                failed = True
                continue
            if key in key_lines:
                ctx.error(key_node, f"{quoted(key)} is given twice in {self.label} (first on line "
                          f"{key_lines[key]}); keep one")
                failed = True
                continue
            key_lines[key] = key_node.start_mark.line + 1
            value_nodes[key] = value_node
            if key in self.ignored_keys:
                continue
            field = fields.get(key)
            if field is None:
                ctx.error(key_node, self._unknown_key_message(key, fields))
                failed = True
                continue
            if is_null(value_node):
                continue  # an empty value means "use the default"
            outer_field, ctx.field = ctx.field, key
            value = field.metadata["kind"].read(value_node, ctx)
            ctx.field = outer_field
            if value is INVALID:
                failed = True
            else:
                values[field.name] = value
        for key, field in fields.items():
            if field.metadata["required"] and field.name not in values and key not in value_nodes:
                ctx.error(node, f"{self.label} needs {key!r} ({_lower(field.metadata['doc'])})")
                failed = True
            elif field.metadata["required"] and key in value_nodes and is_null(value_nodes[key]):
                ctx.error(value_nodes[key], f"{key!r} has no value ({_lower(field.metadata['doc'])})")
                failed = True
        if failed:
            return INVALID
        record = self.cls(**values)
        for key, message, severity in getattr(record, "check", lambda: ())():
            where = value_nodes.get(key, node)
            if severity == "warning":
                ctx.warn(where, message)
            else:
                ctx.error(where, message)
                failed = True
        if failed:
            return INVALID
        return self.build(record) if self.build else record

    def _key(self, key_node: yaml.Node, ctx: Context) -> str | None:
        if not isinstance(key_node, yaml.ScalarNode):
            ctx.error(key_node, f"keys in {self.label} must be plain words")
            return None
        return key_node.value

    def _unknown_key_message(self, key: str, fields: dict[str, Any]) -> str:
        known = sorted(fields)
        hint = did_you_mean(key, known)
        if not hint:
            hint = f"; known keys: {', '.join(known)}"
        return f"unknown key {quoted(key)} in {self.label}{hint}"

    def schema(self) -> dict[str, Any]:
        properties: dict[str, Any] = {}
        required: list[str] = []
        for key, field in yaml_fields(self.cls).items():
            prop = dict(field.metadata["kind"].schema())
            prop["description"] = field.metadata["doc"]
            default = field.default
            if isinstance(default, (bool, int, float, str)) and default != "":
                prop["default"] = default
            properties[key] = prop
            if field.metadata["required"]:
                required.append(key)
        result: dict[str, Any] = {"type": "object", "additionalProperties": False,
                                  "properties": properties}
        if required:
            result["required"] = required
        return result


#: Where a field's documentation ends its first sentence: a full stop before the capital of
#: the next, not the one of an abbreviation ("e.g. Monday").
_SENTENCE_END = re.compile(r"(?<!\be\.g)(?<!\bi\.e)\.\s+(?=[A-Z])")


def _lower(doc: str) -> str:
    """A field's documentation as a clause, its first sentence whole with its examples:
    'When it is due, e.g. "07:30". More.' -> 'when it is due, e.g. "07:30"'."""
    first = _SENTENCE_END.split(doc.strip(), maxsplit=1)[0].rstrip(".")
    return first[:1].lower() + first[1:]


def find_value_node(node: yaml.MappingNode, key: str) -> yaml.Node | None:
    """The value node of `key` in a mapping node, if the key is there."""
    for key_node, value_node in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value_node
    return None
