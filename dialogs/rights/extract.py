"""Babel extraction method for the rule table, so staff see each value's label in their language.

Registered in `babel.cfg` by its dotted path; every series' `description` becomes a message with the
context `rules` (the staff details of the rights-check card translate them).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

import yaml

CONTEXT = "rules"
Extracted = tuple[int, str, tuple[str, str], list[str]]


def extract_rules(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Yield each series description with the series name as a translator comment."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    if not isinstance(root, yaml.MappingNode):
        return
    for name, body in root.value:
        if not isinstance(body, yaml.MappingNode):
            continue
        for key, value in body.value:
            if key.value == "description" and isinstance(value, yaml.ScalarNode) and value.value:
                yield value.start_mark.line + 1, "pgettext", (CONTEXT, str(value.value)), [f"rule {name.value}"]
