"""The mediated labels tests expect, written out: a right-to-left half and the French each in their own isolate."""

from __future__ import annotations

RLM, LRI, RLI, PDI = "\u200f", "\u2066", "\u2067", "\u2069"


def paired(theirs: str, french: str, language: str) -> str:
    """« Yes · Oui » as a mediated button shows it to a French-reading mediator and a person reading `language`."""
    if language not in ("ar", "fa"):
        return f"{theirs} · {french}"
    return f"{RLM}{RLI}{theirs.removeprefix(RLM)}{PDI} · {LRI}{french}{PDI}"
