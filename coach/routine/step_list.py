"""The `steps:` list: each item's `type` picks its step class from the registry."""

from __future__ import annotations

import dataclasses
from typing import Any

import yaml

from coach.routine.kinds import INVALID, Context, Kind, describe_node, did_you_mean
from coach.routine.record import Record, find_value_node
from coach.routine.steps import STEP_TYPES, Step
from coach.foundation.visible import quoted

MAX_STEPS = 40


class StepList(Kind):
    noun = "a list of steps, each starting with '- type: ...'"
    node_types = (yaml.SequenceNode,)

    def read_checked(self, node: yaml.SequenceNode, ctx: Context) -> Any:
        if not node.value:
            return ctx.error(node, "a routine needs at least one step")
        if len(node.value) > MAX_STEPS:
            return ctx.error(node, f"a routine may have at most {MAX_STEPS} steps, found "
                             f"{len(node.value)}")
        steps: list[Step] = []
        failed = False
        used_ids: dict[str, int] = {}
        type_counts: dict[str, int] = {}
        for item in node.value:
            if not ctx.visit(item):
                return INVALID
            step = self._read_step(item, ctx)
            if step is INVALID:
                failed = True
                continue
            count = type_counts[step.type_name] = type_counts.get(step.type_name, 0) + 1
            changes: dict[str, str] = {}
            if not step.title:
                changes["title"] = step.title_by_default()
            if not step.id:
                changes["id"] = step.type_name if count == 1 else f"{step.type_name}-{count}"
            step = dataclasses.replace(step, **changes) if changes else step
            line = item.start_mark.line + 1
            if step.id in used_ids:
                id_node = find_value_node(item, "id") or item
                explicit = "id" not in changes
                hint = "" if explicit else " (given by default); add 'id:' to tell them apart"
                ctx.error(id_node, f"step id {step.id!r} is already used by the step on line "
                          f"{used_ids[step.id]}{hint}")
                failed = True
                continue
            used_ids[step.id] = line
            steps.append(step)
        return INVALID if failed else tuple(steps)

    def _read_step(self, item: yaml.Node, ctx: Context) -> Any:
        names = sorted(STEP_TYPES)
        if not isinstance(item, yaml.MappingNode):
            return ctx.error(item, f"expected a step (key: value lines starting with "
                             f"'type:'), found {describe_node(item)}")
        if not all(ctx.visit(key) for key, _ in item.value):
            return INVALID
        type_node = find_value_node(item, "type")
        if type_node is None:
            return ctx.error(item, f"this step needs a 'type': one of {', '.join(names)}")
        if not isinstance(type_node, yaml.ScalarNode):
            return ctx.error(type_node, f"a step's type is a word: one of {', '.join(names)}")
        type_name = type_node.value.strip()
        cls = STEP_TYPES.get(type_name) or STEP_TYPES.get(type_name.lower().replace("-", "_"))
        if cls is None:
            return ctx.error(type_node, f"unknown step type {quoted(type_name)}"
                             f"{did_you_mean(type_name, names) or ';'} valid types: "
                             f"{', '.join(names)}")
        return Record(cls, f"a {cls.type_name} step", ignored_keys=("type",)).read(item, ctx)

    def schema(self) -> dict[str, Any]:
        branches = []
        for name, cls in sorted(STEP_TYPES.items()):
            body = Record(cls, name).schema()
            body["properties"] = {"type": {"const": name, "description": cls.summary},
                                  **body["properties"]}
            branches.append({"if": {"properties": {"type": {"const": name}},
                                    "required": ["type"]},
                             "then": body})
        return {
            "type": "array",
            "minItems": 1,
            "maxItems": MAX_STEPS,
            "items": {
                "type": "object",
                "required": ["type"],
                "properties": {"type": {"enum": sorted(STEP_TYPES),
                                        "description": "What kind of step this is."}},
                "allOf": branches,
            },
        }
