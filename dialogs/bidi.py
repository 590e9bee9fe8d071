"""Text people type, inside our own sentences: its direction overrides stay inside it (UAX #9 isolates).

A right-to-left override (U+202E) typed in a comment or a staff display name would reverse the rest of the line
where staff read it; an unmatched "pop" would close our own isolate early. `contained` keeps such text in its box.
"""

from __future__ import annotations

import re

FSI, PDI, PDF = "\u2068", "\u2069", "\u202c"
LRI, RLI = "\u2066", "\u2067"
LRM, RLM = "\u200e", "\u200f"
"""Left-to-right and right-to-left marks: invisible, they set the reading way of what they start."""
EMBEDDINGS = frozenset("\u202a\u202b\u202d\u202e")
"""LRE, RLE, LRO, RLO: closed by PDF (U+202C)."""
ISOLATES = frozenset("\u2066\u2067\u2068")
"""LRI, RLI, FSI: closed by PDI (U+2069)."""
CONTROLS = frozenset(EMBEDDINGS | ISOLATES | {PDF, PDI})
_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ANY_CONTROL, _ALL_CONTROLS = _CONTROL.search, _CONTROL.findall
"""Finds one of `CONTROLS` (the two runs U+202A–U+202E and U+2066–U+2069) in one pass of the regex engine."""
_INVISIBLE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]").findall
"""The marks (LRM, RLM, ALM) and `CONTROLS`: nothing drawn."""
_PIECES = re.compile(f"({_CONTROL.pattern})").split
"""The text cut around each control, the controls kept: `balanced` walks the controls, not every character."""


def has_controls(text: str) -> bool:
    """Whether the text carries an embedding, override or isolate (or their end)."""
    return _ANY_CONTROL(text) is not None


def balanced(text: str, *, close: bool) -> str:
    """The text with every unmatched end dropped, and its unclosed openings closed at its end (`close`) or dropped."""
    if not has_controls(text) or _isolates_closed(text):
        return text
    kept: list[str] = []
    opened: list[int] = []  # positions in `kept` of the openings not closed yet, innermost last
    for piece in _PIECES(text):  # runs of plain text between the controls, each control alone
        if piece not in CONTROLS:
            if piece:
                kept.append(piece)
            continue
        if piece in EMBEDDINGS or piece in ISOLATES:
            opened.append(len(kept))
        elif piece == PDF:
            if not opened or kept[opened[-1]] not in EMBEDDINGS:
                continue  # no embedding open in the current isolate: it would end nothing of its own
            opened.pop()
        elif not any(kept[at] in ISOLATES for at in opened):  # a PDI
            continue  # unmatched: it would close our isolate around the text
        else:
            while kept[opened[-1]] in EMBEDDINGS:  # a PDI also ends the embeddings opened in its isolate
                kept.append(PDF)
                opened.pop()
            opened.pop()
        kept.append(piece)
    if close:
        return "".join(kept) + "".join(PDF if kept[at] in EMBEDDINGS else PDI for at in reversed(opened))
    for at in reversed(opened):
        del kept[at]
    return "".join(kept)


def _isolates_closed(text: str) -> bool:
    """Whether the text's only controls are first-strong isolates, each closed in order (our own `{FSI}value{PDI}`
    around the values of a sentence): nothing to balance."""
    depth = 0
    for char in _ALL_CONTROLS(text):
        if char == FSI:
            depth += 1
        elif char == PDI and depth:
            depth -= 1
        else:
            return False
    return depth == 0


def contained(text: str) -> str:
    """Text typed by someone, each of its lines between FSI and PDI with its own openings closed: it cannot reorder
    what follows (unchanged when it has no direction control)."""
    if not has_controls(text):
        return text
    return "\n".join(f"{FSI}{balanced(line, close=True)}{PDI}" if line else line for line in text.split("\n"))


def stripped(text: str) -> str:
    """A name as stored: unmatched openings and ends dropped, so it never reorders the text it is shown in."""
    return balanced(text, close=False)


def isolated(text: str, rtl: bool) -> str:
    """Words of one language inside a line of two: read their own way (right-to-left isolate, or left-to-right), so
    their arrows and punctuation stay where they are written whatever surrounds them."""
    return f"{RLI}{text.removeprefix(RLM)}{PDI}" if rtl else f"{LRI}{text}{PDI}"


def visible(text: str) -> int:
    """The characters a phone shows of the text: its direction marks and controls take no room."""
    return len(text) - len(_INVISIBLE(text))


def shortened(text: str, limit: int) -> str:
    """The text when it holds at most `limit` characters; else cut, ending with "…", every isolate or embedding it
    opened closed before the "…", so a date or number cut in its middle never reorders what follows."""
    if len(text) <= limit:
        return text
    for keep in range(limit - 1, 0, -1):
        cut = balanced(text[:keep].rstrip(), close=True)
        if len(cut) < limit:
            return f"{cut}…"
    return "…"
