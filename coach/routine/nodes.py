"""PyYAML's node classes for isinstance checks, without importing PyYAML.

Importing PyYAML takes about 15 ms, a tenth of what coach adds to Textual's
start-up, and a start that finds its routines in the cache (coach.routine.cache)
parses no YAML at all. The field kinds name node classes in their class bodies,
so they name these stand-ins instead: `isinstance(node, ScalarNode)` answers
exactly as it would for PyYAML's class. Only PyYAML makes nodes, so while it is
not imported nothing is a node, and no import is needed to say so.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
else:
    class _StandIn(type):
        """A class that stands for the PyYAML node class of the same name."""

        def __instancecheck__(cls, instance: Any) -> bool:
            nodes = sys.modules.get("yaml.nodes")
            return nodes is not None and isinstance(instance, getattr(nodes, cls.__name__))

        def __subclasscheck__(cls, subclass: type) -> bool:
            nodes = sys.modules.get("yaml.nodes")
            return nodes is not None and issubclass(subclass, getattr(nodes, cls.__name__))

    Node = _StandIn("Node", (), {"__module__": __name__})
    ScalarNode = _StandIn("ScalarNode", (), {"__module__": __name__})
    SequenceNode = _StandIn("SequenceNode", (), {"__module__": __name__})
    MappingNode = _StandIn("MappingNode", (), {"__module__": __name__})

__all__ = ["MappingNode", "Node", "ScalarNode", "SequenceNode"]
