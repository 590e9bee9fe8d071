"""Administrative words (C2S, AME, CPAM, CGSS, carte Vitale, PASS, ameli) explained once to each person, in plain words.

The words and their explanations are data (`dialogs/glossary.yaml`); the explanations are translated through the
catalogs (context "glossary"). A term is found in a text as it is written in every language (it is not translated).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, cached_property
from pathlib import Path
from typing import IO, Any

import yaml

from dialogs.i18n import Translator
from dialogs.reply import MAX_TEXT, Reply, units
from dialogs.text import Msg, msg

GLOSSARY_FILE = Path(__file__).with_name("glossary.yaml")
CONTEXT = "glossary"
# The context is written out: pybabel extracts literal strings only.
# TRANSLATORS: {line} is the explanation of an administrative word; keep the emoji first.
NOTE = msg("📖 {line}", "glossary")


@dataclass(frozen=True)
class Term:
    """An administrative word and its one-sentence explanation."""

    id: str
    term: str
    explanation: str

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """The word on its own (« AME » is not found in « ameli » nor in « AMELI »)."""
        return re.compile(rf"(?<!\w){re.escape(self.term)}(?!\w)")


@cache
def glossary(path: Path = GLOSSARY_FILE) -> tuple[Term, ...]:
    """The glossary's terms, in the file's order."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return tuple(Term(str(e["id"]), str(e["term"]), str(e["explanation"])) for e in raw)


def explain(replies: Sequence[Reply], t: Translator, seen: Collection[str]) -> tuple[list[Reply], list[str]]:
    """The replies, each term not yet seen explained under the first message holding it; and the terms explained."""
    waiting = [term for term in glossary() if term.id not in seen]
    explained: list[str] = []
    shown: list[Reply] = []
    for reply in replies:
        found = [term for term in waiting if term.id not in explained and term.pattern.search(reply.text)]
        if found:
            notes = "\n".join(t.line(NOTE, Msg(term.explanation, CONTEXT)) for term in found)
            shown.extend(_noted(reply, notes))
            explained.extend(term.id for term in found)
        else:
            shown.append(reply)
    return shown, explained


def _noted(reply: Reply, notes: str) -> list[Reply]:
    """The reply with the notes under its text; in a message of their own, the buttons under them, when the reply (a
    full message of a long card) would then be longer than Telegram takes."""
    text = f"{reply.text}\n\n{notes}"
    if units(text) <= MAX_TEXT:
        return [replace(reply, text=text)]
    return [Reply(reply.text, edit=reply.edit), replace(reply, text=notes, edit=False)]


def extract_glossary(
    fileobj: IO[bytes], keywords: Collection[str], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, str, tuple[str, str], list[str]]]:
    """Babel extraction of the explanations (context "glossary"), for `make i18n`."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    for entry in root.value if isinstance(root, yaml.SequenceNode) else []:
        fields = {str(k.value): v for k, v in entry.value}
        text = fields.get("explanation")
        if isinstance(text, yaml.ScalarNode):
            term = getattr(fields.get("term"), "value", "?")
            note = f"glossary: explanation of « {term} », shown once; keep « {term} » as it is written"
            yield text.start_mark.line + 1, "pgettext", (CONTEXT, str(text.value)), [note]
