"""Babel extraction method for the rule table, so staff see each value's label and source note in their language.

Registered in `babel.cfg` by its dotted path; every series' `description` and every period's `source` become messages
with the context `rules` (the staff details of the rights-check card translate them).
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

import yaml

CONTEXT = "rules"
Extracted = tuple[int, str, tuple[str, str], list[str]]
KEEP = "keep article numbers, names of laws and decrees, dates, links and quotations « … » as they are"
"""What the translator comment of a source note asks: the legal references stay as the official text writes them."""


def extract_rules(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Yield each series description with the series name, then its periods' source notes, as translator comments."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    if not isinstance(root, yaml.MappingNode):
        return
    for name, body in root.value:
        if not isinstance(body, yaml.MappingNode):
            continue
        for key, value in body.value:
            if key.value == "description" and isinstance(value, yaml.ScalarNode) and value.value:
                yield value.start_mark.line + 1, "pgettext", (CONTEXT, str(value.value)), [f"rule {name.value}"]
        for key, value in body.value:
            if key.value == "periods" and isinstance(value, yaml.SequenceNode):
                yield from _sources(str(name.value), value)


def _sources(name: str, periods: yaml.SequenceNode) -> Iterator[Extracted]:
    """Each period's source note, with the series name and the period's first day."""
    for period in periods.value:
        if not isinstance(period, yaml.MappingNode):
            continue
        fields = {str(k.value): v for k, v in period.value if isinstance(v, yaml.ScalarNode)}
        source = fields.get("source")
        if source is not None and source.value:
            since = fields["since"].value if "since" in fields else "?"
            comment = f"source of rule {name} from {since}: {KEEP}"
            yield source.start_mark.line + 1, "pgettext", (CONTEXT, str(source.value)), [comment]
