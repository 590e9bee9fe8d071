"""Babel extraction method for flow YAML files, so `pybabel extract` sees every flow text.

Each text comes with a comment saying where it is ("step q7: text") and, when the YAML has them, the comment lines
tagged with one of pybabel's comment tags (`-c TRANSLATORS:`) written right above the step, option or orientation,
or right above the text's own key: "# TRANSLATORS: validated wording, do not paraphrase". A question's answers
(option labels, and « Oui » / « Non » of a yes/no question) have the question's own context ("flow:gfst/tired"),
so the same « Oui » in two questions can be translated apart.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from typing import IO, Any

import yaml

from dialogs.steps.base import answers_context
from dialogs.steps.yesno import NO, YES

TEXT_KEYS = frozenset(
    {"title", "intro", "text", "help", "simple", "summary", "label", "pattern_error", "at_most_error", "max_error"}
)
Extracted = tuple[int, str, tuple[str, str], list[str]]
BUTTON = (
    "answer button: at most 38 characters, the whole choice readable (a phone cuts a button after 40, and a "
    "multiple choice adds « ☐ »)"
)
STAFF_LABEL = (
    "orientation label: what staff read for this result (staff note, console tables, command line), never the "
    "person; short, standing alone after « orientation » (« orientation « … » »)"
)


def _fields(node: yaml.Node) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): v for k, v in node.value}


def _keys(node: yaml.Node) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {str(k.value): k for k, _ in node.value}


def notes_above(lines: Sequence[str], line: int, tags: Collection[str]) -> list[str]:
    """The tagged comments right above line `line` (0-based); untagged comment lines after a tag continue its note."""
    block: list[str] = []
    row = line - 1
    while row >= 0 and lines[row].strip().startswith("#"):
        block.insert(0, lines[row].strip().lstrip("#").strip())
        row -= 1
    notes: list[str] = []
    for text in block:
        if any(text.startswith(tag) for tag in tags):
            notes.append(text)
        elif notes and text:
            notes[-1] = f"{notes[-1]} {text}"
    return notes


def _texts(
    node: yaml.Node,
    context: str,
    where: str,
    lines: Sequence[str],
    tags: Collection[str],
    extra: Sequence[str] = (),
    label_note: str | None = None,
) -> Iterator[Extracted]:
    own = notes_above(lines, node.start_mark.line, tags) if tags else []
    keys = _keys(node)
    for key, value in _fields(node).items():
        if key in TEXT_KEYS and isinstance(value, yaml.ScalarNode) and value.value:
            above = notes_above(lines, keys[key].start_mark.line, tags) if tags else []
            notes = list(dict.fromkeys([*own, *above]))
            own_extra = [label_note] if key == "label" and label_note else []
            comments = [f"{where}: {key}", *extra, *own_extra, *notes]
            yield value.start_mark.line + 1, "pgettext", (context, str(value.value)), comments


def _yes_no(step: yaml.Node, context: str, where: str) -> Iterator[Extracted]:
    """« Oui » and « Non » of a yes/no question, in the question's own context."""
    line = step.start_mark.line + 1
    for answer in (YES, NO):
        yield line, "pgettext", (context, answer.msgid), [f"{where}: answer", BUTTON]


def extract_flows(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Extracted]:
    """Yield each translatable text with context `flow:<id>`, where it is, and the translators' notes above it."""
    source = fileobj.read().decode("utf-8")
    lines = source.splitlines()
    root = yaml.compose(source)
    if root is None:
        return
    top = _fields(root)
    flow_id = getattr(top.get("id"), "value", "?")
    context = f"flow:{flow_id}"
    yield from _texts(root, context, "flow", lines, comment_tags)
    steps = top.get("steps")
    for step in steps.value if isinstance(steps, yaml.SequenceNode) else []:
        step_id = str(getattr(_fields(step).get("id"), "value", "?"))
        yield from _texts(step, context, f"step {step_id}", lines, comment_tags)
        answers = answers_context(context, step_id)
        if getattr(_fields(step).get("kind"), "value", None) == "yesno":
            yield from _yes_no(step, answers, f"step {step_id}")
        option_list = _fields(step).get("options")
        for option in option_list.value if isinstance(option_list, yaml.SequenceNode) else []:
            option_id = getattr(_fields(option).get("id"), "value", "?")
            where = f"step {step_id}, option {option_id}"
            yield from _texts(option, answers, where, lines, comment_tags, (BUTTON,))
    orientations = _fields(top.get("scoring", yaml.MappingNode("", []))).get("orientations")
    for orientation in orientations.value if isinstance(orientations, yaml.SequenceNode) else []:
        orientation_id = getattr(_fields(orientation).get("id"), "value", "?")
        where = f"orientation {orientation_id}"
        yield from _texts(orientation, context, where, lines, comment_tags, label_note=STAFF_LABEL)
