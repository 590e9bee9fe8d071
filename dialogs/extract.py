"""Babel extraction method for flow YAML files, so `pybabel extract` sees every flow text."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

import yaml

TEXT_KEYS = frozenset({"title", "intro", "text", "help", "simple", "summary", "label", "pattern_error"})
Extracted = tuple[int, str, tuple[str, str], list[str]]


def _fields(node: yaml.Node) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): v for k, v in node.value}


def _texts(node: yaml.Node, context: str, where: str) -> Iterator[Extracted]:
    for key, value in _fields(node).items():
        if key in TEXT_KEYS and isinstance(value, yaml.ScalarNode) and value.value:
            yield value.start_mark.line + 1, "pgettext", (context, str(value.value)), [f"{where}: {key}"]


def extract_flows(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Yield each translatable text with context `flow:<id>` and a comment saying where it is."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    if root is None:
        return
    top = _fields(root)
    flow_id = getattr(top.get("id"), "value", "?")
    context = f"flow:{flow_id}"
    yield from _texts(root, context, "flow")
    steps = top.get("steps")
    for step in steps.value if isinstance(steps, yaml.SequenceNode) else []:
        step_id = getattr(_fields(step).get("id"), "value", "?")
        yield from _texts(step, context, f"step {step_id}")
        option_list = _fields(step).get("options")
        for option in option_list.value if isinstance(option_list, yaml.SequenceNode) else []:
            option_id = getattr(_fields(option).get("id"), "value", "?")
            yield from _texts(option, context, f"step {step_id}, option {option_id}")
    orientations = _fields(top.get("scoring", yaml.MappingNode("", []))).get("orientations")
    for orientation in orientations.value if isinstance(orientations, yaml.SequenceNode) else []:
        orientation_id = getattr(_fields(orientation).get("id"), "value", "?")
        yield from _texts(orientation, context, f"orientation {orientation_id}")
